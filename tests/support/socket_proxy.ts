/**
 * A read-only Docker socket proxy for tests, in the spirit of
 * `tecnativa/docker-socket-proxy` with `POST=0 EVENTS=1 CONTAINERS=1 INFO=1
 * VERSION=1`: it listens on loopback TCP, forwards `GET` and `HEAD` on an
 * allow-list of paths to the test engine, answers 403 to anything else, and
 * records every request. Bodies are piped, never buffered, so the event
 * stream stays a live, chunked stream through it.
 *
 * @module
 */
import { parseDockerHost } from "../../lib/docker/docker_host.ts";
import { engineHost } from "./engine.ts";

/** One request the proxy saw. */
export interface ProxiedRequest {
  readonly method: string;
  /** The path as asked, e.g. `/v1.41/containers/json?all=1`. */
  readonly path: string;
  /** Whether the allow-list let it through (else it was answered 403). */
  readonly allowed: boolean;
}

/** A running proxy. */
export interface SocketProxy extends AsyncDisposable {
  /** The `DOCKER_HOST` to give a client, e.g. `tcp://127.0.0.1:41234`. */
  readonly dockerHost: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly ProxiedRequest[];
  /** Stops listening, cuts open streams and releases the engine client. */
  close(): Promise<void>;
}

/** Options of {@linkcode startSocketProxy}. */
export interface SocketProxyOptions {
  /** The engine to forward to. @default the test engine ({@linkcode engineHost}) */
  readonly upstream?: string;
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/** `/_ping`, `/version`, `/info`, `/events`, `/containers` and below, each with or without `/v1.xx`. */
const ALLOWED_PATH = /^(\/v\d+(\.\d+)*)?\/(_ping|version|info|events|containers(\/[^?]*)?)$/;

/** Whether the proxy forwards a request with this method and URL path (without the query). */
export function isAllowedRequest(method: string, pathname: string): boolean {
  return READ_METHODS.has(method.toUpperCase()) && ALLOWED_PATH.test(pathname);
}

/** Headers that belong to one hop and are not forwarded. */
const HOP_BY_HOP = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "host",
  "content-length",
];

/** Starts the proxy on a free loopback port. */
export function startSocketProxy(options: SocketProxyOptions = {}): SocketProxy {
  const upstreamHost = options.upstream ?? engineHost();
  const endpoint = parseDockerHost(upstreamHost);
  if (endpoint.isErr()) {
    throw new Error(`Cannot proxy to ${upstreamHost}: ${endpoint.error.reason}`);
  }
  const { baseUrl, socketPath } = endpoint.value;
  const client = socketPath === undefined
    ? undefined
    : Deno.createHttpClient({ proxy: { transport: "unix", path: socketPath } });
  const requests: ProxiedRequest[] = [];
  const closing = new AbortController();

  async function forward(request: Request, info: Deno.ServeHandlerInfo): Promise<Response> {
    const url = new URL(request.url);
    const allowed = isAllowedRequest(request.method, url.pathname);
    requests.push({ method: request.method, path: url.pathname + url.search, allowed });
    if (!allowed) {
      return Response.json(
        { message: `Forbidden by the test socket proxy: ${request.method} ${url.pathname}` },
        { status: 403 },
      );
    }
    // Ends the upstream request once the answer is delivered or the client has gone.
    const done = new AbortController();
    info.completed.catch(() => {}).finally(() => done.abort());
    const init: RequestInit & { client?: Deno.HttpClient } = {
      method: request.method,
      headers: withoutHopByHop(request.headers),
      signal: AbortSignal.any([done.signal, closing.signal]),
      client,
    };
    try {
      const upstream = await fetch(`${baseUrl}${url.pathname}${url.search}`, init);
      return new Response(upstream.body, {
        status: upstream.status,
        statusText: upstream.statusText,
        headers: withoutHopByHop(upstream.headers),
      });
    } catch (error) {
      return Response.json({ message: `Test socket proxy cannot reach the engine: ${error}` }, {
        status: 502,
      });
    }
  }

  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, signal: closing.signal, onListen: () => {} },
    forward,
  );
  const close = async () => {
    closing.abort();
    await server.finished;
    client?.close();
  };
  return {
    dockerHost: `tcp://127.0.0.1:${server.addr.port}`,
    requests,
    close,
    [Symbol.asyncDispose]: close,
  };
}

function withoutHopByHop(headers: Headers): Headers {
  const copy = new Headers(headers);
  for (const name of HOP_BY_HOP) copy.delete(name);
  return copy;
}
