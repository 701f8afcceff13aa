/**
 * The worker: takes the due keys off the queue, expands a resync into every
 * key, reconciles, and turns the outcome into scheduling (forget what
 * converged, back off what failed, hurry what waited when NPM returns) and
 * into health reports.
 *
 * @module
 */
import { describeThrown } from "../errors/mod.ts";
import type { ControllerListener } from "./reports.ts";
import type { Observations } from "./outcome.ts";
import type { Reconciler } from "./reconciler.ts";
import type { ServiceHealth } from "./service_health.ts";
import type { WorkQueue } from "./work_queue.ts";

/** The queue key that asks for a full resync: every running container and every host we own. */
export const RESYNC = "*resync*";

/** What the worker works with. */
export interface WorkerDeps {
  readonly queue: WorkQueue;
  readonly reconciler: Reconciler;
  readonly health: ServiceHealth;
  readonly emit: ControllerListener;
  readonly signal: AbortSignal;
  /** Names the events gave, by container id, until the container's next reconcile. */
  readonly names: Map<string, string>;
}

/** Works until `signal` aborts. */
export async function work(deps: WorkerDeps): Promise<void> {
  for (;;) {
    const batch = await deps.queue.next(deps.signal);
    if (batch === undefined) return;
    try {
      await workOn(batch, deps);
    } catch (error) {
      // A bug must not stop the service (the reconciler already catches per container): report
      // it, and try these keys again later.
      deps.emit({
        type: "problem",
        problem: {
          severity: "error",
          code: "internal_error",
          message: `Internal error while reconciling, will retry: ${
            describeThrown(error, "Unknown error")
          }`,
        },
      });
      for (const key of batch) backOff(key, "internal error", deps);
    }
  }
}

async function workOn(batch: readonly string[], deps: WorkerDeps): Promise<void> {
  const { queue } = deps;
  const resync = batch.includes(RESYNC);
  const events = batch.filter((key) => key !== RESYNC);
  let keys = events;
  if (resync) {
    const listing = await deps.reconciler.resyncKeys();
    observe(listing, { deps, resync });
    if (listing.keys === undefined) {
      backOff(RESYNC, "the resync's listing failed", deps);
      if (events.length === 0) return;
    } else {
      queue.forget(RESYNC);
      // The resync's order (oldest container first) decides who holds a contested domain;
      // a key still settling (a stop that may be a restart) or backing off waits its turn.
      const due = listing.keys.filter((key) => !queue.isWaiting(key));
      keys = [...new Set([...due, ...events])];
    }
  }
  // A resync reconciles even with no keys: it re-reads NPM for the status page and nginx errors.
  if ((keys.length === 0 && !resync) || deps.signal.aborted) return;
  const names = new Map(keys.flatMap((key) => {
    const name = deps.names.get(key);
    deps.names.delete(key);
    return name === undefined ? [] : [[key, name] as const];
  }));
  // A stop that arrives while the reconcile runs waits its settle there too.
  const settling = (key: string) => queue.isWaiting(key);
  const outcome = await deps.reconciler.reconcile(keys, { names, settling, fresh: resync });
  observe(outcome, { deps, resync });
  for (const key of outcome.done) queue.forget(key);
  for (const { key, why } of outcome.retry) backOff(key, why, deps);
}

/** Reports what the reads said; NPM's return after an outage retries what waits, now. */
function observe(seen: Observations, options: { deps: WorkerDeps; resync: boolean }): void {
  const { deps } = options;
  if (seen.docker) deps.health.docker(seen.docker);
  if (seen.npm && deps.health.npm(seen.npm, { tell: true })) {
    deps.queue.expedite();
    // A resync under way reads everything anyway.
    if (!options.resync) deps.queue.add(RESYNC);
  }
}

function backOff(key: string, why: string, deps: WorkerDeps): void {
  const delayMs = deps.queue.addRateLimited(key);
  deps.emit({ type: "retry", key, why, delayMs });
}
