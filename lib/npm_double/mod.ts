/**
 * A strict, fault-injecting double of Nginx Proxy Manager 2.15.1's REST API,
 * served on loopback. Every EnvoyNPM test runs against it, and `envoynpm demo`
 * embeds it.
 *
 * Hosts made with the seed helpers (`addProxyHost`, …) stand for hosts made by
 * hand before the test: they add no audit entry and do not count as writes, so
 * {@linkcode NpmDouble.writes} counts exactly the writes made through the API.
 * A write takes effect first and then costs `writeDelayMs` before it answers,
 * so a client that times out during that time has still changed NPM.
 *
 * @module
 */
import { Auth } from "./auth.ts";
import { checkBody } from "./bodies.ts";
import { type CertificateRow, Certificates, type CertificateSeed } from "./certificates.ts";
import { type FailNextOptions, Faults, type RandomFaultOptions } from "./faults.ts";
import { npmHandler } from "./server.ts";
import { Store } from "./store.ts";
import { Streams, type StreamSeed } from "./streams.ts";
import type { AuditEntry, CostedOp, ProxyHostRow, StreamRow, WriteReport } from "./types.ts";

export type { FailNextOptions, RandomFaultOptions } from "./faults.ts";
export type { StreamSeed } from "./streams.ts";
export type { CertificateRow, CertificateSeed } from "./certificates.ts";
export type {
  AuditEntry,
  CostedOp,
  ProxyHostRow,
  StreamRow,
  WriteOp,
  WriteReport,
} from "./types.ts";
export { checkBody } from "./bodies.ts";

/** Options of {@linkcode startNpmDouble}. */
export interface NpmDoubleOptions {
  /** The one account's email. @default {"admin@example.com"} */
  email?: string;
  /** The one account's password. @default {"changeme"} */
  password?: string;
  /** Login answers a two-factor challenge instead of a token (random secret). @default {false} */
  twoFactor?: boolean;
  /**
   * The account has two-factor login with this base32 secret (implies `twoFactor`):
   * `POST /api/tokens/2fa` takes its current code.
   */
  totpSecret?: string;
  /** Cost of each write (create, update, enable, disable, delete) in ms. @default {0} */
  writeDelayMs?: number;
  /**
   * Costs of single operations in ms, over `writeDelayMs`: the proxy host writes (`create`,
   * `update`, `enable`, `disable`, `delete`), `list` (GET of the proxy hosts) and `write`
   * (any other write). @default {{}}
   */
  delays?: Delays;
  /** Told of every successful write once its cost is paid. */
  onWrite?: (report: WriteReport) => void;
  /** Token lifetime in ms. @default {86_400_000} */
  tokenTtlMs?: number;
  /** @default {0} (any free port) */
  port?: number;
  /** @default {"127.0.0.1"} */
  hostname?: string;
  /** Seed of the random faults. @default {1} */
  seed?: number;
}

/** Costs of single operations in ms; see {@linkcode NpmDoubleOptions.delays}. */
export type Delays = Partial<Record<CostedOp, number>>;

/** The faults a test can arm. */
export interface NpmDoubleFaults {
  /** The next `count` matching requests answer `status` (default 500) or hang. */
  failNext(count: number, options?: FailNextOptions): void;
  /** Requests fail or hang at random (seeded). */
  setRandom(options: RandomFaultOptions): void;
  /** Every token issued so far answers 400 "Token has expired". */
  expireTokens(): void;
  /** NPM is down behind its proxy (502): `true` until `down(false)`, or for `seconds`. */
  down(state: boolean | number): void;
  /** Disarms failNext, random and down (expired tokens stay expired). */
  clear(): void;
}

/** A running NPM double. */
export interface NpmDouble {
  /** Base URL, e.g. `http://127.0.0.1:41234` (the API is under `/api`). */
  readonly url: string;
  /** The account's credentials. */
  readonly email: string;
  /** The account's password. */
  readonly password: string;
  /** The base32 secret of the account's two-factor login, if it has one. */
  readonly totpSecret: string | undefined;
  /** Stops serving and ends hangs and write delays. */
  close(): Promise<void>;
  /** Count of successful writes made through the API (one per audit entry). */
  writes(): number;
  /** Every audit entry, oldest first. */
  auditLog(): AuditEntry[];
  /** Copies of the proxy host rows, as GET answers them. */
  proxyHosts(): ProxyHostRow[];
  /** Domains nginx serves now. */
  served(): string[];
  /** Adds a hand-made proxy host (enabled and served unless said otherwise). */
  addProxyHost(row: Partial<ProxyHostRow> & { domain_names: string[] }): ProxyHostRow;
  /** Adds a hand-made stream (enabled, TCP only, nginx online unless said otherwise). */
  addStream(row: StreamSeed): StreamRow;
  /** Adds a hand-made redirection host holding these domains. */
  addRedirectionHost(domains: string[]): void;
  /** Adds a hand-made 404 host holding these domains. */
  addDeadHost(domains: string[]): void;
  /** Copies of the certificate rows, as NPM stores them (private keys included). */
  certificates(): CertificateRow[];
  /** Adds a hand-made certificate without real PEM files (Let's Encrypt unless said otherwise). */
  addCertificate(seed: CertificateSeed): CertificateRow;
  /** Whether the next Let's Encrypt requests succeed (default true: no CA is reachable here). */
  letsencrypt(ok: boolean): void;
  /** Replaces the costs of the operations `delays` names (the others keep theirs). */
  setDelays(delays: Delays): void;
  /** Fault injection. */
  readonly faults: NpmDoubleFaults;
}

