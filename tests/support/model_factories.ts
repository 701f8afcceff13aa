/**
 * Model values the unit tests share: the managed fields of the default host
 * (`app.lan` → `http://172.18.0.5:8080`), EnvoyNPM's meta, a create action
 * and a running container, each differing from a default only where a test
 * says so.
 *
 * @module
 */
import type {
  Action,
  ActionSubject,
  Container,
  HostFields,
  OwnerMeta,
} from "../../lib/model/mod.ts";
import { MANAGER_NAME, PLAIN_HOST_OPTIONS, PLAIN_TLS_FIELDS } from "../../lib/model/mod.ts";

/** The time the tests run at, as ISO 8601. */
export const T0_ISO = "2025-01-02T03:04:05.000Z";
/** The linked comment of the default host. */
export const LINKED = "[EnvoyNPM Managed] Linked to: web (app.lan)";

/** The managed fields of the default host, with overrides. */
export function hostFields(overrides: Partial<HostFields> = {}): HostFields {
  return {
    domain_names: ["app.lan"],
    forward_scheme: "http",
    forward_host: "172.18.0.5",
    forward_port: 8080,
    allow_websocket_upgrade: true,
    advanced_config: "",
    ...PLAIN_TLS_FIELDS,
    ...PLAIN_HOST_OPTIONS,
    ...overrides,
  };
}

/** EnvoyNPM's meta for a host of container `containerId`, created at {@linkcode T0_ISO} and {@linkcode LINKED}, with overrides. */
export function ownerMeta(containerId: string, overrides: Partial<OwnerMeta> = {}): OwnerMeta {
  return {
    managed_by: MANAGER_NAME,
    container_id: containerId,
    created_at: T0_ISO,
    comments: LINKED,
    ...overrides,
  };
}

/** A create action of `who`: the default fields for its domain, and `meta`. */
export function createAction(
  who: ActionSubject,
  meta: OwnerMeta,
): Extract<Action, { kind: "create" }> {
  return { ...who, kind: "create", fields: hostFields({ domain_names: [who.domain] }), meta };
}

/** A container id of 64 hex digits made from a short label, e.g. `id("a")`. */
export function id(label: string): string {
  const hex = [...label].map((c) => c.charCodeAt(0).toString(16)).join("");
  return hex.padEnd(64, "0").slice(0, 64);
}

/** A running container on network `casaos` (IP `172.18.0.<n>`) with these env variables. */
export function container(
  label: string,
  env: Readonly<Record<string, string>>,
  overrides: Partial<Container> = {},
): Container {
  const n = 2 + [...label].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 250;
  return {
    id: id(label),
    name: label,
    image: "busybox",
    running: true,
    env,
    labels: {},
    networkMode: "casaos",
    networks: [{ name: "casaos", ip: `172.18.0.${n}`, gateway: "172.18.0.1" }],
    ...overrides,
  };
}
