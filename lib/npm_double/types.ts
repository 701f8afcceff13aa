/**
 * The shapes the NPM double stores and answers with (NPM 2.15.1's JSON).
 *
 * @module
 */
import type { Location } from "./bodies.ts";

/** A proxy host row as `GET /api/nginx/proxy-hosts/{id}` answers without `expand`. */
export interface ProxyHostRow {
  id: number;
  created_on: string;
  modified_on: string;
  owner_user_id: number;
  domain_names: string[];
  forward_host: string;
  forward_port: number;
  access_list_id: number;
  certificate_id: number;
  ssl_forced: boolean;
  caching_enabled: boolean;
  block_exploits: boolean;
  advanced_config: string;
  meta: Record<string, unknown>;
  allow_websocket_upgrade: boolean;
  http2_support: boolean;
  forward_scheme: "http" | "https";
  enabled: boolean;
  locations: Location[] | null;
  hsts_enabled: boolean;
  hsts_subdomains: boolean;
  trust_forwarded_proto: boolean;
}

/** A redirection or 404 (dead) host: only what the domain rules need, plus NPM's fields. */
export interface OtherHostRow {
  id: number;
  created_on: string;
  modified_on: string;
  owner_user_id: number;
  domain_names: string[];
  enabled: boolean;
  meta: Record<string, unknown>;
  [field: string]: unknown;
}

/** A stream row as `GET /api/nginx/streams` answers without `expand`. */
export interface StreamRow {
  id: number;
  created_on: string;
  modified_on: string;
  owner_user_id: number;
  incoming_port: number;
  forwarding_host: string;
  forwarding_port: number;
  tcp_forwarding: boolean;
  udp_forwarding: boolean;
  certificate_id: number;
  meta: Record<string, unknown>;
  enabled: boolean;
}

/** An access list row. */
export interface AccessListRow {
  id: number;
  created_on: string;
  modified_on: string;
  owner_user_id: number;
  name: string;
  meta: Record<string, unknown>;
  satisfy_any: boolean;
  pass_auth: boolean;
  items: { username?: string; password?: string }[];
  clients: { address?: string; directive?: string }[];
}

/** One row of `GET /api/audit-log`. */
export interface AuditEntry {
  id: number;
  created_on: string;
  modified_on: string;
  user_id: number;
  object_type: "proxy-host" | "redirection-host" | "dead-host" | "access-list" | "certificate";
  object_id: number;
  action: "created" | "updated" | "enabled" | "disabled" | "deleted";
  meta: Record<string, unknown>;
}

/** A proxy host write whose cost can be set on its own. */
export type WriteOp = "create" | "update" | "enable" | "disable" | "delete";

/** What a request may cost: a proxy host write, the proxy host list, or any other write. */
export type CostedOp = WriteOp | "list" | "write";

/** One successful write, reported once its cost is paid (times in ms since the epoch). */
export interface WriteReport {
  /** The proxy host operation, or `write` for any other write. */
  op: WriteOp | "write";
  /** e.g. `/api/nginx/proxy-hosts/3/enable`. */
  path: string;
  /** The row written, when known (a create's new id, else the id in the path). */
  id: number | null;
  /** The domains of the row answered (create, update); empty otherwise. */
  domains: string[];
  /** When the request arrived. */
  receivedAt: number;
  /** When its answer was ready, the cost paid. */
  doneAt: number;
}

/** An HTTP answer of the double: status and JSON body. */
export interface Reply {
  status: number;
  body: unknown;
}

/** NPM's error answer: `{"error":{"code":N,"message":"…"}}`. */
export function errorReply(status: number, message: string, i18n?: string): Reply {
  const error: Record<string, unknown> = { code: status, message };
  if (i18n !== undefined) error.message_i18n = i18n;
  return { status, body: { error } };
}

/** NPM's time format: local `YYYY-MM-DD HH:MM:SS`. */
export function npmTime(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ` +
    `${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}