/** What `op` costs: its own delay, else `writeDelayMs` for a write and nothing for the list. */
function costOf(op: CostedOp, delays: Delays, writeDelayMs: number): number {
  return delays[op] ?? (op === "list" ? 0 : writeDelayMs);
}

function seedOther(store: Store, kind: "redirection" | "dead", domains: string[]): void {
  const body = kind === "dead" ? { domain_names: domains } : {
    domain_names: domains,
    forward_http_code: 301,
    forward_scheme: "auto",
    forward_domain_name: "example.com",
  };
  const checked = checkBody(kind === "dead" ? "deadHostCreate" : "redirectionHostCreate", body);
  if (!checked.ok) throw new TypeError(`Cannot seed a ${kind} host: ${checked.message}`);
  const reply = store.createOtherHost(kind, checked.value, { seeded: true });
  if (reply.status !== 201) {
    throw new TypeError(`Cannot seed a ${kind} host: ${JSON.stringify(reply.body)}`);
  }
}

/** A 20-byte secret in base32, as NPM (otplib) generates for two-factor login. */
function randomBase32Secret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => alphabet[b & 31]).join("");
}

/** Starts an NPM double on loopback. */
export async function startNpmDouble(options: NpmDoubleOptions = {}): Promise<NpmDouble> {
  const email = options.email ?? "admin@example.com";
  const password = options.password ?? "changeme";
  const totpSecret = options.totpSecret ?? (options.twoFactor ? randomBase32Secret() : undefined);
  const store = new Store(email);
  const streams = new Streams(() => store.owner());
  const certificates = new Certificates({
    owner: () => store.owner(),
    audit: (entry) => store.audit(entry),
    relations: (id) => {
      const uses = (rows: unknown) =>
        (rows as { certificate_id: number }[]).filter((r) => r.certificate_id === id);
      return {
        proxy_hosts: uses(store.proxyHostRows()),
        redirection_hosts: uses(store.listOtherHosts("redirection").body),
        dead_hosts: uses(store.listOtherHosts("dead").body),
        streams: uses(streams.list(null).body),
      };
    },
  });
  store.certificateOf = (id) => certificates.forHost(id);
  const auth = new Auth({
    email,
    password,
    totpSecret,
    ttlMs: options.tokenTtlMs ?? 86_400_000,
  });
  const faults = new Faults(options.seed ?? 1);
  const closing = new AbortController();
  const delays: Delays = { ...options.delays };
  const handler = npmHandler({
    store,
    certificates,
    streams,
    auth,
    faults,
    delayMs: (op) => costOf(op, delays, options.writeDelayMs ?? 0),
    onWrite: options.onWrite,
    closing: closing.signal,
  });
  const { promise: listening, resolve } = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve({
    port: options.port ?? 0,
    hostname: options.hostname ?? "127.0.0.1",
    onListen: resolve,
  }, handler);
  const address = await listening;
  return {
    url: `http://${address.hostname}:${address.port}`,
    email,
    password,
    totpSecret,
    async close() {
      closing.abort();
      await server.shutdown();
    },
    writes: () => store.auditEntries().length,
    auditLog: () => store.auditEntries(),
    proxyHosts: () => store.proxyHostRows(),
    served: () => store.served(),
    addProxyHost: (row) => store.seedProxyHost(row),
    addStream: (row) => streams.seed(row),
    addRedirectionHost: (domains) => seedOther(store, "redirection", domains),
    addDeadHost: (domains) => seedOther(store, "dead", domains),
    certificates: () => certificates.rows(),
    addCertificate: (seed) => certificates.seed(seed),
    letsencrypt: (ok) => certificates.letsencrypt(ok),
    setDelays: (more) => Object.assign(delays, more),
    faults: {
      failNext: (count, failOptions) => faults.failNext(count, failOptions),
      setRandom: (randomOptions) => faults.setRandom(randomOptions),
      expireTokens: () => auth.expireAll(),
      down: (state) => faults.down(state),
      clear: () => faults.clear(),
    },
  };
}
