/**
 * A sleep that ends early when a signal aborts.
 *
 * @module
 */

/** Resolves after `ms`, or at once, without throwing, when `signal` aborts (its timer is always cleared). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
