/**
 * A recording fake of the controller's NPM edge ({@linkcode NpmApi}), in the
 * manner of sample-controller's fake clientsets: it keeps its hosts in memory
 * under NPM's state rules and records every call, so a test can assert the
 * exact, ordered list of requests a reconcile made. (For NPM's HTTP API served
 * on a port, see `lib/npm_double/`.)
 *
 * @module
 */
import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from "neverthrow";
import {
  type AccessList,
  type Certificate,
  PLAIN_HOST_OPTIONS,
  PLAIN_TLS_FIELDS,
  type ProxyHost,
} from "../../lib/model/mod.ts";
import { nginxCheck } from "../../lib/npm_double/nginx_check.ts";
import { parseOwnerMeta } from "../../lib/npm/owner_meta.ts";
import type {
  CreateHostBody,
  NpmApi,
  NpmError,
  NpmStatus,
  UpdateHostBody,
} from "../../lib/npm/types.ts";
import { CERTBOT_FAILED, inUse, notFound } from "./npm_errors.ts";

/** A host as a test seeds it: NPM's defaults for what it omits; its owner is read from its meta. */
type HostSeed = Partial<StoredHost> & { readonly domain_names: readonly string[] };

/** A host as the fake keeps it: NPM's row, whose owner is read from `meta` on the way out. */
type StoredHost = Omit<ProxyHost, "owner">;

/** A copy of a stored host as the client hands it over: `owner` read by the NPM edge's parser. */
function handedOver(host: StoredHost): ProxyHost {
  return { ...structuredClone(host), owner: parseOwnerMeta(host.meta) };
}

/** A rule that makes the next matching NPM calls fail. */
interface Failure {
  readonly match: (call: string) => boolean;
  readonly error: NpmError;
  remaining: number;
}

/** The calls of {@linkcode FakeNpm} that are writes. */
function isWriteCall(call: string): boolean {
  return !call.startsWith("GET");
}

/**
 * A fake NPM over NPM's rules: a domain is held once across every host kind
 * (any case, disabled hosts too); PUT replaces `meta` whole; nginx's verdict
 * (`nginx_online`, `nginx_err`) is added to an enabled host's meta after each
 * write; disable and enable flip `enabled`. Calls are recorded as
 * `GET /proxy-hosts`, `GET /other-hosts`, `POST /proxy-hosts app.lan`,
 * `PUT 4`, `POST 4/enable`, `POST 4/disable`; with their bodies in `bodies`.
 */
export class FakeNpm implements NpmApi {
  /** Every call, in order. */
  readonly calls: string[] = [];
  /** The body of every POST and PUT, by its position in `calls`. */
  readonly bodies = new Map<number, unknown>();
  /** Domains of redirection and 404 hosts. */
  readonly otherDomains: string[] = [];
  /** Called with each call's record before NPM acts on it (e.g. to race a hand edit). */
  onCall: ((call: string) => void) | undefined;
  /** NPM's certificates (without keys, as the client reads them). */
  readonly certificates: Certificate[] = [];
  /** NPM's access lists (ids and names, as the client reads them). */
  readonly accessLists: AccessList[] = [];
  /** What `GET /api/` answers as NPM's version. */
  version = "2.15.1";
  /** Whether Let's Encrypt issues the next requested certificates. */
  letsencryptOk = true;
  readonly #hosts = new Map<number, StoredHost>();
  readonly #failures: Failure[] = [];
  #nextId = 1;

  /** A hand-made host (not recorded): enabled, nginx-online, empty meta unless given. */
  seed(seed: HostSeed): ProxyHost {
    const host: StoredHost = {
      id: this.#nextId++,
      enabled: true,
      forward_scheme: "http",
      forward_host: "192.0.2.1",
      forward_port: 80,
      allow_websocket_upgrade: false,
      advanced_config: "",
      ...PLAIN_TLS_FIELDS,
      ...PLAIN_HOST_OPTIONS,
      meta: { nginx_online: true, nginx_err: null },
      ...structuredClone(seed),
    };
    this.#nextId = Math.max(this.#nextId, host.id + 1);
    this.#hosts.set(host.id, host);
    return handedOver(host);
  }

  /** A copy of host `hostId`. */
  host(hostId: number): ProxyHost | undefined {
    const host = this.#hosts.get(hostId);
    return host && handedOver(host);
  }

  /** Copies of every host. */
  hosts(): ProxyHost[] {
    return [...this.#hosts.values()].map(handedOver);
  }

  /** The host holding `domain`. */
  hostFor(domain: string): ProxyHost | undefined {
    return this.hosts().find((host) => host.domain_names.includes(domain));
  }

  /** The calls that are writes. */
  writes(): string[] {
    return this.calls.filter(isWriteCall);
  }

  /** Forgets the calls so far. */
  clearCalls(): void {
    this.calls.length = 0;
    this.bodies.clear();
  }

  /** The next `count` calls whose record starts with `prefix` fail with `error`. */
  failNext(prefix: string, error: NpmError, count = 1): void {
    this.#failures.push({ match: (call) => call.startsWith(prefix), error, remaining: count });
  }

  status(): ResultAsync<NpmStatus, NpmError> {
    return okAsync({ status: "OK", version: this.version });
  }

  login(): ResultAsync<void, NpmError> {
    return okAsync(undefined);
  }

  listProxyHosts(): ResultAsync<ProxyHost[], NpmError> {
    return this.#call("GET /proxy-hosts", undefined, () => ok(this.hosts()));
  }

  listOtherHostDomains(): ResultAsync<string[], NpmError> {
    return this.#call(
      "GET /other-hosts",
      undefined,
      () => ok(this.otherDomains.map((domain) => domain.toLowerCase())),
    );
  }

