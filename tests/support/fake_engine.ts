/**
 * Fake Docker engines on a unix socket, for the failures a real one rarely
 * shows on demand: a server that answers as told, one that sends raw bytes
 * and hangs up, and one that accepts and never answers (as an engine that is
 * starting does). Unless told otherwise, each answers `GET /version` and
 * refuses API versions it does not speak, as a real engine does.
 *
 * @module
 */

import { compareApiVersions } from "../../lib/docker/api_version.ts";

/** The API versions a fake engine speaks, as its `GET /version` reports them. */
export interface EngineVersions {
  /** The newest (`ApiVersion`). */
  readonly apiVersion: string;
  /** The oldest (`MinAPIVersion`). */
  readonly minApiVersion: string;
}

/** Docker 20.10's API versions. */
export const DOCKER_20_10: EngineVersions = { apiVersion: "1.41", minApiVersion: "1.12" };

/** Docker 29's API versions: it refuses every request below 1.44. */
export const DOCKER_29: EngineVersions = { apiVersion: "1.52", minApiVersion: "1.44" };

/** Options of {@linkcode serveFakeEngine} and {@linkcode serveRawEngine}. */
export interface FakeEngineOptions {
  /**
   * Answer `GET /version` (with or without `/v1.xx`) and refuse a path's version
   * outside these with 400, as an engine does; `false` leaves every request to the
   * handler. @default {@linkcode DOCKER_20_10}
   */
  readonly versions?: EngineVersions | false;
}

/** A fake engine; `host` is its `DOCKER_HOST` value. Dispose of it to stop it. */
export interface FakeEngine extends AsyncDisposable {
  readonly host: string;
  /** The path and query of every request so far, in arrival order, e.g. `/v1.41/_ping`. */
  readonly requests: readonly string[];
}

/** A {@linkcode serveFakeEngine} engine, which can be stopped and started again, as in an upgrade. */
export interface RestartableEngine extends FakeEngine {
  /** Stops answering: the socket goes away. */
  stop(): Promise<void>;
  /** Answers again on the same socket, speaking `versions` if given. */
  start(options?: FakeEngineOptions): void;
  /**
   * Speaks `versions` from now on, keeping open connections (as an engine
   * upgraded behind a socket proxy, whose connections to the client stay up).
   */
  speak(versions: EngineVersions): void;
}

/** Serves `handler` on a fresh unix socket (paths arrive versioned, e.g. `/v1.41/_ping`). */
export async function serveFakeEngine(
  handler: (request: Request) => Response | Promise<Response>,
  options: FakeEngineOptions = {},
): Promise<RestartableEngine> {
  const dir = await Deno.makeTempDir({ prefix: "envoynpm-fake-engine-" });
  const path = `${dir}/docker.sock`;
  const requests: string[] = [];
  let versions = options.versions ?? DOCKER_20_10;
  let server: Deno.HttpServer | undefined;
  const serve = (request: Request) => {
    const url = new URL(request.url);
    requests.push(url.pathname + url.search);
    return (versions === false ? undefined : engineAnswer(url.pathname, versions)) ??
      handler(request);
  };
  const stop = async () => {
    await server?.shutdown();
    server = undefined;
    await Deno.remove(path).catch(() => {});
  };
  const start = (startOptions: FakeEngineOptions = {}) => {
    versions = startOptions.versions ?? versions;
    server = Deno.serve({ path, transport: "unix", onListen: () => {} }, serve);
  };
  start();
  return {
    host: `unix://${path}`,
    requests,
    stop,
    start,
    speak: (next) => versions = next,
    async [Symbol.asyncDispose]() {
      await stop();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/**
 * Accepts connections on a fresh unix socket; answers `GET /version` as
 * `options` say, and anything else with the raw bytes of `reply`, then hangs
 * up. Without a `reply`, it never answers anything.
 */
export async function serveRawEngine(
  reply?: string,
  options: FakeEngineOptions = {},
): Promise<FakeEngine> {
  const dir = await Deno.makeTempDir({ prefix: "envoynpm-silent-engine-" });
  const path = `${dir}/docker.sock`;
  const listener = Deno.listen({ transport: "unix", path });
  const conns: Deno.Conn[] = [];
  const requests: string[] = [];
  const versions = options.versions ?? DOCKER_20_10;
  const accepting = (async () => {
    for await (const conn of listener) {
      if (reply === undefined) conns.push(conn);
      else answer(conn, { reply, versions, requests });
    }
  })().catch(() => {});
  return {
    host: `unix://${path}`,
    requests,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting;
      for (const conn of conns) conn.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

async function answer(
  conn: Deno.Conn,
  options: { reply: string; versions: EngineVersions | false; requests: string[] },
): Promise<void> {
  try {
    const buffer = new Uint8Array(16_384);
    const read = await conn.read(buffer);
    const head = new TextDecoder().decode(buffer.subarray(0, read ?? 0));
    const target = /^[A-Z]+ (\S+)/.exec(head)?.[1] ?? "";
    options.requests.push(target);
    const answered = options.versions === false
      ? undefined
      : engineAnswer(new URL(target, "http://engine").pathname, options.versions);
    const reply = answered === undefined
      ? options.reply
      : `HTTP/1.1 ${answered.status} Fake\r\ncontent-type: application/json\r\n` +
        `connection: close\r\n\r\n${await answered.text()}`;
    await conn.write(new TextEncoder().encode(reply));
  } finally {
    conn.close();
  }
}

/**
 * What an engine speaking `versions` answers by itself: `GET /version`, and 400
 * to a path whose version it does not speak (Docker's own words); `undefined`
 * for the rest.
 */
function engineAnswer(pathname: string, versions: EngineVersions): Response | undefined {
  const [, asked, rest] = /^(?:\/v(\d+\.\d+))?(\/.*)$/.exec(pathname) ?? [];
  const refuse = (message: string) => Response.json({ message }, { status: 400 });
  if (asked !== undefined && compareApiVersions(asked, versions.minApiVersion) < 0) {
    return refuse(
      `client version ${asked} is too old. Minimum supported API version is ` +
        `${versions.minApiVersion}, please upgrade your client to a newer version`,
    );
  }
  if (asked !== undefined && compareApiVersions(asked, versions.apiVersion) > 0) {
    return refuse(
      `client version ${asked} is too new. Maximum supported API version is ${versions.apiVersion}`,
    );
  }
  if (rest !== "/version") return undefined;
  return Response.json({
    Version: "0.0.0-fake",
    ApiVersion: versions.apiVersion,
    MinAPIVersion: versions.minApiVersion,
    Os: "linux",
  });
}

/** A streaming body that sends `parts`, each after waiting its `delayMs`, then ends. */
export function slowBody(parts: readonly { delayMs: number; text: string }[]): ReadableStream {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      for (const { delayMs, text } of parts) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        controller.enqueue(encoder.encode(text));
      }
      controller.close();
    },
  });
}
