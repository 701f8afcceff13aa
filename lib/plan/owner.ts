/**
 * Ownership: who a proxy host belongs to, the comments EnvoyNPM writes, and
 * how a host's `meta` is rebuilt and compared.
 *
 * @module
 */
import { z } from "zod";
import type { HostFields, OwnerMeta, ProxyHost } from "../model/mod.ts";
import { MANAGER_NAME, valueEqual } from "../model/mod.ts";

/** The meta keys NPM adds by itself; EnvoyNPM never sends them and never compares them. */
const NGINX_KEYS: readonly string[] = ["nginx_online", "nginx_err"];

const hostFieldsSchema = z.object({
  domain_names: z.array(z.string()),
  forward_scheme: z.enum(["http", "https"]),
  forward_host: z.string(),
  forward_port: z.number(),
  allow_websocket_upgrade: z.boolean(),
  hsts_enabled: z.boolean(),
  advanced_config: z.string(),
});

/** The comment of a host linked to a running container. */
export function linkedComment(containerName: string, domain: string): string {
  return `[EnvoyNPM Managed] Linked to: ${containerName} (${domain})`;
}

/** The comment of a host disabled because its container went away. */
export function disabledComment(domain: string): string {
  return `[EnvoyNPM Managed] DISABLED: Container stopped/died (${domain})`;
}

/** EnvoyNPM's meta of a host it owns, or `undefined` when the host is not ours (junk meta included). */
export function ownerOf(host: ProxyHost): OwnerMeta | undefined {
  // Memoized per host object: a resync plans every container against the same snapshot, and
  // validating every host's meta for every container made that quadratic in zod parses.
  if (OWNERS.has(host)) return OWNERS.get(host);
  const owner = readOwner(host.meta);
  OWNERS.set(host, owner);
  return owner;
}

/** Hosts are immutable values, so what `ownerOf` found for one never changes. */
const OWNERS = new WeakMap<ProxyHost, OwnerMeta | undefined>();

function readOwner(meta: ProxyHost["meta"]): OwnerMeta | undefined {
  if (meta.managed_by !== MANAGER_NAME || typeof meta.container_id !== "string") return undefined;
  const lastApplied = hostFieldsSchema.safeParse(meta.last_applied);
  return {
    managed_by: MANAGER_NAME,
    container_id: meta.container_id,
    created_at: typeof meta.created_at === "string" ? meta.created_at : "",
    comments: typeof meta.comments === "string" ? meta.comments : "",
    ...(lastApplied.success ? { last_applied: lastApplied.data } : {}),
  };
}

/** The lower-case domain a host of ours stands for: the first one it was last applied with. */
export function hostDomain(host: ProxyHost, owner: OwnerMeta): string {
  const domain = owner.last_applied?.domain_names[0] ?? host.domain_names[0] ?? "";
  return domain.toLowerCase();
}

/**
 * The whole new meta of a host: its stored meta without `nginx_*` and without
 * a malformed `last_applied`, with EnvoyNPM's keys set on top.
 */
export function buildMeta(
  stored: Readonly<Record<string, unknown>>,
  owner: {
    readonly containerId: string;
    readonly createdAt: string;
    readonly comments: string;
    readonly lastApplied: HostFields | undefined;
  },
): OwnerMeta & Readonly<Record<string, unknown>> {
  const kept = Object.fromEntries(
    Object.entries(stored).filter(([key]) => !NGINX_KEYS.includes(key) && key !== "last_applied"),
  );
  return {
    ...kept,
    managed_by: MANAGER_NAME,
    container_id: owner.containerId,
    created_at: owner.createdAt,
    comments: owner.comments,
    ...(owner.lastApplied === undefined ? {} : { last_applied: owner.lastApplied }),
  };
}

/** Whether two metas are equal, ignoring key order and `nginx_online`/`nginx_err`. */
export function metaEqual(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  const strip = (meta: Readonly<Record<string, unknown>>) =>
    Object.fromEntries(Object.entries(meta).filter(([key]) => !NGINX_KEYS.includes(key)));
  return valueEqual(strip(a), strip(b));
}
