/**
 * Which containers' domains EnvoyNPM currently leaves alone, folded from the
 * event stream: a `skip` action adds one, and it goes when the container
 * takes the domain (any other action), stops asking for it, or is removed.
 *
 * @module
 */
import type { ControllerEvent } from "../controller/events.ts";
import type { SkipView } from "./types.ts";

/** The live skips, by container id. */
export interface SkipTracker {
  /** Folds one event in; returns `true` when it added a skip not seen before. */
  apply(event: ControllerEvent, at: string): boolean;
  /** Skips because a hand-made or other kind of host holds the domain, by domain. */
  skipped(): SkipView[];
  /** Skips because another container holds the domain, by domain. */
  conflicts(): SkipView[];
}

/** Makes an empty {@linkcode SkipTracker}. */
export function createSkipTracker(): SkipTracker {
  const skips = new Map<string, SkipView>();

  function apply(event: ControllerEvent, at: string): boolean {
    switch (event.type) {
      case "action": {
        const action = event.action;
        if (action.kind !== "skip") {
          skips.delete(action.containerId);
          return false;
        }
        const before = skips.get(action.containerId);
        const same = before !== undefined && before.domain === action.domain &&
          before.reason === action.reason && before.hostId === action.hostId &&
          before.holderContainerId === action.holderContainerId;
        skips.set(action.containerId, {
          domain: action.domain,
          containerId: action.containerId,
          containerName: action.containerName,
          reason: action.reason,
          ...(action.hostId === undefined ? {} : { hostId: action.hostId }),
          ...(action.holderContainerId === undefined
            ? {}
            : { holderContainerId: action.holderContainerId }),
          since: same ? before.since : at,
        });
        return !same;
      }
      case "container": {
        const view = event.container;
        const skip = skips.get(view.id);
        if (
          skip !== undefined &&
          (!view.running || view.state !== "desired" || view.domain !== skip.domain)
        ) skips.delete(view.id);
        return false;
      }
      case "container_removed":
        skips.delete(event.id);
        return false;
      default:
        return false;
    }
  }

  function select(conflict: boolean): SkipView[] {
    return [...skips.values()]
      .filter((skip) => (skip.reason === "domain_conflict") === conflict)
      .sort((a, b) =>
        a.domain.localeCompare(b.domain) || a.containerName.localeCompare(b.containerName)
      );
  }

  return { apply, skipped: () => select(false), conflicts: () => select(true) };
}
