/**
 * The shapes the status server answers with: the state view of
 * `GET /api/state`, the health report of `GET /healthz`, and the errors of
 * starting the server.
 *
 * @module
 */
import type { ContainerView, HostView, Problem } from "../controller/reports.ts";
import type { Verdict } from "./verdict.ts";
import type { ActionKind, SkipReason } from "../model/mod.ts";

/**
 * A container as the dashboard lists it: what was seen, and what EnvoyNPM did about it and each
 * of its hosts.
 */
export type ContainerRow = Omit<ContainerView, "hosts"> & Verdict & {
  /** Its hosts, in the order of `NPM_HOST`, `NPM_HOST_1`, …; empty when it asks for none. */
  readonly hosts: readonly HostRow[];
  /** What its hosts show once it stops, and its healthcheck, in words; empty when unmanaged. */
  readonly lifecycle: string;
};

/** One host of a container as the dashboard lists it: what it asks for, and what it got. */
export type HostRow = HostView & Verdict & {
  /** Its HTTPS in words (its certificate, or why HTTP only); empty when not asked. */
  readonly https: string;
  /** Its access list in words (or why it is not published); empty when none is named. */
  readonly access: string;
};

/** An outage under way. */
export interface OutageView {
  /** ISO 8601 time of the first failed read. */
  readonly since: string;
  /** Why, in one sentence (e.g. `NPM at http://npm:81/api is unreachable: Connection refused`). */
  readonly cause: string;
}

/** A proxy host EnvoyNPM owns, as in NPM's last snapshot. */
export interface ManagedHostView {
  readonly id: number;
  readonly domain: string;
  readonly enabled: boolean;
  /** `scheme://host:port`. */
  readonly forward: string;
  /** The container the host was last applied for. */
  readonly containerId: string;
  /** NPM's `meta.nginx_online`; `null` when NPM did not say. */
  readonly nginxOnline: boolean | null;
}

/** A domain a container asked for that EnvoyNPM left alone. */
export interface SkipView {
  readonly domain: string;
  readonly containerId: string;
  readonly containerName: string;
  readonly reason: SkipReason;
  /** The proxy host that holds the domain, if any. */
  readonly hostId?: number;
  /** For `domain_conflict`: the container that holds the domain. */
  readonly holderContainerId?: string;
  /** ISO 8601 time the skip was first seen. */
  readonly since: string;
}

/** One NPM write (or a new skip) as it happened. */
export interface ActionRecord {
  /** ISO 8601 time the action was reported. */
  readonly at: string;
  readonly kind: ActionKind;
  readonly domain: string;
  readonly containerId: string;
  readonly containerName: string;
  readonly hostId?: number;
  readonly reason?: SkipReason;
  readonly outcome: "ok" | "failed";
  readonly durationMs: number;
  readonly error?: string;
}

/**
 * A warning or error worth showing, counted while it repeats: a controller
 * {@linkcode Problem}, or a failed action under the code `<kind>_failed`.
 */
export interface ErrorRecord extends Problem {
  /** ISO 8601 time it was last reported. */
  readonly at: string;
  /** How many times it was reported while listed. */
  readonly count: number;
}

/** Everything `GET /api/state` answers: JSON-able, no secrets. */
export interface StateView {
  /** EnvoyNPM's version (`deno.json`'s `version`). */
  readonly version: string;
  /** Whether every engine's event stream is connected. */
  readonly dockerConnected: boolean;
  /** Each engine and whether it is connected, when one process watches several. */
  readonly engines: readonly { readonly engine: string; readonly connected: boolean }[];
  /** The latest NPM answer; `null` before the first. */
  readonly lastNpmAnswer: { readonly ok: boolean; readonly at: string } | null;
  /** The outage of each service while one lasts (its reads failed for 5 s or more), else `null`. */
  readonly outages: {
    readonly npm: OutageView | null;
    readonly docker: OutageView | null;
  };
  /** The containers the controller last saw, by id. */
  readonly containers: Readonly<Record<string, ContainerRow>>;
  /** EnvoyNPM's hosts in NPM's last snapshot, by domain. */
  readonly managedHosts: readonly ManagedHostView[];
  /** Hand-made hosts left alone although a container asked for their domain. */
  readonly skippedHosts: readonly SkipView[];
  /** Hosts of containers that asked for a domain another container holds, one per host. */
  readonly conflicts: readonly SkipView[];
  /** Newest first. */
  readonly recentActions: readonly ActionRecord[];
  /** Newest first. */
  readonly recentErrors: readonly ErrorRecord[];
}

/** What `GET /healthz` answers. */
export interface HealthReport {
  /** The process answers. */
  readonly live: boolean;
  /** Docker's event stream is connected and NPM answered ok recently. */
  readonly ready: boolean;
  readonly detail: HealthDetail;
}

/** Why a {@linkcode HealthReport} is or is not ready. */
export interface HealthDetail {
  readonly dockerConnected: boolean;
  /** Milliseconds since NPM last answered ok; `null` if it never did. */
  readonly npmOkAgoMs: number | null;
  readonly readyWindowMs: number;
  /** Sentences saying what keeps it from being ready; empty when ready. */
  readonly reasons: readonly string[];
}

/** Why the status server could not start. */
export type StatusError =
  /** `HTTP_ADDR` is not `[host]:port`. */
  | { readonly kind: "invalid_addr"; readonly addr: string; readonly message: string }
  /** Something else listens on the address. */
  | { readonly kind: "addr_in_use"; readonly addr: string; readonly message: string }
  /** Any other failure to listen, e.g. a privileged port. */
  | { readonly kind: "listen_failed"; readonly addr: string; readonly message: string };
