/**
 * The plan for one container: the NPM writes that bring NPM in line with it,
 * as few as the change needs, and none when in sync.
 *
 * @module
 */
import type {
  Action,
  DesiredHost,
  FieldChange,
  NpmSnapshot,
  OwnerMeta,
  ProxyHost,
  StopAction,
} from "../model/mod.ts";
import { MANAGER_NAME } from "../model/mod.ts";
import { decideTls, withCertificate } from "./certificate.ts";
import { decideAccessList, withHostOptions } from "./host_options.ts";
import { beforeMaintenance, enterMaintenance } from "./maintenance.ts";
import { mergeFields, type MergeResult } from "./merge.ts";
import { buildMeta, disabledComment, hostDomain, linkedComment, metaEqual } from "./owner.ts";

/** What to reconcile: a running container's desired host, or a container that went away. */
export type ReconcileTarget =
  | { readonly kind: "running"; readonly desired: DesiredHost }
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

/** The owner a hand-made host being adopted is planned with (no container held it). */
const ADOPTED = "";

interface OwnedHost {
  readonly host: ProxyHost;
  readonly owner: OwnerMeta;
}

/** The actions, in the order to apply them, that reconcile one container with NPM. */
export function planContainer(
  target: ReconcileTarget,
  snapshot: NpmSnapshot,
  options: PlanOptions,
): Action[] {
  if (target.kind === "gone") {
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
  const access = decideAccessList(target.desired, snapshot.accessLists ?? []);
  // A named access list NPM lacks: never publish unprotected; a host of ours goes offline.
  if (access.kind === "unknown") {
    const containerName = target.desired.containerName;
    return ownedBy(snapshot, target.desired.containerId, { ...options, legacy: true })
      .flatMap((owned) => retire(owned, { ...options, containerName }));
  }
  const fields = withHostOptions(target.desired, {
    ...(access.kind === "list" ? { accessList: access.accessList } : {}),
    npmVersion: snapshot.npmVersion,
  });
  const tls = decideTls({ ...target.desired, fields }, {
    certificates: snapshot.certificates,
    now: Date.parse(options.now),
    requestBlocked: options.requestBlocked,
  });
  // A certificate named but missing: publishing without it is not what was asked.
  if (tls.kind === "unknown") return [];
  const asked = { ...target.desired, fields };
  const desired = tls.kind === "certificate"
    ? { ...asked, fields: withCertificate(asked, tls.certificate) }
    : asked;
  const domain = desired.domain.toLowerCase();
  const retired = ownedBy(snapshot, desired.containerId, { ...options, legacy: true })
    .filter(({ host }) => !holdsDomain(host, domain))
    .flatMap((owned) => retire(owned, { ...options, containerName: desired.containerName }));
  const actions = [...retired, ...claim(desired, snapshot, options)];
  // Two steps, never one: the plain host serves first (nothing left to write for it), then the
  // certificate is requested; the next plan switches the host to it.
  if (tls.kind === "request" && actions.length === 0) {
    const subject = {
      domain,
      containerId: desired.containerId,
      containerName: desired.containerName,
    };
    actions.push({ ...subject, kind: "request_certificate", domains: desired.fields.domain_names });
  }
  return actions;
}

/** Whether our host of a removed container has been disabled for `PRUNE_AFTER` (from its meta). */
function prunable({ host, owner }: OwnedHost, options: PlanOptions): boolean {
  if (options.pruneAfterMs === undefined || host.enabled || owner.disabled_at === undefined) {
    return false;
  }
  return Date.parse(options.now) - Date.parse(owner.disabled_at) >= options.pruneAfterMs;
}

/** Our hosts of a container: this instance's, and (with `legacy`) those of no instance. */
function ownedBy(
  snapshot: NpmSnapshot,
  containerId: string,
  options: { readonly instanceId?: string; readonly legacy: boolean },
): OwnedHost[] {
  return snapshot.proxyHosts.flatMap((host) => {
    const owner = host.owner;
    if (owner?.container_id !== containerId) return [];
    const mine = options.instanceId === undefined || owner.instance_id === options.instanceId ||
      (options.legacy && owner.instance_id === undefined);
    return mine ? [{ host, owner }] : [];
  });
}

function holdsDomain(host: ProxyHost, domain: string): boolean {
  return host.domain_names.some((name) => name.toLowerCase() === domain);
}

/** Takes one of our hosts offline (if online) and marks it DISABLED (if not yet). */
function retire(
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
    const meta = buildMeta(host.meta, {
      containerId: owner.container_id,
      createdAt: owner.created_at || options.now,
      comments,
      lastApplied: owner.last_applied,
      instanceId,
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

/** Policies C, B, A-1 and A-2 for the host that holds (or should hold) the desired domain. */
function claim(desired: DesiredHost, snapshot: NpmSnapshot, options: PlanOptions): Action[] {
  const domain = desired.domain.toLowerCase();
  const subject = {
    domain,
    containerId: desired.containerId,
    containerName: desired.containerName,
  };
  const host = snapshot.proxyHosts.find((candidate) => holdsDomain(candidate, domain));
  if (host === undefined) {
    if (snapshot.otherHostDomains.some((other) => other.toLowerCase() === domain)) {
      return [{ ...subject, kind: "skip", reason: "other_host_kind" }];
    }
    const meta = buildMeta({}, {
      containerId: desired.containerId,
      createdAt: options.now,
      comments: linkedComment(desired.containerName, domain),
      lastApplied: desired.fields,
      instanceId: options.instanceId,
    });
    return [{ ...subject, kind: "create", fields: desired.fields, meta }];
  }
  const owner = host.owner;
  if (owner === null) {
    // NPM_ADOPT: a hand-made host becomes ours in one write, keeping its id (so its
    // certificate and statistics stay); without it, policy B: never touched.
    if (!desired.adopt) {
      return [{ ...subject, kind: "skip", reason: "foreign_host", hostId: host.id }];
    }
    const adopted: OwnerMeta = {
      managed_by: MANAGER_NAME,
      container_id: ADOPTED,
      created_at: options.now,
      comments: "",
    };
    return converge({ host, owner: adopted }, desired, options);
  }
  if (
    options.instanceId !== undefined && owner.instance_id !== undefined &&
    owner.instance_id !== options.instanceId
  ) {
    return [{
      ...subject,
      kind: "skip",
      reason: "other_instance",
      hostId: host.id,
      holderInstanceId: owner.instance_id,
    }];
  }
  const holder = owner.container_id;
  // The holder keeps the host while it still asks for it: for this domain, or for the host's own
  // domain when this one is an alias added by hand (taking the host would take the holder's too).
  const held = options.isActiveClaim(holder, domain) ||
    options.isActiveClaim(holder, hostDomain(host, owner));
  if (holder !== desired.containerId && held) {
    return [{
      ...subject,
      kind: "skip",
      reason: "domain_conflict",
      hostId: host.id,
      holderContainerId: holder,
    }];
  }
  return converge({ host, owner }, desired, options);
}

/** Policies A-1 and A-2 (takeover): the fewest writes that make our host match the container. */
function converge(
  { host, owner }: OwnedHost,
  desired: DesiredHost,
  options: PlanOptions,
): Action[] {
  const domain = desired.domain.toLowerCase();
  const subject = {
    domain,
    containerId: desired.containerId,
    containerName: desired.containerName,
  };
  // A maintenance page is ours, not a hand edit: merge with what it replaced, and replace it.
  const before = beforeMaintenance(host, owner);
  const merged = restoreAdvanced(
    mergeFields(desired.fields, before, {
      lastApplied: owner.last_applied,
      enforce: options.enforce,
    }),
    { host, before },
  );
  const comments = linkedComment(desired.containerName, domain);
  const meta = buildMeta(before.meta, {
    containerId: desired.containerId,
    createdAt: owner.created_at || options.now,
    comments,
    lastApplied: desired.fields,
    instanceId: options.instanceId ?? owner.instance_id,
  });
  if (merged.diff.length === 0 && metaEqual(meta, host.meta)) {
    return host.enabled ? [] : [{ ...subject, kind: "enable", hostId: host.id }];
  }
  const adopting = owner.container_id === ADOPTED;
  const takeover = !adopting && owner.container_id !== desired.containerId;
  const diff: FieldChange[] = [
    ...merged.diff,
    ...(host.enabled ? [] : [{ field: "enabled", from: false, to: true } as const]),
    ...(takeover
      ? [{ field: "meta.container_id", from: owner.container_id, to: desired.containerId } as const]
      : []),
    ...(host.meta.comments === comments
      ? []
      : [{ field: "meta.comments", from: host.meta.comments, to: comments } as const]),
  ];
  return [{
    ...subject,
    kind: "update",
    hostId: host.id,
    changes: merged.changes,
    meta,
    enable: !host.enabled,
    diff,
    ...(takeover ? { takeoverFrom: owner.container_id } : {}),
    ...(adopting ? { adopted: true } : {}),
  }];
}

/** The merge, plus the write of `advanced_config` that takes a maintenance page down. */
function restoreAdvanced(
  merged: MergeResult,
  { host, before }: { readonly host: ProxyHost; readonly before: ProxyHost },
): MergeResult {
  if (before === host || merged.changes.advanced_config !== undefined) {
    return before === host ? merged : {
      changes: merged.changes,
      diff: merged.diff.map((change) =>
        change.field === "advanced_config" ? { ...change, from: host.advanced_config } : change
      ),
    };
  }
  return {
    changes: { ...merged.changes, advanced_config: before.advanced_config },
    diff: [
      ...merged.diff,
      { field: "advanced_config", from: host.advanced_config, to: before.advanced_config },
    ],
  };
}
