/**
 * The fields of an NPM proxy host that EnvoyNPM manages, and NPM's hosts as
 * EnvoyNPM sees them. Converted once at the NPM edge from NPM's JSON.
 *
 * @module
 */
import type { Certificate } from "./certificate.ts";

/** The proxy-host fields EnvoyNPM sets. It sends only these, never others. */
export interface HostFields {
  /** Lower-case domains, the first one naming the host. */
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
  /** NPM's access list guarding the host; 0 for none. */
  readonly access_list_id: number;
  readonly block_exploits: boolean;
  readonly caching_enabled: boolean;
  /**
   * Trust `X-Forwarded-Proto` from a proxy in front of NPM. NPM 2.14 and newer only: absent
   * when NPM is older (it refuses unknown fields), and then never sent or compared.
   */
  readonly trust_forwarded_proto?: boolean;
  /**
   * NPM's custom locations, as NPM keeps them (it stores `null` for none, read as `[]`). Those
   * EnvoyNPM sends are {@linkcode HostLocation}s.
   */
  readonly locations: readonly Readonly<Record<string, unknown>>[];
}

/** One custom location EnvoyNPM sends: NPM's location shape, `forward_host` an address. */
export type HostLocation = {
  readonly path: string;
  readonly forward_scheme: "http" | "https";
  readonly forward_host: string;
  readonly forward_port: number;
  readonly forward_path?: string;
  readonly advanced_config?: string;
};

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

/** The other switches of a host as NPM defaults them: no access list, everything off. */
export const PLAIN_HOST_OPTIONS: Readonly<
  Pick<HostFields, "access_list_id" | "block_exploits" | "caching_enabled" | "locations"> & {
    readonly trust_forwarded_proto: boolean;
  }
> = {
  access_list_id: 0,
  block_exploits: false,
  caching_enabled: false,
  trust_forwarded_proto: false,
  locations: [],
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
  "access_list_id",
  "block_exploits",
  "caching_enabled",
  "trust_forwarded_proto",
  "locations",
] as const satisfies readonly (keyof HostFields)[];

/** The fields added after the first release: hosts applied before lack them in `last_applied`. */
export type LaterField =
  | TlsField
  | "access_list_id"
  | "block_exploits"
  | "caching_enabled"
  | "trust_forwarded_proto"
  | "locations";

/** What a host applied before {@linkcode LaterField} existed was sent (or NPM's default). */
export const LATER_FIELD_DEFAULTS: Readonly<Pick<HostFields, LaterField>> = {
  ...PLAIN_TLS_FIELDS,
  ...PLAIN_HOST_OPTIONS,
};

/**
 * The fields EnvoyNPM last applied. Hosts applied before EnvoyNPM managed certificates, access
 * lists and the other later fields lack them: they were sent as {@linkcode LATER_FIELD_DEFAULTS}
 * then, or not at all.
 */
export type LastApplied = Omit<HostFields, LaterField> & Partial<Pick<HostFields, LaterField>>;

/** The value of `meta.managed_by` on every host EnvoyNPM owns. */
export const MANAGER_NAME = "EnvoyNPM";

/** What EnvoyNPM keeps in the `meta` of a host it owns. */
export interface OwnerMeta {
  readonly managed_by: typeof MANAGER_NAME;
  /** The id of the container the host was last applied for. */
  readonly container_id: string;
  /**
   * That container's name: a container recreated under the same name (a new id, as when its
   * settings change) takes the host over. Absent on hosts made before it was recorded.
   */
  readonly container_name?: string;
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
  /** ISO 8601 time EnvoyNPM disabled the host because its container went away (for `PRUNE_AFTER`). */
  readonly disabled_at?: string;
  /**
   * Which of its container's hosts it is: `"1"` for `NPM_HOST_1`, …; absent for `NPM_HOST`'s (so
   * hosts made before containers had several need no write).
   */
  readonly site?: string;
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
  /** NPM's access lists, by id and name only (their items carry passwords). */
  readonly accessLists?: readonly AccessList[];
  /** NPM's version (`GET /api/`), e.g. `2.15.1`; absent when unknown. */
  readonly npmVersion?: string;
}

/** One of NPM's access lists: never its items or clients. */
export interface AccessList {
  readonly id: number;
  readonly name: string;
}
