/**
 * Retrying NPM requests: full-jitter exponential backoff, and a loop that
 * repeats only what may succeed on a second try (network errors, timeouts,
 * 5xx and 429) and stops at once when its signal aborts.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import { errAsync, ResultAsync } from "neverthrow";
import type { NpmError } from "./types.ts";

const logger = getLogger(["envoynpm", "npm"]);

/** How {@linkcode backoffDelay} spreads retries. */
export interface BackoffOptions {
  /** Delay scale of the first retry, in ms. */
  readonly baseMs: number;
  /** Upper bound of any delay, in ms. */
  readonly maxMs: number;
  /** A number in [0, 1); `Math.random` in production. */
  readonly random: () => number;
}

/** Full-jitter backoff: a delay in [0, min(max, base·2^attempt)) for the retry after `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return Math.floor(options.random() * ceiling);
}

/** Whether a failure is worth another try: the request may not have reached NPM, or NPM was busy. */
export function isRetryable(error: NpmError): boolean {
  return error.kind === "npm_unreachable" || error.kind === "npm_timeout" ||
    error.kind === "npm_server_error";
}

/** A pause that ends early, without throwing, when `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}

/** How {@linkcode withRetry} repeats a request. */
export interface RetryOptions extends BackoffOptions {
  /** Tries in all, the first included (at least 1). */
  readonly attempts: number;
  /** Waits between tries; must end early when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborting stops the loop: the last failure is returned without another try. */
  readonly signal?: AbortSignal;
}

/**
 * Runs `run(attempt)` until it succeeds, fails for good, runs out of
 * attempts or is aborted; answers with the last outcome.
 */
export function withRetry<T>(
  run: (attempt: number) => ResultAsync<T, NpmError>,
  options: RetryOptions,
): ResultAsync<T, NpmError> {
  const { signal } = options;
  function tryFrom(attempt: number): ResultAsync<T, NpmError> {
    return run(attempt).orElse((error) => {
      if (!isRetryable(error) || attempt + 1 >= options.attempts || signal?.aborted) {
        return errAsync(error);
      }
      const delayMs = backoffDelay(attempt, options);
      logger.debug("NPM request failed ({kind}); try {next} of {attempts} in {delayMs} ms", {
        kind: error.kind,
        next: attempt + 2,
        attempts: options.attempts,
        delayMs,
        error,
      });
      const pause = ResultAsync.fromThrowable(options.sleep, () => error);
      return pause(delayMs, signal).andThen(() =>
        signal?.aborted ? errAsync(error) : tryFrom(attempt + 1)
      );
    });
  }
  return tryFrom(0);
}
