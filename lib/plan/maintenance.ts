/**
 * The maintenance page: a stopped container's host stays enabled and answers
 * 503 through `advanced_config`. The page starts with {@linkcode MAINTENANCE_MARKER}
 * so it is recognised, and `meta.maintenance` keeps the `advanced_config` it
 * replaced, so the next start restores the host in one write (a hand edit of
 * `advanced_config` made before the stop survives, like any other).
 *
 * @module
 */
import type { Action, OwnerMeta, ProxyHost } from "../model/mod.ts";
import { hostDomain, restampedMeta } from "./owner.ts";

/** The first line of every maintenance page EnvoyNPM writes. */
export const MAINTENANCE_MARKER = "# EnvoyNPM maintenance page: the container is stopped";

/** The meta key that holds the `advanced_config` a maintenance page replaced. */
const MAINTENANCE_KEY = "maintenance";

/** The comment of a host showing the maintenance page. */
export function maintenanceComment(domain: string): string {
  return `[EnvoyNPM Managed] MAINTENANCE: Container stopped/died (${domain})`;
}

/** The `advanced_config` of the maintenance page (a 503 with a small "stopped" page). */
export function maintenanceConfig(containerName: string): string {
  // Docker names are [a-zA-Z0-9][a-zA-Z0-9_.-]*; anything else is dropped, never quoted in.
  const name = containerName.replace(/[^A-Za-z0-9_.-]/g, "");
  return [
    MAINTENANCE_MARKER,
    "location / {",
    "  default_type text/html;",
    '  add_header Retry-After "30" always;',
    `  return 503 "<!doctype html><title>Stopped</title><h1>${name} is stopped</h1>` +
    '<p>It will be back when it starts again.</p>";',
    "}",
  ].join("\n");
}

/** Whether a host shows our maintenance page. */
export function inMaintenance(host: ProxyHost): boolean {
  return host.advanced_config.startsWith(MAINTENANCE_MARKER);
}

/**
 * The host as it was before its maintenance page: `advanced_config` from
 * `meta.maintenance` (else last applied), meta without the key.
 */
export function beforeMaintenance(host: ProxyHost, owner: OwnerMeta): ProxyHost {
  if (!inMaintenance(host)) return host;
  const saved = host.meta[MAINTENANCE_KEY] as { advanced_config?: unknown } | undefined;
  const advanced = typeof saved?.advanced_config === "string"
    ? saved.advanced_config
    : owner.last_applied?.advanced_config ?? "";
  const meta = Object.fromEntries(
    Object.entries(host.meta).filter(([key]) => key !== MAINTENANCE_KEY),
  );
  return { ...host, advanced_config: advanced, meta };
}

/** The one write that puts our host in maintenance (enabled, 503 page); none when it is. */
export function enterMaintenance(
  { host, owner }: { readonly host: ProxyHost; readonly owner: OwnerMeta },
  options: { readonly containerName: string; readonly now: string; readonly instanceId?: string },
): Action[] {
  const domain = hostDomain(host, owner);
  const comments = maintenanceComment(domain);
  const page = maintenanceConfig(options.containerName);
  const instanceId = options.instanceId ?? owner.instance_id;
  const inPlace = host.advanced_config === page && host.enabled &&
    owner.comments === comments && owner.instance_id === instanceId;
  if (inPlace) return [];
  const saved = beforeMaintenance(host, owner).advanced_config;
  const meta = {
    ...restampedMeta({ host, owner }, { comments, instanceId, now: options.now }),
    [MAINTENANCE_KEY]: { advanced_config: saved },
  };
  return [{
    domain,
    containerId: owner.container_id,
    containerName: options.containerName,
    kind: "update",
    hostId: host.id,
    changes: host.advanced_config === page ? {} : { advanced_config: page },
    meta,
    enable: !host.enabled,
    diff: [
      ...(host.advanced_config === page
        ? []
        : [{ field: "advanced_config", from: host.advanced_config, to: page } as const]),
      ...(host.enabled ? [] : [{ field: "enabled", from: false, to: true } as const]),
      ...(owner.comments === comments
        ? []
        : [{ field: "meta.comments", from: host.meta.comments, to: comments } as const]),
    ],
  }];
}
