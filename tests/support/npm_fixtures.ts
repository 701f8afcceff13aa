/**
 * NPM hosts the tests share: the one the NPM client tests create, unit and
 * integration alike (container `c1`'s `web.lan`, forwarded to
 * `http://172.17.0.2:80`), and a hand-made `hand.lan` for the NPM double.
 *
 * @module
 */
import type { CreateHostBody } from "../../lib/npm/mod.ts";
import { type HostFields, PLAIN_HOST_OPTIONS, PLAIN_TLS_FIELDS } from "../../lib/model/mod.ts";
import type { ProxyHostRow } from "../../lib/npm_double/mod.ts";

/** The managed fields of `web.lan`, as `proxyHostRow()` of the unit tests also answers them. */
export const WEB_LAN_FIELDS: HostFields = {
  domain_names: ["web.lan"],
  forward_scheme: "http",
  forward_host: "172.17.0.2",
  forward_port: 80,
  allow_websocket_upgrade: true,
  advanced_config: "",
  ...PLAIN_TLS_FIELDS,
  ...PLAIN_HOST_OPTIONS,
};

/** The create body of `web.lan` for container `c1`. */
export const WEB_LAN_BODY: CreateHostBody = {
  ...WEB_LAN_FIELDS,
  meta: {
    managed_by: "EnvoyNPM",
    container_id: "c1",
    created_at: "2025-06-01T12:00:00Z",
    comments: "[EnvoyNPM Managed] Linked to: web (web.lan)",
  },
};

/** A fresh seed row of `hand.lan`, made by hand in NPM (no EnvoyNPM meta), for `addProxyHost()`. */
export function handLanRow(): Partial<ProxyHostRow> & { domain_names: string[] } {
  return {
    domain_names: ["hand.lan"],
    forward_host: "192.0.2.10",
    forward_port: 8443,
    forward_scheme: "https",
    advanced_config: "# mine",
  };
}
