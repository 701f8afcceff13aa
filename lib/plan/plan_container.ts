/**
 * The plan for one container: the NPM writes that bring NPM in line with it,
 * as few as the change needs, and none when in sync.
 *
 * @module
 */
export type { PlanOptions, ReconcileTarget } from "./plan_options.ts";
import type {
  Action,
  DesiredHost,
  FieldChange,
  NpmSnapshot,
  OwnerMeta,
  ProxyHost,
} from "../model/mod.ts";
import { MANAGER_NAME } from "../model/mod.ts";
import { decideTls, withCertificate } from "./certificate.ts";
import { decideAccessList, withHostOptions } from "./host_options.ts";
import { beforeMaintenance } from "./maintenance.ts";
import { mergeFields, type MergeResult } from "./merge.ts";
import { buildMeta, hostDomain, linkedComment, metaEqual } from "./owner.ts";
import type { PlanOptions, ReconcileTarget } from "./plan_options.ts";
import { ownedBy, type OwnedHost, planGone, retire } from "./retire.ts";

/** The owner a hand-made host being adopted is planned with (no container held it). */
const ADOPTED = "";

/** The actions, in the order to apply them, that reconcile one container with NPM. */
export function planContainer(
  target: ReconcileTarget,
  snapshot: NpmSnapshot,
  options: PlanOptions,
): Action[] {
  if (target.kind === "gone") return planGone(target, snapshot, options);
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

function holdsDomain(host: ProxyHost, domain: string): boolean {
  return host.domain_names.some((name) => name.toLowerCase() === domain);
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
