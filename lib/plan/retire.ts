/**
 * The plan for a container that went away (stopped, died, removed, or no longer asking for a
 * host): what its hosts show now (disabled, a maintenance page, or kept), and when they are
 * pruned. Which hosts are ours to touch is decided here too.
 *
 * @module
 */
import type { Action, NpmSnapshot, OwnerMeta, ProxyHost } from "../model/mod.ts";
import { enterMaintenance } from "./maintenance.ts";
import { disabledComment, hostDomain, restampedMeta } from "./owner.ts";
import type { PlanOptions, ReconcileTarget } from "./plan_options.ts";

/** One of our hosts, with its parsed owner. */
export interface OwnedHost {
  readonly host: ProxyHost;
  readonly owner: OwnerMeta;
}

/** The actions for a container that went away: its hosts left as its stop action says. */
export function planGone(
  target: Extract<ReconcileTarget, { kind: "gone" }>,
  snapshot: NpmSnapshot,
  options: PlanOptions,
): Action[] {
  // A container this engine does not know may be another engine's: only hosts that say they
  // are this instance's are retired then.
  const legacy = target.known !== false;
  const stopAction = target.stopAction ?? "disable";
  if (stopAction === "keep") return [];
  const leave = stopAction === "maintenance" ? enterMaintenance : retire;
  return ownedBy(snapshot, target.containerId, { ...options, legacy }).flatMap((owned) =>
    target.known === false && prunable(owned, options)
      ? [{
        domain: hostDomain(owned.host, owned.owner),
        containerId: owned.owner.container_id,
        containerName: target.containerName,
        kind: "delete" as const,
        hostId: owned.host.id,
      }]
      : leave(owned, { ...options, containerName: target.containerName })
  );
}

/** Whether our host of a removed container has been disabled for `PRUNE_AFTER` (from its meta). */
function prunable({ host, owner }: OwnedHost, options: PlanOptions): boolean {
  if (options.pruneAfterMs === undefined || host.enabled || owner.disabled_at === undefined) {
    return false;
  }
  return Date.parse(options.now) - Date.parse(owner.disabled_at) >= options.pruneAfterMs;
}

/** Our hosts of a container: this instance's, and (with `legacy`) those of no instance. */
export function ownedBy(
  snapshot: NpmSnapshot,
  containerId: string,
  options: { readonly instanceId?: string; readonly legacy: boolean },
): OwnedHost[] {
  return snapshot.proxyHosts.flatMap((host) => {
    const owner = host.owner;
    if (owner?.container_id !== containerId) return [];
    return isOurs(owner, options) ? [{ host, owner }] : [];
  });
}

/**
 * Whether a host of EnvoyNPM's is this instance's: its instance is this one (or instances are not
 * told apart), or, with `legacy`, it was made before hosts recorded their instance.
 */
export function isOurs(
  owner: OwnerMeta,
  options: { readonly instanceId?: string; readonly legacy: boolean },
): boolean {
  return options.instanceId === undefined || owner.instance_id === options.instanceId ||
    (options.legacy && owner.instance_id === undefined);
}

/** Takes one of our hosts offline (if online) and marks it DISABLED (if not yet). */
export function retire(
  { host, owner }: OwnedHost,
  options: { readonly containerName: string; readonly now: string; readonly instanceId?: string },
): Action[] {
  const domain = hostDomain(host, owner);
  const subject = { domain, containerId: owner.container_id, containerName: options.containerName };
  const comments = disabledComment(domain);
  const actions: Action[] = [];
  if (host.enabled) actions.push({ ...subject, kind: "disable", hostId: host.id });
  const instanceId = options.instanceId ?? owner.instance_id;
  if (owner.comments !== comments || owner.instance_id !== instanceId) {
    const meta = restampedMeta({ host, owner }, {
      comments,
      instanceId,
      now: options.now,
      disabledAt: owner.disabled_at ?? options.now,
    });
    const diff = [{ field: "meta.comments", from: host.meta.comments, to: comments }] as const;
    actions.push({
      ...subject,
      kind: "update",
      hostId: host.id,
      changes: {},
      meta,
      enable: false,
      diff,
    });
  }
  return actions;
}
