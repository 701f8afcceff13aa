/**
 * SIGINT and SIGTERM: abort everything, and make sure the process is gone
 * within 2 s even if something does not stop in time.
 *
 * @module
 */

/** Longest time between the signal and the process's exit. */
const GRACE_MS = 1_500;

/** The signal that asked for the shutdown, and when (`performance.now()`). */
export interface ShutdownRequest {
  readonly signal: Deno.Signal;
  readonly at: number;
}

/** What {@linkcode onShutdown} hands back. */
export interface Shutdown {
  /** The signal received, once one was. */
  requested(): ShutdownRequest | undefined;
  /** Removes the handlers. */
  dispose(): void;
}

/**
 * Aborts `controller` on SIGINT or SIGTERM and exits the process after a
 * grace period if it is still running.
 */
export function onShutdown(controller: AbortController): Shutdown {
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  let request: ShutdownRequest | undefined;
  const handlers = signals.map((signal) => () => {
    if (controller.signal.aborted) Deno.exit(130);
    request = { signal, at: performance.now() };
    controller.abort();
    const timer = setTimeout(() => Deno.exit(0), GRACE_MS);
    Deno.unrefTimer(timer);
  });
  signals.forEach((signal, i) => Deno.addSignalListener(signal, handlers[i]));
  return {
    requested: () => request,
    dispose: () => signals.forEach((signal, i) => Deno.removeSignalListener(signal, handlers[i])),
  };
}
