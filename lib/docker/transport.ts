/**
 * HTTP to the Docker engine over its unix socket (or TCP), with a timeout on
 * every request and failures turned into {@linkcode DockerError} values.
 * Requests speak the API version negotiated with the engine (see
 * {@linkcode DockerTransport.negotiate}).
 *
 * @module
 */
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { chooseApiVersion, isVersionRefused } from "./api_version.ts";
import type { DockerEndpoint } from "./docker_host.ts";
import { parseWireText, versionSchema } from "./schemas.ts";
import type { DockerError, DockerVersion } from "./types.ts";

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
  /** `false` sends the path without a `/v1.xx` prefix (for `/_ping`), so without negotiating. @default true */
  readonly versioned?: boolean;
}

/** Options of {@linkcode createTransport}. */
export interface TransportOptions {
  /** Per request, and for the negotiation. @default {@linkcode DEFAULT_TIMEOUT_MS} */
  readonly timeoutMs?: number;
}

/**
 * Requests to one engine. Paths are unversioned, e.g. `/containers/json`; a
 * versioned request first waits for the negotiated API version.
 */
export interface DockerTransport extends Disposable {
  readonly endpoint: DockerEndpoint;
  /**
   * Asks the unversioned `GET /version` (which read-only socket proxies allow)
   * and keeps the engine's own API version for later requests; an engine older
   * than API 1.41 is a `docker_api_error`. Versioned requests negotiate first if
   * no version is kept, and again after a connection failure or when the engine
   * refuses the kept version (it was upgraded): such a request is sent once more.
   */
  negotiate(): ResultAsync<DockerVersion, DockerError>;
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
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const client = httpClient(endpoint);
  /** The latest negotiation, shared by the requests that wait for it; dropped when it fails. */
  let negotiation: ResultAsync<DockerVersion, DockerError> | undefined;

  /** One HTTP request to `prefix` + `path`; errors name the unprefixed `path`. */
  function send<T>(path: string, request: RequestOptions & { prefix: string; read: Reader<T> }) {
    const timeoutMs = request.timeoutMs ?? defaultTimeoutMs;
    const timer = new AbortController();
    const timeoutId = setTimeout(() => timer.abort(), timeoutMs);
    const signal = request.signal ? AbortSignal.any([timer.signal, request.signal]) : timer.signal;
    const toError = (e: unknown): DockerError =>
      timer.signal.aborted
        ? { kind: "docker_timeout", endpoint: endpoint.display, path, timeoutMs }
        : { kind: "docker_unreachable", endpoint: endpoint.display, cause: explain(e, endpoint) };
    const url = `${endpoint.baseUrl}${request.prefix}${path}`;
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
        ? request.read(response, toError)
        : readText(response, toError).andThen((text) =>
          errAsync<T, DockerError>({
            kind: "docker_api_error",
            path,
            status: response.status,
            message: engineMessage(text, response.status),
          })
        )
    ).andTee(stop).orTee((e) => {
      stop();
      // The engine may come back as another version (an upgrade): negotiate again.
      if (e.kind === "docker_unreachable" && !request.signal?.aborted) negotiation = undefined;
    });
  }

  function negotiate(): ResultAsync<DockerVersion, DockerError> {
    const attempt: ResultAsync<DockerVersion, DockerError> = send("/version", {
      prefix: "",
      read: readText,
    })
      .andThen((text) => parseWireText(versionSchema, text, { path: "/version" }))
      .andThen(chooseApiVersion)
      .orTee(() => {
        if (negotiation === attempt) negotiation = undefined;
      });
    negotiation = attempt;
    return attempt;
  }

  function exchange<T>(path: string, request: RequestOptions, read: Reader<T>) {
    if (request.versioned === false) return send(path, { ...request, prefix: "", read });
    const kept = negotiation;
    const sendAs = (version: DockerVersion) =>
      send(path, { ...request, prefix: `/v${version.apiVersion}`, read });
    return (kept ?? negotiate()).andThen(sendAs).orElse((e) => {
      if (kept === undefined || !isVersionRefused(e)) return errAsync(e);
      if (negotiation === kept) negotiation = undefined;
      return (negotiation ?? negotiate()).andThen(sendAs);
    });
  }

  return {
    endpoint,
    negotiate,
    text: (path, options = {}) => exchange(path, options, readText),
    open: (path, options = {}) => exchange(path, options, (response) => okAsync(response)),
    close: () => client?.close(),
    [Symbol.dispose]: () => client?.close(),
  };
}

/** A unix socket's client, or one that verifies the engine by its CA and shows our certificate. */
function httpClient(endpoint: DockerEndpoint): Deno.HttpClient | undefined {
  if (endpoint.socketPath !== undefined) {
    return Deno.createHttpClient({ proxy: { transport: "unix", path: endpoint.socketPath } });
  }
  if (endpoint.tls === undefined) return undefined;
  const { ca, cert, key } = endpoint.tls;
  return Deno.createHttpClient({ caCerts: [ca], cert, key });
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
  const hint = endpoint.socketPath !== undefined
    ? `Is dockerd running, is ${endpoint.socketPath} mounted here, and may this user read and write it?`
    : endpoint.tls !== undefined
    ? `Is dockerd listening on ${endpoint.display} with TLS, is its certificate signed by ` +
      "DOCKER_CERT_PATH's ca.pem and made for that host, and does it accept cert.pem?"
    : `Is dockerd running and listening on ${endpoint.display}?`;
  return `${message}. ${hint}`;
}
