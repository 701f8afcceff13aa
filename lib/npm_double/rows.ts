/**
 * How NPM fills a new proxy host row from a create body.
 *
 * @module
 */
import type { ProxyHostCreate } from "./bodies.ts";
import { npmTime, type ProxyHostRow } from "./types.ts";

/** The least create body, for hosts seeded by tests. */
export const BLANK: ProxyHostCreate = {
  domain_names: [],
  forward_scheme: "http",
  forward_host: "127.0.0.1",
  forward_port: 80,
};

/** A new row as NPM stores it: defaults for what the body omits, `locations` null. */
export function newProxyHostRow(id: number, body: ProxyHostCreate): ProxyHostRow {
  const now = npmTime(new Date());
  return cleanSslHsts({
    id,
    created_on: now,
    modified_on: now,
    owner_user_id: 1,
    domain_names: body.domain_names,
    forward_host: body.forward_host,
    forward_port: body.forward_port,
    access_list_id: body.access_list_id ?? 0,
    certificate_id: typeof body.certificate_id === "number" ? body.certificate_id : 0,
    ssl_forced: body.ssl_forced ?? false,
    caching_enabled: body.caching_enabled ?? false,
    block_exploits: body.block_exploits ?? false,
    advanced_config: body.advanced_config ?? "",
    meta: body.meta ?? {},
    allow_websocket_upgrade: body.allow_websocket_upgrade ?? false,
    http2_support: body.http2_support ?? false,
    forward_scheme: body.forward_scheme,
    enabled: body.enabled ?? true,
    locations: body.locations ?? null,
    hsts_enabled: body.hsts_enabled ?? false,
    hsts_subdomains: body.hsts_subdomains ?? false,
    trust_forwarded_proto: body.trust_forwarded_proto ?? false,
  });
}

/** NPM's `cleanSslHstsData`: no certificate means no forced SSL, HTTP/2 or HSTS. */
export function cleanSslHsts(row: ProxyHostRow): ProxyHostRow {
  if (!row.certificate_id) {
    row.ssl_forced = false;
    row.http2_support = false;
  }
  if (!row.ssl_forced) row.hsts_enabled = false;
  if (!row.hsts_enabled) row.hsts_subdomains = false;
  return row;
}