  createProxyHost(body: CreateHostBody): ResultAsync<ProxyHost, NpmError> {
    return this.#call(`POST /proxy-hosts ${body.domain_names.join(",")}`, body, () => {
      const taken = this.#taken(body.domain_names);
      if (taken) return err(inUse(taken));
      const { meta, ...fields } = structuredClone(body);
      const host: StoredHost = { id: this.#nextId++, enabled: true, ...fields, meta: { ...meta } };
      // NPM answers with the row fetched before nginx's verdict was added to meta.
      const answer = handedOver(host);
      this.#hosts.set(host.id, this.#configured(host));
      return ok(answer);
    });
  }

  updateProxyHost(hostId: number, body: UpdateHostBody): ResultAsync<ProxyHost, NpmError> {
    return this.#call(`PUT ${hostId}`, body, () => {
      if (body.domain_names) {
        const taken = this.#taken(body.domain_names, hostId);
        if (taken) return err(inUse(taken));
      }
      const host = this.#hosts.get(hostId);
      if (!host) return err(notFound(hostId));
      const { meta, ...changes } = structuredClone(body);
      const updated = this.#configured({
        ...host,
        ...changes,
        ...(meta === undefined ? {} : { meta: { ...meta } }),
      });
      this.#hosts.set(hostId, updated);
      return ok(handedOver(updated));
    });
  }

  listAccessLists(): ResultAsync<AccessList[], NpmError> {
    return this.#call("GET /access-lists", undefined, () => ok(structuredClone(this.accessLists)));
  }

  deleteProxyHost(hostId: number): ResultAsync<void, NpmError> {
    return this.#call(`DELETE ${hostId}`, undefined, () => {
      this.#hosts.delete(hostId);
      return ok(undefined);
    });
  }

  listCertificates(): ResultAsync<Certificate[], NpmError> {
    return this.#call("GET /certificates", undefined, () => ok(structuredClone(this.certificates)));
  }

  requestCertificate(domains: readonly string[]): ResultAsync<Certificate, NpmError> {
    return this.#call(`POST /certificates ${domains.join(",")}`, { domains }, () => {
      if (!this.letsencryptOk) return err(CERTBOT_FAILED);
      const certificate: Certificate = {
        id: 100 + this.certificates.length,
        niceName: domains.join(", "),
        domainNames: [...domains],
        expiresAt: Date.parse("2025-04-02T00:00:00Z"),
        provider: "letsencrypt",
      };
      this.certificates.push(certificate);
      return ok(structuredClone(certificate));
    });
  }

  enableProxyHost(hostId: number): ResultAsync<void, NpmError> {
    return this.#call(`POST ${hostId}/enable`, undefined, () => this.#setEnabled(hostId, true));
  }

  disableProxyHost(hostId: number): ResultAsync<void, NpmError> {
    return this.#call(`POST ${hostId}/disable`, undefined, () => this.#setEnabled(hostId, false));
  }

  #setEnabled(hostId: number, enabled: boolean): Result<void, NpmError> {
    const host = this.#hosts.get(hostId);
    if (!host) return err(notFound(hostId));
    // NPM answers 400 "Host is already …"; the client counts that as success.
    if (host.enabled !== enabled) this.#hosts.set(hostId, this.#configured({ ...host, enabled }));
    return ok(undefined);
  }

  #call<T>(
    record: string,
    body: unknown,
    run: () => Result<T, NpmError>,
  ): ResultAsync<T, NpmError> {
    this.calls.push(record);
    this.onCall?.(record);
    if (body !== undefined) this.bodies.set(this.calls.length - 1, structuredClone(body));
    const failure = this.#failures.find((f) => f.remaining > 0 && f.match(record));
    if (failure) {
      failure.remaining -= 1;
      return errAsync(failure.error);
    }
    const result = run();
    return result.isOk() ? okAsync(result.value) : errAsync(result.error);
  }

  /**
   * NPM's rules on save (no certificate: no forced SSL, HTTP/2 or HSTS; HSTS only with forced
   * SSL), then its nginx step: an enabled host gets nginx's verdict in its meta.
   */
  #configured(saved: StoredHost): StoredHost {
    const plain = saved.certificate_id === 0;
    const ssl_forced = !plain && saved.ssl_forced;
    const hsts_enabled = ssl_forced && saved.hsts_enabled;
    const host = {
      ...saved,
      ssl_forced,
      http2_support: !plain && saved.http2_support,
      hsts_enabled,
      hsts_subdomains: hsts_enabled && saved.hsts_subdomains,
    };
    if (!host.enabled) return host;
    const error = nginxCheck(host.advanced_config, host.id);
    return { ...host, meta: { ...host.meta, nginx_online: error === null, nginx_err: error } };
  }

  #taken(domains: readonly string[], exceptId?: number): string | undefined {
    const held = new Set(this.otherDomains.map((d) => d.toLowerCase()));
    for (const host of this.#hosts.values()) {
      if (host.id !== exceptId) host.domain_names.forEach((d) => held.add(d.toLowerCase()));
    }
    return domains.find((d) => held.has(d.toLowerCase()));
  }
}
