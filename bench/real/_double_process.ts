/**
 * The NPM double as its own process (`lib/npm_double/cli.ts`), with NPM's
 * costs, its write reports collected as they come, and a tiny client that
 * writes to it directly (the floor of one write).
 *
 * @module
 */
import type { Delays, WriteReport } from "../../lib/npm_double/mod.ts";

const CLI = new URL("../../lib/npm_double/cli.ts", import.meta.url).pathname;

/** The double's account (EnvoyNPM gets it through its environment). */
export const ACCOUNT = { email: "admin@example.com", password: "changeme" } as const;

/** A running double process. */
export interface DoubleProcess extends AsyncDisposable {
  readonly url: string;
  /** The NPM version the double answers `GET /api/` with, e.g. `2.15.1`. */
  readonly version: string;
  /** Every write so far, in the order their costs were paid. */
  readonly writes: WriteReport[];
  /** Resolves the first write from index `from` on that matches; rejects after `timeoutMs`. */
  waitForWrite(
    match: (write: WriteReport) => boolean,
    options: { from?: number; timeoutMs?: number },
  ): Promise<WriteReport>;
  /** Changes the costs (the others keep theirs). */
  setDelays(delays: Delays): Promise<void>;
  /** A client that logs in once and then writes or lists directly. */
  client(): Promise<DirectClient>;
  close(): Promise<void>;
}

/** Direct requests to the double, each resolving how long its answer took in ms. */
export interface DirectClient {
  /** `POST /api/nginx/proxy-hosts`; resolves the new id and the time. */
  create(domain: string, meta?: Record<string, unknown>): Promise<{ id: number; ms: number }>;
  /** `PUT /api/nginx/proxy-hosts/{id}` with `body`. */
  update(id: number, body: Record<string, unknown>): Promise<number>;
  /** `POST …/{id}/enable` or `…/disable`. */
  toggle(id: number, action: "enable" | "disable"): Promise<number>;
  /** `DELETE …/{id}`. */
  remove(id: number): Promise<number>;
  /** `GET /api/nginx/proxy-hosts`. */
  list(): Promise<{ rows: HostRow[]; ms: number }>;
}

/** What the bench reads of a proxy host row. */
export interface HostRow {
  readonly id: number;
  readonly domain_names: string[];
  readonly forward_host: string;
  readonly forward_port: number;
  readonly forward_scheme: string;
  readonly enabled: boolean;
  readonly meta: Record<string, unknown>;
}

/** Starts the double process with these costs. */
export async function startDoubleProcess(delays: Delays): Promise<DoubleProcess> {
  const flags = Object.entries(delays).flatMap(([op, ms]) => [`--${op}-ms`, String(ms)]);
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--quiet", CLI, ...flags],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const stdin = child.stdin.getWriter();
  const writes: WriteReport[] = [];
  const waiters = new Set<() => void>();
  const acks: (() => void)[] = [];
  const { promise: listening, resolve: onUrl } = Promise.withResolvers<string>();
  const reading = (async () => {
    const lines = child.stdout.pipeThrough(new TextDecoderStream());
    let rest = "";
    for await (const chunk of lines) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const line of parts.filter((l) => l !== "")) {
        const message = JSON.parse(line);
        if (message.write) {
          writes.push(message.write);
          for (const wake of waiters) wake();
        } else if (message.url) onUrl(message.url);
        else acks.shift()?.(); // {ok} or {error}: the answer to a control line
      }
    }
  })();
  const url = await Promise.race([
    listening,
    child.status.then((s) => Promise.reject(new Error(`NPM double exited with ${s.code}`))),
  ]);
  const version = await fetch(`${url}/api/`).then((r) => r.json()).then((h) =>
    `${h.version.major}.${h.version.minor}.${h.version.revision}`
  );
  const close = async () => {
    await stdin.close().catch(() => {});
    await child.status;
    await reading.catch(() => {});
  };
  return {
    url,
    version,
    writes,
    waitForWrite: (match, options) => waitForWrite(writes, waiters, match, options),
    async setDelays(more) {
      const { promise, resolve } = Promise.withResolvers<void>();
      acks.push(resolve);
      await stdin.write(new TextEncoder().encode(JSON.stringify({ delays: more }) + "\n"));
      await promise;
    },
    client: () => directClient(url),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function waitForWrite(
  writes: readonly WriteReport[],
  waiters: Set<() => void>,
  match: (write: WriteReport) => boolean,
  options: { from?: number; timeoutMs?: number },
): Promise<WriteReport> {
  let next = options.from ?? 0;
  return new Promise((resolve, reject) => {
    const done = (value?: WriteReport, error?: Error) => {
      waiters.delete(wake);
      clearTimeout(timer);
      if (value) resolve(value);
      else reject(error);
    };
    const wake = () => {
      for (; next < writes.length; next++) {
        if (match(writes[next])) return done(writes[next]);
      }
    };
    const timer = setTimeout(
      () => done(undefined, new Error("Timed out waiting for a write to the NPM double")),
      options.timeoutMs ?? 30_000,
    );
    waiters.add(wake);
    wake();
  });
}

async function directClient(url: string): Promise<DirectClient> {
  const login = await fetch(`${url}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identity: ACCOUNT.email, secret: ACCOUNT.password }),
  }).then((r) => r.json());
  const headers = { authorization: `Bearer ${login.token}`, "content-type": "application/json" };
  const timed = async (method: string, path: string, body?: unknown) => {
    const started = performance.now();
    const response = await fetch(`${url}/api/nginx/proxy-hosts${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(answer)}`);
    return { answer, ms: performance.now() - started };
  };
  return {
    async create(domain, meta = {}) {
      const body = { domain_names: [domain], forward_scheme: "http", forward_host: "127.0.0.1" };
      const { answer, ms } = await timed("POST", "", { ...body, forward_port: 80, meta });
      return { id: answer.id, ms };
    },
    update: async (id, body) => (await timed("PUT", `/${id}`, body)).ms,
    toggle: async (id, action) => (await timed("POST", `/${id}/${action}`)).ms,
    remove: async (id) => (await timed("DELETE", `/${id}`)).ms,
    async list() {
      const { answer, ms } = await timed("GET", "");
      return { rows: answer as HostRow[], ms };
    },
  };
}
