/**
 * One container's step of a reconcile: plan against the batch's snapshot,
 * apply the actions in order, and say what happened as a value (the
 * snapshot after the writes, whether to retry, the problems it has now).
 * Each write is reported as it happens (a skip is the reconciler's to report,
 * once while it lasts); nothing here decides scheduling.
 *
 * @module
 */
import type { Action, NpmSnapshot } from "../model/mod.ts";
import { describeNpmError } from "../npm/describe_error.ts";
import type { NpmApi } from "../npm/types.ts";
import { type ReconcileTarget, targetContainerId } from "../plan/mod.ts";
import { applyAction } from "./apply_action.ts";
import type { ContainerBook } from "./container_book.ts";
import type { ContainerSkip, ControllerListener, Problem } from "./reports.ts";
import { isRetryable, isTransient } from "../npm/retryable.ts";
import { refusedWriteProblem, skipProblem } from "./problems.ts";
import { withApplied } from "./snapshot_copy.ts";

/** What converging one container did. */
export interface Converged {
  /** NPM's state after its writes. */
  readonly snapshot: NpmSnapshot;
  readonly wrote: boolean;
  /** A write failed in a way that may pass: try again later. */
  readonly retry: boolean;
  /**
   * Every problem the container has now (setting warnings, skips, a refused write); undefined
   * to keep what was told (a stopped container keeps its warnings, so a restart does not
   * repeat them).
   */
  readonly problems?: readonly Problem[];
  /** The domains it asks for that were left alone (one per host at most), and why. */
  readonly skips: readonly FoundSkip[];
}

/** A domain left alone: what the status page shows of it, and the plan's skip that said so. */
export interface FoundSkip {
  readonly skip: Omit<ContainerSkip, "since">;
  readonly action: Extract<Action, { kind: "skip" }>;
}

/** What converging needs. */
export interface ConvergeDeps {
  readonly npm: NpmApi;
  readonly book: ContainerBook;
  readonly emit: ControllerListener;
  /** The plan for a target against a snapshot (pure). */
  readonly plan: (target: ReconcileTarget, snapshot: NpmSnapshot) => Action[];
  /** Lists NPM again (after a domain was taken behind our back); undefined when it fails. */
  readonly relist: () => Promise<NpmSnapshot | undefined>;
  /** The clock, in epoch milliseconds. */
  readonly now: () => number;
}

/** The most plans one converge applies: the plain host, the certificate request, the switch. */
const CERTIFICATE_STEPS = 3;

