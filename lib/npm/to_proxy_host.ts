/**
 * NPM's proxy-host row → EnvoyNPM's {@linkcode ProxyHost}, once, at the edge.
 *
 * @module
 */
import type { ProxyHost } from "../model/mod.ts";
import { parseOwnerMeta } from "./owner_meta.ts";
import type { ProxyHostRow } from "./schemas.ts";

/** Keeps the fields EnvoyNPM uses; domains are lower-cased, `meta` is kept and its owner read. */
export function toProxyHost(row: ProxyHostRow): ProxyHost {
  return {
    id: row.id,
    enabled: row.enabled,
    meta: row.meta,
    owner: parseOwnerMeta(row.meta),
    domain_names: row.domain_names.map((domain) => domain.toLowerCase()),
    forward_scheme: row.forward_scheme,
    forward_host: row.forward_host,
    forward_port: row.forward_port,
    allow_websocket_upgrade: row.allow_websocket_upgrade,
    hsts_enabled: row.hsts_enabled,
    advanced_config: row.advanced_config,
  };
}
