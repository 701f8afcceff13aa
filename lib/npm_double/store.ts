/**
 * The double's state and NPM's rules over it: proxy hosts (with what nginx
 * really serves), redirection and 404 hosts, access lists and the audit log.
 * Every method answers as NPM would.
 *
 * @module
 */
import type { Bodies, ProxyHostCreate, ProxyHostUpdate } from "./bodies.ts";
import { nginxCheck } from "./nginx_check.ts";
import { BLANK, cleanSslHsts, newAccessListRow, newOtherHostRow, newProxyHostRow } from "./rows.ts";
import {
  type AccessListRow,
  type AuditEntry,
  errorReply,
  npmTime,
  type OtherHostRow,
  type ProxyHostRow,
  type Reply,
} from "./types.ts";

const EXPANDABLE = new Set(["owner", "certificate", "access_list"]);
const FULL_EXPAND = ["owner", "certificate", "access_list"];

interface ProxyHost {
  row: ProxyHostRow;
  /** nginx serves the host now (tracked apart from `enabled`, as in NPM). */
  live: boolean;
}

function copy<T>(value: T): T {
  return structuredClone(value);
}

/** NPM's state and rules, in memory. */
export class Store {
  #proxy = new Map<number, ProxyHost>();
  #redirection = new Map<number, OtherHostRow>();
  #dead = new Map<number, OtherHostRow>();
  #accessLists = new Map<number, AccessListRow>();
  #audit: AuditEntry[] = [];
  #nextId = { proxy: 1, redirection: 1, dead: 1, accessList: 1, audit: 1 };
  readonly #email: string;
  readonly #created = npmTime(new Date());
  /** A host's `expand=certificate` (set by the double to its certificates). */
  certificateOf: (id: number) => Record<string, unknown> | null = () => null;

  /** A store whose one user has this email. */
  constructor(email: string) {
    this.#email = email;
  }

