/**
 * The NPM edge as the rest of EnvoyNPM sees it: a small interface that tests
 * can replace, and the errors it can answer with.
 *
 * @module
 */
import type { ResultAsync } from "neverthrow";
import type { AccessList, Certificate, HostFields, OwnerMeta, ProxyHost } from "../model/mod.ts";

/** Why an NPM request failed. Each says what failed and what to do. */
export type NpmError =
  /** Connection refused/reset/DNS, after retries: is NPM up, is `NPM_API_URL` right? */
  | { readonly kind: "npm_unreachable"; readonly url: string; readonly cause: string }
  /** No answer within the request timeout, after retries. */
  | { readonly kind: "npm_timeout"; readonly url: string; readonly timeoutMs: number }
  /** 5xx or 429 after retries. */
  | {
    readonly kind: "npm_server_error";
    readonly url: string;
    readonly status: number;
    readonly message: string;
  }
  /** Login refused (NPM answers 400 "Invalid email or password"): fix the credentials. */
  | { readonly kind: "npm_auth_failed"; readonly email: string; readonly message: string }
  /**
   * The account has two-factor login and no `NPM_API_TOTP_SECRET` was given, or NPM
   * `refused` the code computed from it (NPM's reason).
   */
  | { readonly kind: "npm_two_factor"; readonly email: string; readonly refused?: string }
  /** NPM refused a write because the domain is held by another host (400 "… is already in use"). */
  | { readonly kind: "npm_domain_in_use"; readonly domain: string; readonly message: string }
  /** The host id does not exist (404). */
  | { readonly kind: "npm_not_found"; readonly url: string; readonly message: string }
  /** Any other 4xx: NPM refused the request as sent. */
  | {
    readonly kind: "npm_rejected";
    readonly url: string;
    readonly status: number;
    readonly message: string;
  }
  /** A 2xx whose JSON does not have the expected shape. */
  | { readonly kind: "npm_bad_response"; readonly url: string; readonly detail: string };

/** `GET /api/`: NPM's health and version. */
export interface NpmStatus {
  readonly status: string;
  /** `major.minor.revision`, e.g. `2.15.1`. */
  readonly version: string;
}

/** The body of a create: every managed field and EnvoyNPM's `meta`. */
export type CreateHostBody = HostFields & { readonly meta: OwnerMeta };

/** The body of an update: only what changes. NPM replaces `meta` whole when it is sent. */
export type UpdateHostBody = Partial<HostFields> & {
  readonly meta?: OwnerMeta;
  readonly enabled?: true;
};

/** What EnvoyNPM asks of NPM. Every method logs in (and renews the token) as needed. */
export interface NpmApi {
  /** `GET /api/` (no auth). */
  status(): ResultAsync<NpmStatus, NpmError>;
  /** `POST /api/tokens`: fails fast with `npm_auth_failed` or `npm_two_factor`. */
  login(): ResultAsync<void, NpmError>;
  /** `GET /api/nginx/proxy-hosts`. */
  listProxyHosts(): ResultAsync<ProxyHost[], NpmError>;
  /** Lower-case domains of `GET /api/nginx/redirection-hosts` and `/dead-hosts`. */
  listOtherHostDomains(): ResultAsync<string[], NpmError>;
  /**
   * `POST /api/nginx/proxy-hosts`. A create whose answer was lost (timeout,
   * 5xx) may have happened: before trying again the client looks for a host
   * with this domain and this `meta.container_id`, and returns it if found.
   */
  createProxyHost(body: CreateHostBody): ResultAsync<ProxyHost, NpmError>;
  /** `PUT /api/nginx/proxy-hosts/{id}`. */
  updateProxyHost(id: number, body: UpdateHostBody): ResultAsync<ProxyHost, NpmError>;
  /** `POST …/{id}/enable`; "Host is already enabled" counts as success. */
  enableProxyHost(id: number): ResultAsync<void, NpmError>;
  /** `POST …/{id}/disable`; "Host is already disabled" counts as success. */
  disableProxyHost(id: number): ResultAsync<void, NpmError>;
  /** `GET /api/nginx/access-lists`: ids and names only, never items (passwords) or clients. */
  listAccessLists(): ResultAsync<AccessList[], NpmError>;
  /** `DELETE /api/nginx/proxy-hosts/{id}`; a host already gone counts as success. */
  deleteProxyHost(id: number): ResultAsync<void, NpmError>;
  /** `GET /api/nginx/certificates`, without their keys. */
  listCertificates(): ResultAsync<Certificate[], NpmError>;
  /**
   * `POST /api/nginx/certificates` with provider `letsencrypt` (HTTP-01): NPM asks Let's Encrypt
   * with its account's email and answers when the certificate exists, or with certbot's error.
   */
  requestCertificate(domains: readonly string[]): ResultAsync<Certificate, NpmError>;
}

/** The NPM collections {@linkcode NpmRowReader.listRows} reads. */
export type NpmCollection = "proxy-hosts" | "streams";

/** Read-only access to NPM's rows as NPM's own JSON, for audits of fields EnvoyNPM does not manage. */
export interface NpmRowReader {
  /** `GET /api/nginx/{collection}`: every row (hand-made ones too), unconverted. */
  listRows(collection: NpmCollection): ResultAsync<Record<string, unknown>[], NpmError>;
}
