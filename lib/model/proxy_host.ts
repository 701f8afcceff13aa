/**
 * The fields of an NPM proxy host that EnvoyNPM manages, and NPM's hosts as
 * EnvoyNPM sees them. Converted once at the NPM edge from NPM's JSON.
 *
 * @module
 */
import type { Certificate } from "./certificate.ts";

/** The proxy-host fields EnvoyNPM sets. It sends only these, never others. */
export interface HostFields {
  /** Always one lower-case domain. */
  readonly domain_names: readonly string[];
  readonly forward_scheme: "http" | "https";
  readonly forward_host: string;
  readonly forward_port: number;
  readonly allow_websocket_upgrade: boolean;
  readonly advanced_config: string;
  /** NPM's certificate for the host; 0 serves HTTP only. */
  readonly certificate_id: number;
  readonly ssl_forced: boolean;
  readonly http2_support: boolean;
  readonly hsts_enabled: boolean;
  readonly hsts_subdomains: boolean;
}

/** The fields that only mean something with a certificate. */
export type TlsField =
  | "certificate_id"
  | "ssl_forced"
  | "http2_support"
  | "hsts_enabled"
  | "hsts_subdomains";

/** The HTTPS fields of a host without a certificate (NPM turns the flags off without one). */
export const PLAIN_TLS_FIELDS: Readonly<Pick<HostFields, TlsField>> = {
  certificate_id: 0,
  ssl_forced: false,
  http2_support: false,
  hsts_enabled: false,
  hsts_subdomains: false,
};

/** The names of {@linkcode HostFields}, in the order diffs show them. */
export const HOST_FIELD_NAMES = [
  "domain_names",
  "forward_scheme",
  "forward_host",
  "forward_port",
  "allow_websocket_upgrade",
  "advanced_config",
  "certificate_id",
  "ssl_forced",
  "http2_support",
  "hsts_enabled",
  "hsts_subdomains",
] as const satisfies readonly (keyof HostFields)[];

/**
 * The fields EnvoyNPM last applied. Hosts applied before EnvoyNPM managed certificates lack
 * the HTTPS ones: they were sent plain ({@linkcode PLAIN_TLS_FIELDS}) then, or not at all.
 */
export type LastApplied = Omit<HostFields, TlsField> & Partial<Pick<HostFields, TlsField>>;

/** The value of `meta.managed_by` on every host EnvoyNPM owns. */
export const MANAGER_NAME = "EnvoyNPM";

/** What EnvoyNPM keeps in the `meta` of a host it owns. */
export interface OwnerMeta {
  readonly managed_by: typeof MANAGER_NAME;
  /** The id of the container the host was last applied for. */
  readonly container_id: string;
  /** ISO 8601 time the host was created by EnvoyNPM. */
  readonly created_at: string;
  /** A human note shown in NPM's JSON, e.g. `[EnvoyNPM Managed] Linked to: web (web.lan)`. */
  readonly comments: string;
  /** The fields EnvoyNPM last applied, for the three-way merge with hand edits. */
  readonly last_applied?: LastApplied;
  /**
   * The EnvoyNPM instance that owns the host (`INSTANCE_ID`, by default its engine's id); absent
   * on hosts made before instances had ids, which the first instance that has their container
   * takes over.
   */
  readonly instance_id?: string;
}

/** A proxy host as read from NPM, whoever made it. */
export interface ProxyHost extends HostFields {
  readonly id: number;
  readonly enabled: boolean;
  /**
   * NPM's `meta` as stored, including `nginx_online`/`nginx_err` when NPM added
   * them; kept whole because NPM's PUT replaces meta whole.
   */
  readonly meta: Readonly<Record<string, unknown>>;
  /** Who owns this host according to its meta, or `null` when it is not EnvoyNPM's or unreadable. */
  readonly owner: OwnerMeta | null;
}

/** Everything EnvoyNPM needs to know about NPM's state at one moment. */
export interface NpmSnapshot {
  /** Every proxy host, owned or not. */
  readonly proxyHosts: readonly ProxyHost[];
  /** Lower-case domains held by redirection and 404 hosts (NPM's domain check spans them). */
  readonly otherHostDomains: readonly string[];
  /** NPM's certificates, without their keys. */
  readonly certificates: readonly Certificate[];
}
