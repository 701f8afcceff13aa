/**
 * The NPM client: {@linkcode NpmApi} over HTTP, with login, token renewal,
 * one re-login per call on a stale-token answer, retries with backoff, and a
 * create that never makes a second host when the first answer was lost.
 *
 * @module
 */
import { errAsync, ok, okAsync, type ResultAsync } from "neverthrow";
import type { ProxyHost } from "../model/mod.ts";
import { createTokenSource } from "./auth.ts";
import { describeNpmError } from "./describe_error.ts";
import { apiOrigin, type HttpContext, type HttpRequest, requestUrl, sendRequest } from "./http.ts";
import { sleep } from "../timing/mod.ts";
import { type RetryOptions, withRetry } from "./retry.ts";
import {
  accessListListSchema,
  certificateListSchema,
  certificateRowSchema,
  otherHostListSchema,
  parseAnswer,
  proxyHostListSchema,
  proxyHostRowSchema,
  rowListSchema,
  statusSchema,
} from "./schemas.ts";
import { toCertificate, toProxyHost } from "./to_proxy_host.ts";
import type { CreateHostBody, NpmApi, NpmError, NpmRowReader, NpmStatus } from "./types.ts";

/** How to reach and log in to NPM, and the knobs tests turn. */
export interface NpmClientOptions {
  /** `NPM_API_URL`, e.g. `http://npm:81`; a trailing `/api` or `/` is accepted. */
  readonly url: string;
  readonly email: string;
  /** Sent only in the login body; never logged or put in an error. */
  readonly password: string;
  /** Base32 key of the account's two-factor login (`NPM_API_TOTP_SECRET`), never logged. */
  readonly totpSecret?: string;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Per request, in ms. @default 10_000 */
  readonly timeoutMs?: number;
  /** @default { attempts: 5, baseDelayMs: 250, maxDelayMs: 8_000 } */
  readonly retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  /** Waits between retries; must end early when the signal aborts. @default a timer */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** Clock for token expiry, in ms. @default Date.now */
  readonly now?: () => number;
  /** Aborting cancels the request in flight and stops retries at once. */
  readonly signal?: AbortSignal;
  /** Told once per new login after NPM refused the token, with NPM's reason. */
  readonly onRelogin?: (cause: string) => void;
}

/** The client: {@linkcode NpmApi}, and NPM's raw rows for read-only audits. */
export type NpmClient = NpmApi & NpmRowReader;

/** One public call; it may log in again once, whatever its retries. */
interface Call {
  reloggedIn: boolean;
}

const PROXY_HOSTS = "/api/nginx/proxy-hosts";
const CERTIFICATES = "/api/nginx/certificates";
const ACCESS_LISTS = "/api/nginx/access-lists";
const IN_USE = /^(.*) is already in use$/i;

