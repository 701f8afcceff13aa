/**
 * Retrying NPM requests: full-jitter exponential backoff, and a loop that
 * repeats only what may succeed on a second try (network errors, timeouts,
 * 5xx and 429) and stops at once when its signal aborts.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import { errAsync, ResultAsync } from "neverthrow";
import { backoffDelay, type BackoffOptions } from "../timing/mod.ts";
import { isRetryable } from "./retryable.ts";
import type { NpmError } from "./types.ts";

const logger = getLogger(["envoynpm", "npm"]);

/** How {@linkcode withRetry} repeats a request. */
export interface RetryOptions extends Required<BackoffOptions> {
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
