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
import { MANAGER_NAME } from "../../../lib/model/mod.ts";
import type { PlanOptions } from "../../../lib/plan/mod.ts";

/** The container most tests reconcile. */
export const WEB = { containerId: "web1", containerName: "web" } as const;
/** The time the tests run at. */
export const NOW = "2025-01-02T03:04:05.000Z";
/** When the default host was created. */
export const CREATED = "2024-06-01T00:00:00.000Z";
/** The linked comment of the default host. */
export const LINKED = "[EnvoyNPM Managed] Linked to: web (app.lan)";
/** The disabled comment of the default host. */
export const DISABLED = "[EnvoyNPM Managed] DISABLED: Container stopped/died (app.lan)";

/** The default managed fields, with overrides. */
export function fields(overrides: Partial<HostFields> = {}): HostFields {
  return {
    domain_names: ["app.lan"],
    forward_scheme: "http",
    forward_host: "172.18.0.5",
    forward_port: 8080,
    allow_websocket_upgrade: true,
    hsts_enabled: false,
    advanced_config: "",
    ...overrides,
  };
}

/** What container `web` asks for, with overrides of its fields. */
export function desired(overrides: Partial<HostFields> = {}, who = WEB): DesiredHost {
  const wanted = fields(overrides);
  return { ...who, domain: wanted.domain_names[0], fields: wanted };
}

/** The meta EnvoyNPM writes for the default host, with overrides (as sent, without nginx_*). */
export function ownMeta(
  overrides: Readonly<Record<string, unknown>> = {},
): OwnerMeta & Readonly<Record<string, unknown>> {
  return {
    managed_by: MANAGER_NAME,
    container_id: WEB.containerId,
    created_at: CREATED,
    comments: LINKED,
    last_applied: fields(),
    ...overrides,
  };
}

/** A meta as NPM stores it on an enabled host: with nginx_online and nginx_err. */
export function stored(meta: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...meta, nginx_online: true, nginx_err: null };
}

/** Host #4, owned by `web` and in sync with it, with overrides. */
export function host(overrides: Partial<ProxyHost> = {}): ProxyHost {
  return { id: 4, enabled: true, ...fields(), meta: stored(ownMeta()), ...overrides };
}

/** A snapshot of the given proxy hosts and other hosts' domains. */
export function snapshot(
  proxyHosts: readonly ProxyHost[],
  otherHostDomains: readonly string[] = [],
): NpmSnapshot {
  return { proxyHosts, otherHostDomains };
}

/** Plan options at {@linkcode NOW}, no enforce, no active claims, with overrides. */
export function options(overrides: Partial<PlanOptions> = {}): PlanOptions {
  return { now: NOW, enforce: false, isActiveClaim: () => false, ...overrides };
}
