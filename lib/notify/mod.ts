/**
 * Webhook notifications (`NOTIFY_URL`): a controller listener that turns
 * creates, enables, disables, domain conflicts and errors into JSON POSTs,
 * sent in the background so a dead or slow webhook never slows the controller.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import type { ControllerEvent, ControllerListener } from "../controller/reports.ts";
import { type Notification, toNotification } from "./notification.ts";
import { describeWebhookError, postNotification, redactUrl, type WebhookError } from "./post.ts";

export type { Notification, NotificationKind } from "./notification.ts";
export { toNotification } from "./notification.ts";

const logger = getLogger(["envoynpm", "notify"]);

/** Options of {@linkcode createNotifier}. */
export interface NotifierOptions {
  /** The webhook that receives each notification as a JSON POST. */
  readonly url: string;
  /** How long one POST may take before it is aborted and counted as failed. @default 5000 */
  readonly timeoutMs?: number;
  /** How many notifications may wait; when full, the oldest is dropped. @default 100 */
  readonly maxQueue?: number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/** What a notifier has done so far. */
export interface NotifierStats {
  /** POSTs answered with a 2xx status. */
  readonly sent: number;
  /** POSTs that failed: unreachable, timed out or a non-2xx answer. */
  readonly failed: number;
  /** Notifications never (or not fully) sent: pushed out of a full queue, or cut off by `close()`. */
  readonly dropped: number;
  /** Notifications waiting now (the one in flight excluded). */
  readonly queued: number;
}

/** A running notifier: its listener, a way to stop it, and its counters. */
export interface Notifier {
  /** Queues a notification for the events worth one; never blocks, never throws. */
  readonly listener: ControllerListener;
  /** Stops sending: aborts the POST in flight and drops what is queued. */
  close(): Promise<void>;
  /** The counters so far. */
  stats(): NotifierStats;
}

/**
 * Starts a notifier posting to `options.url`. One loop sends queued
 * notifications one at a time, each with a timeout. There are no retries: a
 * failed POST is counted and logged (once per streak of failures) and the
 * notification is gone.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxQueue = Math.max(1, options.maxQueue ?? 100);
  const now = options.now ?? (() => new Date());
  const post = { url: options.url, timeoutMs, fetch: options.fetch ?? fetch };
  const target = redactUrl(options.url);
  const closing = new AbortController();
  const queue: Notification[] = [];
  const counts = { sent: 0, failed: 0, dropped: 0 };
  let wake: (() => void) | undefined;
  let failureStreak = 0;

  function listener(event: ControllerEvent): void {
    try {
      const notification = toNotification(event, now());
      if (notification === undefined) return;
      if (closing.signal.aborted) {
        counts.dropped++;
        return;
      }
      if (queue.length >= maxQueue) {
        queue.shift();
        counts.dropped++;
      }
      queue.push(notification);
      wake?.();
    } catch (error) {
      logger.error("Cannot queue a notification: {error}", { error: String(error) });
    }
  }

  function onSent(): void {
    counts.sent++;
    if (failureStreak > 0) {
      logger.info("Webhook {url} answers again after {failures} failed notification(s)", {
        url: target,
        failures: failureStreak,
      });
    }
    failureStreak = 0;
  }

  function onFailed(error: WebhookError): void {
    if (error.kind === "webhook_closed") {
      counts.dropped++;
      return;
    }
    counts.failed++;
    failureStreak++;
    if (failureStreak === 1) {
      logger.warn(
        "Webhook {url} failed: {error}; further failures are not logged until it recovers",
        {
          url: target,
          error: describeWebhookError(error),
        },
      );
    }
  }

  async function run(): Promise<void> {
    while (!closing.signal.aborted) {
      const next = queue.shift();
      if (next === undefined) {
        await new Promise<void>((resolve) => wake = resolve);
        wake = undefined;
        continue;
      }
      const result = await postNotification(next, { ...post, signal: closing.signal });
      result.match(onSent, onFailed);
    }
  }

  const loop = run();

  async function close(): Promise<void> {
    if (!closing.signal.aborted) {
      closing.abort();
      counts.dropped += queue.length;
      queue.length = 0;
      wake?.();
    }
    await loop;
  }

  return { listener, close, stats: () => ({ ...counts, queued: queue.length }) };
}