/** Creates an {@linkcode NpmApi} that logs in lazily, on its first authenticated request. */
export function createNpmClient(options: NpmClientOptions): NpmClient {
  const http: HttpContext = {
    origin: apiOrigin(options.url),
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? 10_000,
    signal: options.signal,
  };
  const tokens = createTokenSource(http, {
    email: options.email,
    password: options.password,
    totpSecret: options.totpSecret,
    now: options.now ?? Date.now,
    onRelogin: options.onRelogin,
  });
  const retry: RetryOptions = {
    attempts: Math.max(1, options.retry?.attempts ?? 5),
    baseMs: options.retry?.baseDelayMs ?? 250,
    maxMs: options.retry?.maxDelayMs ?? 8_000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleep,
    signal: options.signal,
  };
  const url = (path: string) => requestUrl(http, path);

  /** Sends with a token; on a stale-token answer logs in again (once per call) and repeats. */
  function authed(
    call: Call,
    request: HttpRequest,
    { staleOn500 = true }: { staleOn500?: boolean } = {},
  ): ResultAsync<unknown, NpmError> {
    return tokens.current().andThen((token) =>
      sendRequest(http, { ...request, token }).orElse((error) => {
        if (call.reloggedIn || !isStaleToken(error, staleOn500)) return errAsync(error);
        call.reloggedIn = true;
        return tokens.replace(token, describeNpmError(error)).andThen((fresh) =>
          sendRequest(http, { ...request, token: fresh })
        );
      })
    );
  }

  function listHosts(call: Call): ResultAsync<ProxyHost[], NpmError> {
    return authed(call, { method: "GET", path: PROXY_HOSTS })
      .andThen((body) => parseAnswer(proxyHostListSchema, body, { url: url(PROXY_HOSTS) }))
      .map((rows) => rows.map(toProxyHost));
  }

  /** The host a lost create answer may have made: this domain, owned for this container. */
  function findCreated(
    call: Call,
    body: CreateHostBody,
  ): ResultAsync<ProxyHost | undefined, NpmError> {
    const domain = body.domain_names[0]?.toLowerCase();
    return listHosts(call).map((hosts) =>
      hosts.find((host) =>
        host.domain_names.includes(domain) && host.owner?.container_id === body.meta.container_id
      )
    );
  }

  function writeHost(call: Call, request: HttpRequest, options?: { staleOn500?: boolean }) {
    return authed(call, request, options)
      .andThen((answer) => parseAnswer(proxyHostRowSchema, answer, { url: url(request.path) }))
      .map(toProxyHost)
      .mapErr((error) => asDomainInUse(error));
  }

  /** A write with no answer to read, retried; `done` says which refusal means it is done. */
  function settle(request: HttpRequest, done: (error: NpmError) => boolean) {
    const call: Call = { reloggedIn: false };
    return withRetry(
      () =>
        authed(call, request).map(() => undefined)
          .orElse((error) => done(error) ? okAsync(undefined) : errAsync(error)),
      retry,
    );
  }

  function toggle(id: number, action: "enable" | "disable"): ResultAsync<void, NpmError> {
    const already = `Host is already ${action}d`;
    return settle(
      { method: "POST", path: `${PROXY_HOSTS}/${id}/${action}` },
      (error) => error.kind === "npm_rejected" && error.message === already,
    );
  }

  function otherDomains(call: Call, path: string): ResultAsync<string[], NpmError> {
    return withRetry(
      () =>
        authed(call, { method: "GET", path })
          .andThen((body) => parseAnswer(otherHostListSchema, body, { url: url(path) }))
          .map((rows) => rows.flatMap((row) => row.domain_names)),
      retry,
    );
  }

  return {
    status() {
      return withRetry(
        () =>
          sendRequest(http, { method: "GET", path: "/api/" })
            .andThen((body) => parseAnswer(statusSchema, body, { url: url("/api/") }))
            .map(({ status, version }): NpmStatus => ({
              status,
              version: `${version.major}.${version.minor}.${version.revision}`,
            })),
        retry,
      );
    },
    login() {
      return withRetry(() => tokens.login(), retry).map(() => undefined);
    },
    listProxyHosts() {
      const call: Call = { reloggedIn: false };
      return withRetry(() => listHosts(call), retry);
    },
    listOtherHostDomains() {
      const call: Call = { reloggedIn: false };
      return otherDomains(call, "/api/nginx/redirection-hosts").andThen((redirections) =>
        otherDomains(call, "/api/nginx/dead-hosts").map((dead) => [
          ...new Set([...redirections, ...dead].map((domain) => domain.toLowerCase())),
        ])
      );
    },
    createProxyHost(body) {
      const call: Call = { reloggedIn: false };
      // A 500 to a create is not taken for a stale token: the host may exist
      // (NPM keeps the row on some 500s). The retry looks before posting again.
      const post = () =>
        writeHost(call, { method: "POST", path: PROXY_HOSTS, body }, { staleOn500: false })
          .orElse((error) =>
            error.kind === "npm_domain_in_use"
              ? findCreated(call, body).andThen((found) => found ? ok(found) : errAsync(error))
              : errAsync(error)
          );
      return withRetry(
        (attempt) =>
          attempt === 0
            ? post()
            : findCreated(call, body).andThen((found) => found ? okAsync(found) : post()),
        retry,
      );
    },
    updateProxyHost(id, body) {
      const call: Call = { reloggedIn: false };
      return withRetry(
        () => writeHost(call, { method: "PUT", path: `${PROXY_HOSTS}/${id}`, body }),
        retry,
      );
    },
    enableProxyHost(id) {
      return toggle(id, "enable");
    },
    disableProxyHost(id) {
      return toggle(id, "disable");
    },
    listAccessLists() {
      const call: Call = { reloggedIn: false };
      return withRetry(
        () =>
          authed(call, { method: "GET", path: ACCESS_LISTS })
            .andThen((body) => parseAnswer(accessListListSchema, body, { url: url(ACCESS_LISTS) }))
            .map((rows) => rows.map(({ id, name }) => ({ id, name }))),
        retry,
      );
    },
    deleteProxyHost(id) {
      // A retry after a lost answer finds it gone: that is what was asked.
      return settle(
        { method: "DELETE", path: `${PROXY_HOSTS}/${id}` },
        (error) => error.kind === "npm_not_found",
      );
    },
    listCertificates() {
      const call: Call = { reloggedIn: false };
      return withRetry(
        () =>
          authed(call, { method: "GET", path: CERTIFICATES })
            .andThen((body) => parseAnswer(certificateListSchema, body, { url: url(CERTIFICATES) }))
            .map((rows) => rows.map(toCertificate)),
        retry,
      );
    },
    requestCertificate(domains) {
      // Once only, and with 3 minutes for certbot: a request retried after a lost answer could
      // spend Let's Encrypt's weekly budget for nothing.
      const body = {
        provider: "letsencrypt",
        domain_names: domains,
        meta: { dns_challenge: false },
      };
      const request = { method: "POST", path: CERTIFICATES, body, timeoutMs: 180_000 } as const;
      return authed({ reloggedIn: false }, request, { staleOn500: false })
        .andThen((answer) => parseAnswer(certificateRowSchema, answer, { url: url(CERTIFICATES) }))
        .map(toCertificate);
    },
    listRows(collection) {
      const call: Call = { reloggedIn: false };
      const path = `/api/nginx/${collection}`;
      return withRetry(
        () =>
          authed(call, { method: "GET", path })
            .andThen((body) => parseAnswer(rowListSchema, body, { url: url(path) })),
        retry,
      );
    },
  };
}

/**
 * NPM's answers to a token it no longer takes: 400 "Token has expired",
 * 400 "Empty token", 500 for a malformed JWT; 401 just in case.
 */
function isStaleToken(error: NpmError, staleOn500: boolean): boolean {
  if (error.kind === "npm_rejected") {
    return error.status === 401 || (error.status === 400 && /\btoken\b|jwt/i.test(error.message));
  }
  return staleOn500 && error.kind === "npm_server_error" && error.status === 500;
}

/** 400 "<domain> is already in use" → `npm_domain_in_use`. */
function asDomainInUse(error: NpmError): NpmError {
  if (error.kind !== "npm_rejected" || error.status !== 400) return error;
  const match = IN_USE.exec(error.message);
  return match ? { kind: "npm_domain_in_use", domain: match[1], message: error.message } : error;
}
