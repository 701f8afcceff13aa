/**
 * What a container asks for: the proxy host it should have in NPM.
 *
 * @module
 */
import type { HostFields } from "./proxy_host.ts";

/** One proxy host a running container should have. */
export interface DesiredHost {
  readonly containerId: string;
  readonly containerName: string;
  /**
   * Which of the container's hosts this is: `""` for `NPM_HOST`, `"1"` for `NPM_HOST_1`, … The
   * host's meta records it, so a renamed domain moves its host rather than making a second one.
   */
  readonly site: string;
  /** Its first lower-case domain, equal to `fields.domain_names[0]`: messages name it by this. */
  readonly domain: string;
  /** The fields without a certificate; the plan adds one (and its flags) when one fits. */
  readonly fields: HostFields;
  /** What it asks of HTTPS; absent when it serves HTTP only. */
  readonly tls?: TlsRequest;
  /** `NPM_ACCESS_LIST`: the access list guarding it; absent for none. */
  readonly accessList?: AccessListRequest;
  /** `NPM_ADOPT`: take over a hand-made host of the same domain (keeping its id). */
  readonly adopt?: boolean;
}

/** An NPM access list asked for by id or by name. */
export type AccessListRequest = { readonly id: number } | { readonly name: string };
/** What a stopped container's host shows: `disable` it, a 503 `maintenance` page, or `keep` it. */
export type StopAction = "disable" | "maintenance" | "keep";

/** What a container asks of HTTPS (see `lib/desired/tls.ts`). */
export interface TlsRequest {
  /** `NPM_CERTIFICATE`: this certificate, by NPM id or name; else one is chosen by domain. */
  readonly certificate?: { readonly id: number } | { readonly name: string };
  /** `NPM_SSL_REQUEST`: ask Let's Encrypt through NPM when no certificate fits. */
  readonly request: boolean;
  /** `NPM_SSL_EMAIL`: the Let's Encrypt account; NPM's login email when absent. */
  readonly email?: string;
  /** `ssl_forced`: redirect HTTP to HTTPS. */
  readonly forced: boolean;
  /** `http2_support`. */
  readonly http2: boolean;
  /** `hsts_enabled`. */
  readonly hsts: boolean;
  /** `hsts_subdomains`. */
  readonly hstsSubdomains: boolean;
}

/** Why a container's settings cannot become a proxy host. */
export interface SettingProblem {
  /** The variable at fault, e.g. `NPM_PORT`. */
  readonly variable: string;
  /** A sentence saying what is wrong and how to fix it. */
  readonly reason: string;
}

/**
 * The outcome of reading one container:
 * - `unmanaged`: no `NPM_HOST` (nor `NPM_HOST_<n>`), so the container is not EnvoyNPM's business;
 * - `invalid`: it asks for a host but its settings are wrong (no write may follow);
 * - `desired`: the hosts it should have (at least one), plus warnings that do not block them.
 */
export type DesiredState =
  | { readonly kind: "unmanaged" }
  | { readonly kind: "invalid"; readonly problems: readonly SettingProblem[] }
  | {
    readonly kind: "desired";
    readonly hosts: readonly DesiredHost[];
    readonly warnings: readonly SettingProblem[];
  };