  /** The proxy host rows, as GET answers them. */
  proxyHostRows(): ProxyHostRow[] {
    return [...this.#proxy.values()].map((h) => copy(h.row));
  }

  /** Domains nginx serves now. */
  served(): string[] {
    return [...this.#proxy.values()].filter((h) => h.live).flatMap((h) => h.row.domain_names);
  }

  /** All audit entries, oldest first. */
  auditEntries(): AuditEntry[] {
    return copy(this.#audit);
  }

  /** Adds an audit entry for a write made elsewhere in the double. */
  audit(entry: Pick<AuditEntry, "object_type" | "object_id" | "action" | "meta">): void {
    this.#record(entry.object_type, entry.object_id, entry.action, entry.meta);
  }

  /** `GET /api/audit-log`: the newest 100. */
  auditLog(): Reply {
    return { status: 200, body: copy(this.#audit.slice(-100).reverse()) };
  }

  /** `GET /api/nginx/proxy-hosts`. */
  listProxyHosts(expand: string[] | null): Reply {
    if (expand?.some((e) => !EXPANDABLE.has(e))) return errorReply(500, "Internal Error");
    return { status: 200, body: [...this.#proxy.values()].map((h) => this.#expand(h.row, expand)) };
  }

  /** `GET /api/nginx/proxy-hosts/{id}`. */
  getProxyHost(id: number, expand: string[] | null): Reply {
    if (expand?.some((e) => !EXPANDABLE.has(e))) return errorReply(500, "Internal Error");
    const host = this.#proxy.get(id);
    if (!host) return errorReply(404, `Not Found - ${id}`);
    return { status: 200, body: this.#expand(host.row, expand) };
  }

  /** `POST /api/nginx/proxy-hosts`. */
  createProxyHost(body: ProxyHostCreate): Reply {
    const taken = this.#taken(body.domain_names);
    if (taken) return errorReply(400, `${taken} is already in use`);
    const newCertificate = body.certificate_id === "new";
    const row = newProxyHostRow(this.#nextId.proxy++, body);
    const host: ProxyHost = { row, live: false };
    this.#proxy.set(row.id, host);
    // No certbot here: NPM fails after the insert, leaving the host served without an audit entry.
    if (newCertificate) {
      host.live = row.enabled;
      return errorReply(500, "Internal Error");
    }
    const answer = this.#expand(row, FULL_EXPAND);
    this.#configure(host, row.enabled);
    this.#record("proxy-host", row.id, "created", { ...body, meta: row.meta });
    return { status: 201, body: answer };
  }

  /** `PUT /api/nginx/proxy-hosts/{id}`. */
  updateProxyHost(id: number, body: ProxyHostUpdate): Reply {
    if (body.domain_names) {
      const taken = this.#taken(body.domain_names, id);
      if (taken) return errorReply(400, `${taken} is already in use`);
    }
    const host = this.#proxy.get(id);
    if (!host) return errorReply(404, `Not Found - ${id}`);
    if (body.certificate_id === "new") return errorReply(500, "Internal Error");
    const { certificate_id, ...fields } = body;
    const changes: Partial<ProxyHostRow> = { ...fields };
    if (certificate_id !== undefined) changes.certificate_id = certificate_id;
    host.row = cleanSslHsts({ ...host.row, ...changes, modified_on: npmTime(new Date()) });
    this.#record("proxy-host", id, "updated", { domain_names: host.row.domain_names, ...body });
    if (host.row.enabled) this.#configure(host, true);
    return { status: 200, body: this.#expand(host.row, FULL_EXPAND) };
  }

  /** `POST /api/nginx/proxy-hosts/{id}/enable` and `/disable`. */
  setEnabled(id: number, enabled: boolean): Reply {
    const host = this.#proxy.get(id);
    if (!host) return errorReply(404, `Not Found - ${id}`);
    if (host.row.enabled === enabled) {
      return errorReply(400, `Host is already ${enabled ? "enabled" : "disabled"}`);
    }
    host.row.enabled = enabled;
    host.row.modified_on = npmTime(new Date());
    this.#configure(host, enabled);
    this.#record("proxy-host", id, enabled ? "enabled" : "disabled", { ...copy(host.row) });
    return { status: 200, body: true };
  }

  /** `DELETE /api/nginx/proxy-hosts/{id}`. */
  deleteProxyHost(id: number): Reply {
    const host = this.#proxy.get(id);
    if (!host) return errorReply(404, `Not Found - ${id}`);
    this.#proxy.delete(id);
    this.#record("proxy-host", id, "deleted", { ...copy(host.row) });
    return { status: 200, body: true };
  }

  /** Puts a hand-made proxy host in place, as if made before the test (no audit entry). */
  seedProxyHost(partial: Partial<ProxyHostRow> & { domain_names: string[] }): ProxyHostRow {
    const row: ProxyHostRow = { ...newProxyHostRow(this.#nextId.proxy++, BLANK), ...copy(partial) };
    this.#nextId.proxy = Math.max(this.#nextId.proxy, row.id + 1);
    const host: ProxyHost = { row, live: false };
    this.#proxy.set(row.id, host);
    this.#configure(host, row.enabled);
    return copy(row);
  }

  /** `GET` of the redirection or 404 hosts. */
  listOtherHosts(kind: "redirection" | "dead"): Reply {
    const table = kind === "redirection" ? this.#redirection : this.#dead;
    return { status: 200, body: copy([...table.values()]) };
  }

  /** `POST` of a redirection or 404 host (no audit entry when `seeded`). */
  createOtherHost(
    kind: "redirection" | "dead",
    body: Bodies["redirectionHostCreate"] | Bodies["deadHostCreate"],
    options: { seeded?: boolean } = {},
  ): Reply {
    const taken = this.#taken(body.domain_names);
    if (taken) return errorReply(400, `${taken} is already in use`);
    const table = kind === "redirection" ? this.#redirection : this.#dead;
    const row = newOtherHostRow(this.#nextId[kind]++, { kind, body });
    table.set(row.id, row);
    if (!options.seeded) {
      this.#record(
        `${kind === "dead" ? "dead" : "redirection"}-host`,
        row.id,
        "created",
        copy(row),
      );
    }
    return { status: 201, body: copy(row) };
  }

  /** `GET /api/nginx/access-lists` (item passwords masked, as NPM does). */
  listAccessLists(): Reply {
    return {
      status: 200,
      body: [...this.#accessLists.values()].map((list) => this.#accessListAnswer(list, true)),
    };
  }

  /** `POST /api/nginx/access-lists`. */
  createAccessList(body: Bodies["accessListCreate"]): Reply {
    const row = newAccessListRow(this.#nextId.accessList++, body);
    this.#accessLists.set(row.id, row);
    this.#record("access-list", row.id, "created", { name: row.name });
    return { status: 201, body: this.#accessListAnswer(row, true) };
  }

  /** `DELETE /api/nginx/access-lists/{id}`. */
  deleteAccessList(id: number): Reply {
    const row = this.#accessLists.get(id);
    if (!row) return errorReply(404, `Not Found - ${id}`);
    this.#accessLists.delete(id);
    this.#record("access-list", id, "deleted", { name: row.name });
    return { status: 200, body: true };
  }

  /** The one user, as NPM's `owner` expansion shows it. */
  owner(): Record<string, unknown> {
    return {
      id: 1,
      created_on: this.#created,
      modified_on: this.#created,
      is_disabled: false,
      email: this.#email,
      name: "Administrator",
      nickname: "Admin",
      avatar: "",
      roles: ["admin"],
    };
  }

  #accessListAnswer(list: AccessListRow, mask: boolean): Record<string, unknown> {
    const items = list.items.map((i) => mask ? { ...i, password: "" } : { ...i });
    const proxyHostCount = [...this.#proxy.values()]
      .filter((h) => h.row.access_list_id === list.id).length;
    return { ...copy(list), items, proxy_host_count: proxyHostCount };
  }

  #expand(row: ProxyHostRow, expand: readonly string[] | null): Record<string, unknown> {
    const answer: Record<string, unknown> = { ...copy(row) };
    if (expand?.includes("owner")) answer.owner = this.owner();
    if (expand?.includes("certificate")) {
      answer.certificate = this.certificateOf(row.certificate_id);
    }
    if (expand?.includes("access_list")) {
      const list = this.#accessLists.get(row.access_list_id);
      answer.access_list = list ? this.#accessListAnswer(list, false) : null;
    }
    return answer;
  }

  /** NPM's nginx step: write (or remove) the config, test it, record the outcome in meta. */
  #configure(host: ProxyHost, enabled: boolean): void {
    const error = enabled ? nginxCheck(host.row.advanced_config, host.row.id) : null;
    host.row.meta = { ...host.row.meta, nginx_online: error === null, nginx_err: error };
    host.live = enabled && error === null;
  }

  /** The first of `domains` another host holds (any kind, disabled too, any case). */
  #taken(domains: readonly string[], exceptProxyId?: number): string | undefined {
    const held = new Set<string>();
    for (const host of this.#proxy.values()) {
      if (host.row.id !== exceptProxyId) {
        host.row.domain_names.forEach((d) => held.add(d.toLowerCase()));
      }
    }
    for (const row of [...this.#redirection.values(), ...this.#dead.values()]) {
      row.domain_names.forEach((d) => held.add(d.toLowerCase()));
    }
    return domains.find((d) => held.has(d.toLowerCase()));
  }

  #record(
    objectType: AuditEntry["object_type"],
    objectId: number,
    action: AuditEntry["action"],
    meta: Record<string, unknown>,
  ): void {
    const now = npmTime(new Date());
    const id = this.#nextId.audit++;
    this.#audit.push({
      id,
      created_on: now,
      modified_on: now,
      user_id: 1,
      object_type: objectType,
      object_id: objectId,
      action,
      meta: copy(meta),
    });
  }
}
