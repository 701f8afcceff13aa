/**
 * The writes for one host of a container, once it is known which host that is: a new one
 * (policy C), or the fewest that make our host match (A-1, and A-2: a takeover or an adoption).
 *
 * @module
 */
import type { Action, DesiredHost, FieldChange, ProxyHost } from "../model/mod.ts";
import { beforeMaintenance } from "./maintenance.ts";
import { mergeFields, type MergeResult } from "./merge.ts";
import { buildMeta, linkedComment, metaEqual } from "./owner.ts";
import type { PlanOptions } from "./plan_options.ts";
import type { OwnedHost } from "./retire.ts";

/** The owner a hand-made host being adopted is planned with (no container held it). */
export const ADOPTED = "";

/** Policy C: a new host. */
export function createHost(desired: DesiredHost, options: PlanOptions): Action {
  const meta = buildMeta({}, {
    containerId: desired.containerId,
    containerName: desired.containerName,
    createdAt: options.now,
    comments: linkedComment(desired.containerName, desired.domain),
    lastApplied: desired.fields,
    instanceId: options.instanceId,
    site: desired.site,
  });
  return { ...subjectOf(desired), kind: "create", fields: desired.fields, meta };
}

/** Who the actions for a desired host are for. */
export function subjectOf(desired: DesiredHost) {
  return {
    domain: desired.domain.toLowerCase(),
    containerId: desired.containerId,
    containerName: desired.containerName,
  };
}

/** Policies A-1 and A-2 (takeover): the fewest writes that make our host match the container. */
export function matchHost(
  { host, owner }: OwnedHost,
  desired: DesiredHost,
  options: PlanOptions,
): Action[] {
  const subject = subjectOf(desired);
  const domain = subject.domain;
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
    containerName: desired.containerName,
    createdAt: owner.created_at || options.now,
    comments,
    lastApplied: desired.fields,
    instanceId: options.instanceId ?? owner.instance_id,
    site: desired.site,
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
