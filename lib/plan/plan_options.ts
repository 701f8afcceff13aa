/**
 * What the plan is asked about (a target) and what it needs besides NPM's state (its options).
 *
 * @module
 */
import type { DesiredHost, StopAction } from "../model/mod.ts";

/** What to reconcile: a running container's desired hosts, or a container that went away. */
export type ReconcileTarget =
  /** `hosts`: at least one, all of the same container. */
  | { readonly kind: "running"; readonly hosts: readonly DesiredHost[] }
  /**
   * The container stopped, died, was removed, or runs without asking for a host. `known` is false
   * when this engine does not know the container (removed, or another engine's).
   */
  | {
    readonly kind: "gone";
    readonly containerId: string;
    readonly containerName: string;
    readonly known?: boolean;
    /** What its host shows now: `disable` it, a 503 `maintenance` page, or `keep` it. @default "disable" */
    readonly stopAction?: StopAction;
  };

/** What the plan needs besides the target and NPM's state. */
export interface PlanOptions {
  /** ISO time, used as `created_at` of a new host. */
  readonly now: string;
  /** ENFORCE=true: restore every managed field, ignoring hand edits. */
  readonly enforce: boolean;
  /** Whether containerId is running and still asks for domain (so it keeps a host it holds). */
  readonly isActiveClaim: (containerId: string, domain: string) => boolean;
  /** Why a Let's Encrypt request for these names must wait; undefined when it may go. */
  readonly requestBlocked?: (domains: readonly string[]) => string | undefined;
  /** `PRUNE_AFTER`: delete our disabled host of a container gone this long. @default never */
  readonly pruneAfterMs?: number;
  /**
   * This instance's id: hosts of other instances are not ours, and hosts without an id are
   * taken over (in one write) by the instance that has their container. @default not told apart
   */
  readonly instanceId?: string;
}
