/**
 * Small factories of controller events for the status tests: containers,
 * NPM hosts and actions that differ from a default only where a test says so.
 *
 * @module
 */
import type { ContainerView, ControllerEvent, HostView } from "../../../lib/controller/reports.ts";
import type { ActionSubject, ProxyHost, SkipReason } from "../../../lib/model/mod.ts";
import { MANAGER_NAME } from "../../../lib/model/mod.ts";
import { parseOwnerMeta } from "../../../lib/npm/mod.ts";
import { createAction, hostFields, ownerMeta, T0_ISO } from "../../support/model_factories.ts";

export { T0_ISO };

/** The time the tests run at, in epoch milliseconds (2025-01-02T03:04:05.000Z). */
export const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);

/** Container `web` asking for `app.lan`. */
export const WEB: ActionSubject = { containerId: "web1", containerName: "web", domain: "app.lan" };
/** Container `blog` asking for `blog.lan`. */
export const BLOG: ActionSubject = {
  containerId: "blog1",
  containerName: "blog",
  domain: "blog.lan",
};

/** A host of `who` (its `NPM_HOST`, serving its domain), with overrides. */
export function hostView(who: ActionSubject = WEB, overrides: Partial<HostView> = {}): HostView {
  const domain = overrides.domain ?? who.domain;
  return { site: "", domain, domains: [domain], forward: "http://172.18.0.5:8080", ...overrides };
}

/** A `container` event for a running, desired container with one host, with overrides. */
export function container(
  who: ActionSubject = WEB,
  overrides: Partial<ContainerView> = {},
): ControllerEvent {
  return {
    type: "container",
    container: {
      id: who.containerId,
      name: who.containerName,
      running: true,
      state: "desired",
      problems: [],
      hosts: [hostView(who)],
      ...overrides,
    },
  };
}

/** A proxy host owned by `who` (or hand-made when `who` is `null`), with overrides. */
export function host(
  id: number,
  who: ActionSubject | null,
  overrides: Partial<Omit<ProxyHost, "owner">> = {},
): ProxyHost {
  const made = {
    id,
    enabled: true,
    ...hostFields({ domain_names: [who?.domain ?? "hand.lan"] }),
    meta: who === null
      ? { nginx_online: true }
      : { managed_by: MANAGER_NAME, container_id: who.containerId, nginx_online: true },
    ...overrides,
  };
  return { ...made, owner: parseOwnerMeta(made.meta) };
}

/** An `npm_snapshot` event of these proxy hosts. */
export function snapshot(...proxyHosts: ProxyHost[]): ControllerEvent {
  return { type: "npm_snapshot", snapshot: { proxyHosts, otherHostDomains: [], certificates: [] } };
}

/** A write action event for `who`, ok unless `error` is given. */
export function write(
  kind: "create" | "enable" | "disable",
  who: ActionSubject = WEB,
  options: { hostId?: number; error?: string; durationMs?: number } = {},
): ControllerEvent {
  const failed = options.error !== undefined;
  const base = {
    type: "action",
    outcome: failed ? "failed" : "ok",
    durationMs: options.durationMs ?? 900,
  } as const;
  const error = failed ? { error: options.error } : {};
  if (kind === "create") {
    return {
      ...base,
      ...error,
      action: createAction(who, ownerMeta(who.containerId, { comments: "" })),
    };
  }
  return { ...base, ...error, action: { ...who, kind, hostId: options.hostId ?? 4 } };
}

/** A `skip` action event for `who`. */
export function skip(
  reason: SkipReason,
  who: ActionSubject = WEB,
  options: { hostId?: number; holderContainerId?: string } = {},
): ControllerEvent {
  return {
    type: "action",
    outcome: "ok",
    durationMs: 0,
    action: { ...who, kind: "skip", reason, ...options },
  };
}

/** A `container` event for `who` whose domain was left alone (the reconciler's skip). */
export function skipped(
  reason: SkipReason,
  who: ActionSubject = WEB,
  options: { hostId?: number; holderContainerId?: string } = {},
): ControllerEvent {
  const skip = { domain: who.domain, reason, ...options, since: T0_ISO };
  return container(who, { hosts: [hostView(who, { skip })] });
}
