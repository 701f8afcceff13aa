/**
 * Time, as the controller sees it: the clock and the sleep every loop waits
 * with. Tests pass a fake one and step it, so timing tests are exact.
 *
 * @module
 */
import { sleep } from "../timing/mod.ts";

/** The clock and the sleep every timed part of the controller uses. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now(), sleep };

/** Resolves when `signal` aborts (at once when it already has). */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
