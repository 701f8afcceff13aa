/**
 * The plan's output: NPM writes (and deliberate non-writes) for one reconcile.
 *
 * @module
 */
import type { HostFields, OwnerMeta } from "./proxy_host.ts";

/** One field that differs between NPM and what EnvoyNPM wants, for logs and `plan`. */
export interface FieldChange {
  readonly field: keyof HostFields | "enabled" | "meta.container_id" | "meta.comments";
  readonly from: unknown;
  readonly to: unknown;
}

/** Who an action is for, carried by every action so each log line can name it. */
export interface ActionSubject {
  readonly domain: string;
  readonly containerId: string;
  readonly containerName: string;
}

/** Why the plan leaves a domain alone. */
export type SkipReason =
  /** A proxy host EnvoyNPM does not own holds the domain (policy B). */
  | "foreign_host"
  /** A redirection or 404 host holds the domain; NPM would refuse a proxy host. */
  | "other_host_kind"
  /** Another running container that claimed the domain first holds it. */
  | "domain_conflict"
  /** Another EnvoyNPM instance (another engine's) holds it. */
  | "other_instance";

/**
 * One step of a plan. The executor applies a plan's actions in order, and
 * every action but `skip` is exactly one NPM write.
 */
export type Action =
  /** Policy C: `POST /api/nginx/proxy-hosts`. */
  | ActionSubject & {
    readonly kind: "create";
    readonly fields: HostFields;
    readonly meta: OwnerMeta;
  }
  /**
   * Policy: `PUT /api/nginx/proxy-hosts/{id}` with only the changed
   * fields, the whole new `meta`, and `enabled: true` when `enable` is set
   * (a PUT with `enabled: true` enables a disabled host in the same write).
   */
  | ActionSubject & {
    readonly kind: "update";
    readonly hostId: number;
    readonly changes: Partial<HostFields>;
    readonly meta: OwnerMeta;
    readonly enable: boolean;
    readonly diff: readonly FieldChange[];
    /** Set on an A-2 takeover: the container id the host belonged to. */
    readonly takeoverFrom?: string;
    /** Set when a hand-made host is adopted (`NPM_ADOPT`): it becomes EnvoyNPM's. */
    readonly adopted?: boolean;
  }
  /** `POST …/{id}/enable`: the host is disabled and nothing else differs. */
  | ActionSubject & { readonly kind: "enable"; readonly hostId: number }
  /** `POST …/{id}/disable`: the only way to take a host offline (a PUT `enabled:false` leaves it live). */
  | ActionSubject & { readonly kind: "disable"; readonly hostId: number }
  /** `DELETE …/{id}` (`PRUNE_AFTER`): our disabled host of a container gone that long. */
  | ActionSubject & { readonly kind: "delete"; readonly hostId: number }
  /**
   * `POST /api/nginx/certificates` (Let's Encrypt): only once the plain host serves; the PUT that
   * switches the host to the new certificate is the next plan's.
   */
  | ActionSubject & {
    readonly kind: "request_certificate";
    readonly domains: readonly string[];
  }
  /** No write: the domain is not ours to take. `hostId` names the blocking proxy host, if any. */
  | ActionSubject & {
    readonly kind: "skip";
    readonly reason: SkipReason;
    readonly hostId?: number;
    /** For `domain_conflict`: the container that holds the domain. */
    readonly holderContainerId?: string;
    /** For `other_instance`: the instance that holds the domain. */
    readonly holderInstanceId?: string;
  };

/** The kinds of {@linkcode Action}. */
export type ActionKind = Action["kind"];
