/**
 * The proxy host the NPM client tests create, unit and integration alike:
 * container `c1`'s `web.lan`, forwarded to `http://172.17.0.2:80`.
 *
 * @module
 */
import type { CreateHostBody } from "../../lib/npm/mod.ts";
import type { HostFields } from "../../lib/model/mod.ts";

/** The managed fields of `web.lan`, as `proxyHostRow()` of the unit tests also answers them. */
export const WEB_LAN_FIELDS: HostFields = {
  domain_names: ["web.lan"],
  forward_scheme: "http",
  forward_host: "172.17.0.2",
  forward_port: 80,
  allow_websocket_upgrade: true,
  hsts_enabled: false,
  advanced_config: "",
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
