/**
 * HTTP to the Docker engine over its unix socket (or TCP), with a timeout on
 * every request and failures turned into {@linkcode DockerError} values.
 *
 * @module
 */
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { DockerEndpoint } from "./docker_host.ts";
import type { DockerError } from "./types.ts";

/** The Engine API version EnvoyNPM speaks (Docker 20.10). */
export const DOCKER_API_VERSION = "1.41";

/** How long a request may take when the caller does not say. */
export const DEFAULT_TIMEOUT_MS = 5_000;

/** Options of one request. */
export interface RequestOptions {
  /** @default "GET" */
  readonly method?: string;
  readonly body?: BodyInit;
  readonly headers?: HeadersInit;
  /** @default the transport's `timeoutMs` */
  readonly timeoutMs?: number;
  /** Aborting cancels the request (and, for {@linkcode DockerTransport.open}, its body). */
  readonly signal?: AbortSignal;
}

/** Options of {@linkcode createTransport}. */
export interface TransportOptions {
  /** @default {@linkcode DOCKER_API_VERSION} */
  readonly apiVersion?: string;
  /** @default {@linkcode DEFAULT_TIMEOUT_MS} */
  readonly timeoutMs?: number;
}

/** Versioned requests to one engine. Paths are unversioned, e.g. `/containers/json`. */
export interface DockerTransport extends Disposable {
  readonly endpoint: DockerEndpoint;
  /** Sends a request and reads its whole body, all within the timeout; non-2xx is `docker_api_error`. */
  text(path: string, options?: RequestOptions): ResultAsync<string, DockerError>;
  /** Sends a request and resolves once the headers arrive (the timeout covers only that). */
  open(path: string, options?: RequestOptions): ResultAsync<Response, DockerError>;
  /** Releases the socket client. */
  close(): void;
}

/** Creates a {@linkcode DockerTransport} for an endpoint. */
export function createTransport(
  endpoint: DockerEndpoint,
  options: TransportOptions = {},
): DockerTransport {
  const apiVersion = options.apiVersion ?? DOCKER_API_VERSION;
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = endpoint.socketPath === undefined
    ? undefined
    : Deno.createHttpClient({ proxy: { transport: "unix", path: endpoint.socketPath } });

  function send<T>(path: string, request: RequestOptions, read: Reader<T>) {
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const timer = new AbortController();
    const timeoutId = setTimeout(() => timer.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([timer.signal, request.signal]) : timer.signal;
    const toError = (e: unknown): DockerError =>
      timer.signal.aborted
        ? { kind: "docker_timeout", endpoint: endpoint.display, path, timeoutMs }
        : { kind: "docker_unreachable", endpoint: endpoint.display, cause: explain(e, endpoint) };
    const url = `${endpoint.baseUrl}/v${apiVersion}${path}`;
    const { method = "GET", body, headers } = request;
    const init: RequestInit & { client?: Deno.HttpClient } = {
      method,
      body,
      headers,
      signal,
      client,
    };
    const stop = () => clearTimeout(timeoutId);
    return ResultAsync.fromThrowable(() => fetch(url, init), toError)().andThen((response) =>
      response.ok
        ? read(response, toError)
        : readText(response, toError).andThen((text) =>
          errAsync<T, DockerError>({
            kind: "docker_api_error",
            path,
            status: response.status,
            message: engineMessage(text, response.status),
          })
        )
    ).andTee(stop).orTee(stop);
  }

  return {
    endpoint,
    text: (path, request = {}) => send(path, request, readText),
    open: (path, request = {}) => send(path, request, (response) => okAsync(response)),
    close: () => client?.close(),
    [Symbol.dispose]: () => client?.close(),
  };
}

type Reader<T> = (
  response: Response,
  toError: (e: unknown) => DockerError,
) => ResultAsync<T, DockerError>;

function readText(response: Response, toError: (e: unknown) => DockerError) {
  return ResultAsync.fromThrowable(() => response.text(), toError)();
}

/** The engine puts its reason in `{"message": "..."}`; fall back to the raw text. */
function engineMessage(text: string, status: number): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && "message" in parsed) {
      return String(parsed.message);
    }
  } catch {
    // Not JSON: use the text as it is.
  }
  return text.trim() || `status ${status}`;
}

/** The innermost error message plus what to check, e.g. "No such file or directory (os error 2). Is dockerd running…". */
function explain(e: unknown, endpoint: DockerEndpoint): string {
  let inner = e;
  while (inner instanceof Error && inner.cause !== undefined) inner = inner.cause;
  const message = (inner instanceof Error ? inner.message : String(inner))
    .replace(/^error sending request for url \([^)]*\): /, "");
  const hint = endpoint.socketPath === undefined
    ? `Is dockerd running and listening on ${endpoint.display}?`
    : `Is dockerd running, is ${endpoint.socketPath} mounted here, and may this user read and write it?`;
  return `${message}. ${hint}`;
}
