/**
 * Exponential backoff: the one rule for how long to wait before the next try.
 *
 * @module
 */

/** How {@linkcode backoffDelay} spreads retries. */
export interface BackoffOptions {
  /** Delay of the first retry (its ceiling with `random`), in ms. */
  readonly baseMs: number;
  /** Upper bound of any delay, in ms. */
  readonly maxMs: number;
  /** Full jitter: a number in [0, 1), `Math.random` in production. Without it the delay is exact. */
  readonly random?: () => number;
}

/**
 * The delay before the retry after `attempt` (0-based; a negative one counts
 * as 0): `min(maxMs, baseMs·2^attempt)`, or with `random` a whole number of
 * ms in [0, that) (full jitter).
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exponent = Math.max(0, Math.floor(attempt));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  return options.random === undefined ? ceiling : Math.floor(options.random() * ceiling);
}
