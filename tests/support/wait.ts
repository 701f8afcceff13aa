/**
 * Waiting for a condition in tests, bounded in time.
 *
 * @module
 */

/** Options of {@linkcode waitUntil}. */
export interface WaitOptions {
  /** @default 10_000 */
  readonly timeoutMs?: number;
  /** @default 50 */
  readonly intervalMs?: number;
}

/**
 * Polls `probe` until it returns a value other than `undefined`/`false` and
 * returns that value; throws with `what` when the time runs out.
 */
export async function waitUntil<T>(
  what: string,
  probe: () => T | false | undefined | Promise<T | false | undefined>,
  options: WaitOptions = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
}
