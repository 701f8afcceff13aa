/**
 * How NPM fills a new row (proxy host, redirection or 404 host, access list)
 * from a create body.
 *
 * @module
 */
import type { Bodies, ProxyHostCreate } from "./bodies.ts";
import { type AccessListRow, npmTime, type OtherHostRow, type ProxyHostRow } from "./types.ts";

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

/** A new redirection or 404 host row, enabled and online, with NPM's defaults for what the body omits. */
export function newOtherHostRow(
  id: number,
  from: {
    kind: "redirection" | "dead";
    body: Bodies["redirectionHostCreate"] | Bodies["deadHostCreate"];
  },
): OtherHostRow {
  const { kind, body } = from;
  const now = npmTime(new Date());
  return {
    certificate_id: 0,
    ssl_forced: false,
    hsts_enabled: false,
    hsts_subdomains: false,
    http2_support: false,
    advanced_config: "",
    ...(kind === "redirection" ? { preserve_path: false, block_exploits: false } : {}),
    ...body,
    id,
    created_on: now,
    modified_on: now,
    owner_user_id: 1,
    enabled: true,
    meta: { ...body.meta, nginx_online: true, nginx_err: null },
  };
}

/** A new access list row, with NPM's defaults for what the body omits. */
export function newAccessListRow(id: number, body: Bodies["accessListCreate"]): AccessListRow {
  const now = npmTime(new Date());
  return {
    id,
    created_on: now,
    modified_on: now,
    owner_user_id: 1,
    name: body.name,
    meta: {},
    satisfy_any: body.satisfy_any ?? false,
    pass_auth: body.pass_auth ?? false,
    items: body.items ?? [],
    clients: body.clients ?? [],
  };
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
