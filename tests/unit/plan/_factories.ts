/**
 * Small factories for the plan tests: hosts, desired hosts and metas that
 * differ from a default only where a test says so.
 *
 * @module
 */
import type {
  DesiredHost,
  HostFields,
  NpmSnapshot,
  OwnerMeta,
  ProxyHost,
} from "../../../lib/model/mod.ts";
import { parseOwnerMeta } from "../../../lib/npm/mod.ts";
import type { PlanOptions } from "../../../lib/plan/mod.ts";
import {
  hostFields as fields,
  LINKED,
  ownerMeta,
  T0_ISO as NOW,
} from "../../support/model_factories.ts";

export { fields, LINKED, NOW };

/** The container most tests reconcile. */
export const WEB = { containerId: "web1", containerName: "web" } as const;
/** When the default host was created. */
export const CREATED = "2024-06-01T00:00:00.000Z";
/** The disabled comment of the default host. */
export const DISABLED = "[EnvoyNPM Managed] DISABLED: Container stopped/died (app.lan)";

/** What container `web` asks for, with overrides of its fields. */
export function desired(overrides: Partial<HostFields> = {}, who = WEB): DesiredHost {
  const wanted = fields(overrides);
  return { ...who, site: "", domain: wanted.domain_names[0], fields: wanted };
}

/** The meta EnvoyNPM writes for the default host, with overrides (as sent, without nginx_*). */
export function ownMeta(
  overrides: Readonly<Record<string, unknown>> = {},
): OwnerMeta & Readonly<Record<string, unknown>> {
  return {
    ...ownerMeta(WEB.containerId, { created_at: CREATED, last_applied: fields() }),
    container_name: WEB.containerName,
    ...overrides,
  };
}

/** A meta as NPM stores it on an enabled host: with nginx_online and nginx_err. */
export function stored(meta: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...meta, nginx_online: true, nginx_err: null };
}

/** Host #4, owned by `web` and in sync with it, with overrides; its owner is read from its meta. */
export function host(overrides: Partial<Omit<ProxyHost, "owner">> = {}): ProxyHost {
  const made = { id: 4, enabled: true, ...fields(), meta: stored(ownMeta()), ...overrides };
  return { ...made, owner: parseOwnerMeta(made.meta) };
}

/** A snapshot of the given proxy hosts and other hosts' domains. */
export function snapshot(
  proxyHosts: readonly ProxyHost[],
  otherHostDomains: readonly string[] = [],
): NpmSnapshot {
  return { proxyHosts, otherHostDomains, certificates: [], accessLists: [], npmVersion: "2.15.1" };
}

/** Plan options at {@linkcode NOW}, no enforce, no active claims, with overrides. */
export function options(overrides: Partial<PlanOptions> = {}): PlanOptions {
  return { now: NOW, enforce: false, isActiveClaim: () => false, ...overrides };
}
