/**
 * One webhook POST with a timeout, as a `ResultAsync`. No retries.
 *
 * @module
 */
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import type { Notification } from "./notification.ts";
import { describeThrown } from "../errors/mod.ts";

/** Why a webhook POST did not get a 2xx answer. */
export type WebhookError =
  /** The connection failed (refused, reset, DNS, TLS). */
  | { readonly kind: "webhook_unreachable"; readonly cause: string }
  /** No answer within the POST's timeout. */
  | { readonly kind: "webhook_timeout"; readonly timeoutMs: number }
  /** The webhook answered with a non-2xx status. */
  | { readonly kind: "webhook_status"; readonly status: number }
  /** The notifier was closed while the POST was in flight. */
  | { readonly kind: "webhook_closed" };

/** Options of {@linkcode postNotification}. */
export interface PostOptions {
  readonly url: string;
  readonly timeoutMs: number;
  readonly fetch: typeof fetch;
  /** Aborts the POST when the notifier closes. */
  readonly signal: AbortSignal;
}

/** POSTs one notification as JSON; resolves within `timeoutMs` or soon after `signal` aborts. */
export function postNotification(
  notification: Notification,
  options: PostOptions,
): ResultAsync<void, WebhookError> {
  const controller = new AbortController();
  const timedOut = new DOMException("Webhook request timed out", "TimeoutError");
  const exchange = ResultAsync.fromThrowable(
    () => fetchStatus(notification, { ...options, controller, timedOut }),
    (thrown): WebhookError => {
      if (options.signal.aborted) return { kind: "webhook_closed" };
      if (controller.signal.reason === timedOut) {
        return { kind: "webhook_timeout", timeoutMs: options.timeoutMs };
      }
      return { kind: "webhook_unreachable", cause: describeCause(thrown, options.url) };
    },
  );
  return exchange().andThen((status) =>
    status >= 200 && status < 300 ? okAsync(undefined) : errAsync<void, WebhookError>({
      kind: "webhook_status",
      status,
    })
  );
}

/** A webhook URL fit for logs: its origin only, since paths often hold tokens (Slack, Discord). */
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return "(invalid URL)";
  const { origin, pathname, search } = new URL(url);
  return pathname === "/" && search === "" ? origin : `${origin}/…`;
}

/** A {@linkcode WebhookError} as a sentence-case phrase for logs. */
export function describeWebhookError(error: WebhookError): string {
  switch (error.kind) {
    case "webhook_unreachable":
      return error.cause;
    case "webhook_timeout":
      return `No answer within ${error.timeoutMs} ms`;
    case "webhook_status":
      return `Status ${error.status}`;
    case "webhook_closed":
      return "Notifier closed";
  }
}

async function fetchStatus(
  notification: Notification,
  options: PostOptions & { controller: AbortController; timedOut: unknown },
): Promise<number> {
  const { controller, signal } = options;
  const abort = () => controller.abort(signal.reason);
  if (signal.aborted) abort();
  signal.addEventListener("abort", abort, { once: true });
  const timer = setTimeout(() => controller.abort(options.timedOut), options.timeoutMs);
  try {
    const exchange = async () => {
      const response = await options.fetch(options.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(notification),
        signal: controller.signal,
      });
      await response.body?.cancel();
      return response.status;
    };
    return await settleOrAbort(exchange(), controller.signal);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", abort);
  }
}

/** `work`, or a rejection as soon as `signal` aborts, even if `work` ignores the signal. */
function settleOrAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The error's message and its causes', e.g. "fetch failed: … Connection refused", with the URL redacted. */
function describeCause(thrown: unknown, url: string): string {
  const text = describeThrown(thrown, "Unknown error");
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  const forms = parsed === undefined
    ? [url]
    : [parsed.href, url, parsed.origin + parsed.pathname + parsed.search];
  return forms.reduce((result, form) => result.replaceAll(form, redactUrl(url)), text);
}
