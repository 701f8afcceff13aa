/**
 * One HTTP exchange with NPM: fetch with a timeout, then either the parsed
 * JSON of a 2xx answer or an {@linkcode NpmError} built from NPM's
 * `{"error":{"code","message"}}`. No retries, no login: those sit above.
 *
 * @module
 */
import { errAsync, okAsync, Result, ResultAsync } from "neverthrow";
import { errorBodySchema } from "./schemas.ts";
import type { NpmError } from "./types.ts";
import { describeThrown } from "../errors/mod.ts";

/** Where and how requests are sent. */
export interface HttpContext {
  /** NPM's address without the `/api` suffix, e.g. `http://npm:81`. */
  readonly origin: string;
  readonly fetch: typeof fetch;
  /** Per request, body included. */
  readonly timeoutMs: number;
  /** Aborting cancels the request in flight. */
  readonly signal?: AbortSignal;
}

/** One request; `path` starts with `/api`. */
export interface HttpRequest {
  readonly method: "GET" | "POST" | "PUT" | "DELETE";
  readonly path: string;
  readonly body?: unknown;
  /** Sent as `Authorization: Bearer …`; never put in an error. */
  readonly token?: string;
  /** This request's timeout, when it may take longer than most. @default the context's */
  readonly timeoutMs?: number;
}

interface RawAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly text: string;
}

/** NPM's address without `/api`: accepts `http://npm:81`, `http://npm:81/`, `http://npm:81/api/`. */
export function apiOrigin(url: string): string {
  return url.trim().replace(/\/+$/, "").replace(/\/api$/i, "");
}

/** The full URL of an API path, as errors name it. */
export function requestUrl(context: HttpContext, path: string): string {
  return context.origin + path;
}

/** Sends one request: the parsed JSON of a 2xx answer, or why there is none. */
export function sendRequest(
  context: HttpContext,
  request: HttpRequest,
): ResultAsync<unknown, NpmError> {
  const url = requestUrl(context, request.path);
  const controller = new AbortController();
  const timedOut = new DOMException("NPM request timed out", "TimeoutError");
  const exchange = ResultAsync.fromThrowable(
    () => fetchText(context, request, { url, controller, timedOut }),
    (thrown): NpmError => {
      if (context.signal?.aborted) {
        return { kind: "npm_unreachable", url, cause: "Request aborted" };
      }
      if (controller.signal.reason === timedOut) {
        return { kind: "npm_timeout", url, timeoutMs: request.timeoutMs ?? context.timeoutMs };
      }
      return {
        kind: "npm_unreachable",
        url,
        cause: describeThrown(thrown, "Unknown network error"),
      };
    },
  );
  return exchange().andThen((answer) => interpret(answer, url));
}

async function fetchText(
  context: HttpContext,
  request: HttpRequest,
  { url, controller, timedOut }: { url: string; controller: AbortController; timedOut: unknown },
): Promise<RawAnswer> {
  const abort = () => controller.abort(context.signal?.reason);
  if (context.signal?.aborted) abort();
  context.signal?.addEventListener("abort", abort, { once: true });
  const timer = setTimeout(
    () => controller.abort(timedOut),
    request.timeoutMs ?? context.timeoutMs,
  );
  try {
    const headers: Record<string, string> = { accept: "application/json" };
    if (request.body !== undefined) headers["content-type"] = "application/json";
    if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
    const response = await context.fetch(url, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: controller.signal,
    });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, text };
  } finally {
    clearTimeout(timer);
    context.signal?.removeEventListener("abort", abort);
  }
}

function interpret(answer: RawAnswer, url: string): ResultAsync<unknown, NpmError> {
  const { status } = answer;
  const json = parseJson(answer.text);
  if (status >= 200 && status < 300) {
    return json.isOk()
      ? okAsync(json.value)
      : errAsync({ kind: "npm_bad_response", url, detail: `Body of status ${status} is not JSON` });
  }
  const parsed = errorBodySchema.safeParse(json.unwrapOr(undefined));
  const message = parsed.success
    ? parsed.data.error.message
    : `Status ${status}${answer.statusText ? ` ${answer.statusText}` : ""}`;
  if (status === 404) return errAsync({ kind: "npm_not_found", url, message });
  if (status === 429 || status >= 500) {
    return errAsync({ kind: "npm_server_error", url, status, message });
  }
  if (status >= 400) return errAsync({ kind: "npm_rejected", url, status, message });
  return errAsync({ kind: "npm_bad_response", url, detail: `Unexpected status ${status}` });
}

const parseJson = Result.fromThrowable((text: string): unknown => JSON.parse(text), () => null);