/** Plans one container and applies the actions, stopping at the first failed write. */
export async function converge(
  item: { readonly target: ReconcileTarget; readonly problems: readonly Problem[] },
  options: {
    readonly snapshot: NpmSnapshot;
    readonly deps: ConvergeDeps;
    /** The snapshot is a kept listing (npm_listing.ts): a refused write is planned again. */
    readonly cached?: boolean;
  },
): Promise<Converged> {
  const { target } = item;
  const { deps } = options;
  const id = targetContainerId(target);
  const problems: Problem[] = [...item.problems];
  let snapshot = options.snapshot;
  let wrote = false;
  // By domain: each pass plans the skips again.
  const skips = new Map<string, FoundSkip>();
  const noteSkip = (action: Extract<Action, { kind: "skip" }>) => {
    const found = skipFor(action, deps.book);
    problems.push(found.problem);
    skips.set(action.domain, { skip: found.skip, action });
  };
  const result = (rest: { snapshot: NpmSnapshot; retry: boolean }): Converged => ({
    ...rest,
    wrote,
    problems,
    skips: [...skips.values()],
  });
  let actions = deps.plan(target, snapshot);
  for (let pass = 1;; pass++) {
    for (const action of actions) {
      if (action.kind === "skip") {
        noteSkip(action);
        continue;
      }
      const started = performance.now();
      const applied = await applyAction(deps.npm, action);
      const durationMs = performance.now() - started;
      if (applied.isOk()) {
        deps.book.setRefused(id, undefined);
        snapshot = withApplied(snapshot, applied.value);
        wrote = true;
        const hostId = applied.value.kind === "row"
          ? applied.value.host.id
          : applied.value.kind === "enabled"
          ? applied.value.hostId
          : undefined;
        deps.emit({ type: "action", action, outcome: "ok", durationMs, hostId });
        continue;
      }
      const error = applied.error;
      const failed = {
        type: "action",
        action,
        outcome: "failed",
        durationMs,
        error: describeNpmError(error),
      } as const;
      if (action.kind === "request_certificate") {
        // Told at every attempt, and asked again only after a long wait (Let's Encrypt's limits).
        deps.emit(failed);
        deps.book.noteRequest(action.domains, { failed: failed.error, at: deps.now() });
        return result({ snapshot, retry: false });
      }
      if (options.cached && !isRetryable(error)) {
        // Planned on a kept listing, NPM refused (a host deleted, a domain taken since): plan
        // again on a fresh one. A failure to reach NPM is retried as any other.
        const fresh = await deps.relist();
        if (fresh !== undefined) {
          const again = await converge(item, { snapshot: fresh, deps });
          return { ...again, wrote: wrote || again.wrote };
        }
      }
      // The same write refused again (each resync tries it): once in logs and webhooks is enough.
      if (!deps.book.wasRefused(id, writeSignature(action))) deps.emit(failed);
      if (error.kind === "npm_domain_in_use") {
        // Made by hand since our listing: warn as the plan will from now on (same message, with
        // the holder's host id), so the next reconcile does not warn again.
        const fresh = await deps.relist() ?? snapshot;
        const taken = deps.plan(target, fresh).flatMap((next) =>
          next.kind === "skip" ? [next] : []
        );
        if (taken.length === 0) taken.push({ ...action, kind: "skip", reason: "foreign_host" });
        for (const next of taken) noteSkip(next);
        return result({ snapshot: fresh, retry: false });
      }
      if (!isTransient(error)) {
        deps.book.setRefused(id, writeSignature(action));
        problems.push(refusedWriteProblem(action, describeNpmError(error)));
      }
      return result({ snapshot, retry: isTransient(error) });
    }
    // HTTPS comes in steps, each planned on what the last one left: the plain host, then the
    // certificate request, then the switch to the certificate.
    const requested = actions.some((action) => action.kind === "request_certificate");
    if (requested) {
      deps.book.noteRequest(
        actions.flatMap((a) => a.kind === "request_certificate" ? a.domains : []),
        { at: deps.now() },
      );
    }
    const requesting = target.kind === "running" && target.hosts.some((host) => host.tls?.request);
    if (pass >= CERTIFICATE_STEPS || !requesting) {
      break;
    }
    actions = deps.plan(target, snapshot);
    if (!requested && !actions.some((action) => action.kind === "request_certificate")) break;
  }
  deps.book.setRefused(id, undefined);
  return {
    ...result({ snapshot, retry: false }),
    problems: target.kind === "running" ? problems : undefined,
  };
}

/** A skip's warning and what the status page shows of it. */
function skipFor(
  action: Extract<Action, { kind: "skip" }>,
  book: ContainerBook,
): { problem: Problem; skip: Omit<ContainerSkip, "since"> } {
  const holderName = action.holderContainerId === undefined
    ? undefined
    : book.name(action.holderContainerId);
  return {
    problem: skipProblem(action, holderName),
    skip: {
      domain: action.domain,
      reason: action.reason,
      ...(action.hostId === undefined ? {} : { hostId: action.hostId }),
      ...(action.holderContainerId === undefined
        ? {}
        : { holderContainerId: action.holderContainerId }),
      ...(holderName === undefined ? {} : { holderName }),
    },
  };
}

/** What identifies a write whatever the moment: the action without its volatile meta. */
function writeSignature(action: Action): string {
  return JSON.stringify({ ...action, meta: undefined });
}
