/**
 * A scripted `fetch` for NPM client tests: each request takes the next
 * scripted answer and is recorded, so tests can assert the exact, ordered
 * list of calls (as Kubernetes' sample-controller tests do).
 *
 * @module
 */
import { createNpmClient, type NpmApi, type NpmClientOptions } from "../../../lib/npm/mod.ts";

/** What one scripted step answers with. */
export type Reply =
  | { readonly status: number; readonly body?: unknown }
  /** `fetch` rejects as on a refused connection. */
  | { readonly network: string }
  /** No answer until the request is aborted (by its timeout or the client's signal). */
  | { readonly hang: true };

/** One request as the fake saw it. */
export interface RecordedCall {
  readonly method: string;
  /** Path and query, e.g. `/api/nginx/proxy-hosts`. */
  readonly path: string;
  readonly body: unknown;
  /** The `Authorization` header, if any. */
  readonly authorization: string | null;
}

/** A fake fetch and what it recorded. */
export interface ScriptedFetch {
  readonly fetch: typeof fetch;
  readonly calls: RecordedCall[];
  /** `"METHOD /path"` of every call, in order. */
  lines(): string[];
  /** Scripted steps not consumed yet. */
  remaining(): number;
}

/** Answers requests with `replies` in order; an unscripted request gets a 599 (and shows in `lines()`). */
export function scriptedFetch(replies: readonly Reply[]): ScriptedFetch {
  const queue = [...replies];
  const calls: RecordedCall[] = [];
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const text = typeof init?.body === "string" ? init.body : undefined;
    calls.push({
      method: init?.method ?? "GET",
      path: url.pathname + url.search,
      body: text === undefined ? undefined : JSON.parse(text),
      authorization: headers.get("authorization"),
    });
    const reply = queue.shift() ?? { status: 599, body: { error: { message: "Unscripted" } } };
    if ("network" in reply) throw new TypeError(reply.network);
    if ("hang" in reply) return await hang(init?.signal ?? undefined);
    const body = reply.body === undefined ? "" : JSON.stringify(reply.body);
    return new Response(body, { status: reply.status });
  };
  return {
    fetch: fake as typeof fetch,
    calls,
    lines: () => calls.map((call) => `${call.method} ${call.path}`),
    remaining: () => queue.length,
  };
}

function hang(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/** A token answer of `POST /api/tokens` expiring `lifeMs` after `now`. */
export function tokenReply(token: string, now: number, lifeMs = 24 * 3600_000): Reply {
  return { status: 200, body: { token, expires: new Date(now + lifeMs).toISOString() } };
}

/** NPM's error body with `status`. */
export function npmError(status: number, message: string): Reply {
  return { status, body: { error: { code: status, message } } };
}

/** A proxy-host row as NPM 2.15 answers it, extra keys and nulls included. */
export function proxyHostRow(
  id: number,
  domain: string,
  meta: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    created_on: "2025-10-28 04:17:54",
    modified_on: "2025-10-28 04:17:54",
    owner_user_id: 1,
    domain_names: [domain],
    forward_host: "172.17.0.2",
    forward_port: 80,
    access_list_id: 0,
    certificate_id: 0,
    ssl_forced: false,
    caching_enabled: false,
    block_exploits: false,
    advanced_config: "",
    meta,
    allow_websocket_upgrade: true,
    http2_support: false,
    forward_scheme: "http",
    enabled: true,
    locations: null,
    hsts_enabled: false,
    hsts_subdomains: false,
    trust_forwarded_proto: false,
  };
}

/** The email every test client logs in with. */
export const EMAIL = "admin@example.com";
/** The password every test client logs in with; it must never show up in an error. */
export const PASSWORD = "s3cret-Horse-Battery";
/** The fixed "now" of test clients, in ms. */
export const NOW = Date.parse("2025-06-01T12:00:00Z");

/** A client over a scripted fetch whose sleeps are instant and recorded. */
export function testClient(
  replies: readonly Reply[],
  options: Partial<NpmClientOptions> = {},
): { api: NpmApi; script: ScriptedFetch; sleeps: number[] } {
  const script = scriptedFetch(replies);
  const sleeps: number[] = [];
  const api = createNpmClient({
    url: "http://npm:81",
    email: EMAIL,
    password: PASSWORD,
    fetch: script.fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    now: () => NOW,
    ...options,
  });
  return { api, script, sleeps };
}

/** A {@linkcode testClient} whose login, its first request, is answered with token `t1`. */
export function loggedInClient(
  replies: readonly Reply[],
  options: Partial<NpmClientOptions> = {},
): { api: NpmApi; script: ScriptedFetch; sleeps: number[] } {
  return testClient([tokenReply("t1", NOW), ...replies], options);
}
