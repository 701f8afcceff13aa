/**
 * SIGINT and SIGTERM: abort everything, and make sure the process is gone
 * within 2 s even if something does not stop in time.
 *
 * @module
 */

/** Longest time between the signal and the process's exit. */
const GRACE_MS = 1_500;

/**
 * Aborts `controller` on SIGINT or SIGTERM and exits the process after a
 * grace period if it is still running. Returns a function that removes the
 * handlers.
 */
export function onShutdown(controller: AbortController): () => void {
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  const handler = () => {
    if (controller.signal.aborted) Deno.exit(130);
    controller.abort();
    const timer = setTimeout(() => Deno.exit(0), GRACE_MS);
    Deno.unrefTimer(timer);
  };
  for (const signal of signals) Deno.addSignalListener(signal, handler);
  return () => {
    for (const signal of signals) Deno.removeSignalListener(signal, handler);
  };
}
