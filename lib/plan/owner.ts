/**
 * Ownership as EnvoyNPM writes it: the comments it sets, the domain a host of
 * its own stands for, and how a host's `meta` is rebuilt and compared.
 *
 * @module
 */
import type { LastApplied, OwnerMeta, ProxyHost } from "../model/mod.ts";
import { LATER_FIELD_DEFAULTS, MANAGER_NAME, valueEqual } from "../model/mod.ts";

/** The meta keys NPM adds by itself; EnvoyNPM never sends them and never compares them. */
const NGINX_KEYS: readonly string[] = ["nginx_online", "nginx_err"];

/** The meta keys EnvoyNPM writes only when they have a value: a stored one is not kept. */
const REBUILT_KEYS: readonly string[] = ["last_applied", "disabled_at", "site"];

/** The comment of a host linked to a running container. */
export function linkedComment(containerName: string, domain: string): string {
  return `[EnvoyNPM Managed] Linked to: ${containerName} (${domain})`;
}

/** The comment of a host disabled because its container went away. */
export function disabledComment(domain: string): string {
  return `[EnvoyNPM Managed] DISABLED: Container stopped/died (${domain})`;
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
    /** The container's name, which a container recreated under it (a new id) takes its hosts by. */
    readonly containerName?: string;
    readonly createdAt: string;
    readonly comments: string;
    readonly lastApplied: LastApplied | undefined;
    /** This instance's id; absent when instances are not told apart. */
    readonly instanceId?: string;
    /** When the host was disabled because its container went away. */
    readonly disabledAt?: string;
    /** Which of its container's hosts it is; `""` (`NPM_HOST`'s) is not written. */
    readonly site?: string;
  },
): OwnerMeta & Readonly<Record<string, unknown>> {
  const kept = Object.fromEntries(
    Object.entries(stored).filter(([key]) =>
      !NGINX_KEYS.includes(key) && !REBUILT_KEYS.includes(key)
    ),
  );
  return {
    ...kept,
    managed_by: MANAGER_NAME,
    container_id: owner.containerId,
    ...(owner.containerName === undefined ? {} : { container_name: owner.containerName }),
    created_at: owner.createdAt,
    comments: owner.comments,
    ...(owner.lastApplied === undefined ? {} : { last_applied: owner.lastApplied }),
    ...(owner.instanceId === undefined ? {} : { instance_id: owner.instanceId }),
    ...(owner.disabledAt === undefined ? {} : { disabled_at: owner.disabledAt }),
    ...(owner.site ? { site: owner.site } : {}),
  };
}

/**
 * The meta of one of our hosts as it stands (its container, creation, last apply and site), with
 * a new comment and instance (and when it was disabled): for a host its container left.
 */
export function restampedMeta(
  { host, owner }: { readonly host: ProxyHost; readonly owner: OwnerMeta },
  stamp: {
    readonly comments: string;
    readonly instanceId: string | undefined;
    /** ISO time, the creation of a host whose meta lacks it. */
    readonly now: string;
    readonly disabledAt?: string;
  },
): OwnerMeta & Readonly<Record<string, unknown>> {
  return buildMeta(host.meta, {
    containerId: owner.container_id,
    createdAt: owner.created_at || stamp.now,
    comments: stamp.comments,
    lastApplied: owner.last_applied,
    instanceId: stamp.instanceId,
    site: owner.site,
    ...(stamp.disabledAt === undefined ? {} : { disabledAt: stamp.disabledAt }),
  });
}

/** Whether two metas are equal, ignoring key order and `nginx_online`/`nginx_err`. */
export function metaEqual(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  // A last_applied written before later fields existed stands for them at their defaults: an
  // upgrade must not rewrite every host just to spell them out.
  const strip = (meta: Readonly<Record<string, unknown>>) =>
    Object.fromEntries(
      Object.entries(meta).filter(([key]) => !NGINX_KEYS.includes(key)).map(([key, value]) =>
        key === "last_applied" && typeof value === "object" && value !== null
          ? [key, { ...LATER_FIELD_DEFAULTS, ...value }]
          : [key, value]
      ),
    );
  return valueEqual(strip(a), strip(b));
}
