/**
 * NPM's rows → EnvoyNPM's {@linkcode ProxyHost} and {@linkcode Certificate}, once, at the
 * edge.
 *
 * @module
 */
import type { Certificate, ProxyHost } from "../model/mod.ts";
import { parseOwnerMeta } from "./owner_meta.ts";
import type { CertificateRow, ProxyHostRow } from "./schemas.ts";

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
    advanced_config: row.advanced_config,
    certificate_id: row.certificate_id,
    ssl_forced: row.ssl_forced,
    http2_support: row.http2_support,
    hsts_enabled: row.hsts_enabled,
    hsts_subdomains: row.hsts_subdomains,
    access_list_id: row.access_list_id,
    block_exploits: row.block_exploits,
    caching_enabled: row.caching_enabled,
    locations: row.locations,
    ...(row.trust_forwarded_proto === undefined
      ? {}
      : { trust_forwarded_proto: row.trust_forwarded_proto }),
  };
}

/**
 * NPM's certificate row → {@linkcode Certificate}: names lower-cased, `expires_on` (ISO 8601,
 * or NPM's local `YYYY-MM-DD HH:MM:SS`, read as UTC) as epoch milliseconds.
 */
export function toCertificate(row: CertificateRow): Certificate {
  const expires = row.expires_on ?? "";
  const iso = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(expires)
    ? `${expires.replace(" ", "T")}Z`
    : expires;
  return {
    id: row.id,
    niceName: row.nice_name,
    domainNames: row.domain_names.map((name) => name.toLowerCase()),
    expiresAt: Date.parse(iso),
    provider: row.provider,
  };
}
