/**
 * What the controller reports as it works. The status page, metrics, logs and
 * notifications all listen to this one stream, so none of them needs to
 * reach into the controller.
 *
 * @module
 */
import type { ContainerEvent } from "../docker/types.ts";
import type { Action, NpmSnapshot, SettingProblem, SkipReason, StopAction } from "../model/mod.ts";
import type { OutageChange } from "./outage.ts";

/** A container as the controller last saw it. */
export interface ContainerView {
  readonly id: string;
  readonly name: string;
  readonly running: boolean;
  /** `unmanaged` (no NPM_HOST), `stopped` (managed, not running), `invalid` (bad settings) or `desired`. */
  readonly state: "unmanaged" | "stopped" | "invalid" | "desired";
  /** Problems (when `invalid`) or warnings (when `desired`). */
  readonly problems: readonly SettingProblem[];
  /**
   * The proxy hosts it asks for, when `desired`: one for `NPM_HOST`, and one per `NPM_HOST_<n>`,
   * in that order.
   */
  readonly hosts?: readonly HostView[];
  /** What its host shows once it stops (NPM_STOP_ACTION, else STOP_ACTION), when managed. */
  readonly stopAction?: StopAction;
  /** Its Docker healthcheck's state, and whether publishing follows it (not NPM_HEALTH=ignore). */
  readonly health?: {
    readonly status: "starting" | "healthy" | "unhealthy";
    readonly followed: boolean;
  };
}

/** One proxy host a running container asks for, and what it got. */
export interface HostView {
  /** Which of its hosts: `""` for `NPM_HOST`, `"1"` for `NPM_HOST_1`, and so on. */
  readonly site: string;
  /** Its first domain, which names it in messages and NPM's list. */
  readonly domain: string;
  /** Every domain it serves (`NPM_HOST=a.lan,b.lan`), the first one first. */
  readonly domains: readonly string[];
  /** `scheme://host:port` it should be forwarded to. */
  readonly forward: string;
  /** When one of its domains is held by someone else: who, and why it was left alone. */
  readonly skip?: ContainerSkip;
  /** What it does about HTTPS, when it asks for it. */
  readonly tls?: TlsView;
  /** The access list guarding it, when it names one: found in NPM, or why not. */
  readonly accessList?: AccessListView;
}

/** A host's access list: the one NPM has, or why the host is not published. */
export type AccessListView =
  | { readonly id: number; readonly name: string }
  | { readonly missing: string };

/** A host's HTTPS: its certificate, or why it serves HTTP only. */
export type TlsView =
  | {
    readonly certificate: {
      readonly id: number;
      readonly name: string;
      /** ISO 8601; `null` when NPM did not say. */
      readonly expiresAt: string | null;
    };
  }
  | { readonly httpOnly: string };

/** A domain a container asked for that EnvoyNPM left alone. */
export interface ContainerSkip {
  readonly domain: string;
  readonly reason: SkipReason;
  /** The proxy host that holds the domain, if any. */
  readonly hostId?: number;
  /** For `domain_conflict`: the container that holds the domain, and its name when known. */
  readonly holderContainerId?: string;
  readonly holderName?: string;
  /** ISO 8601 time the skip was first seen. */
  readonly since: string;
}

/** Where NPM runs, as the forward-address choice sees it. */
export type NpmPlacementView =
  /** NPM's container, how it was found (`NPM_CONTAINER` or its image), and its networks. */
  | {
    readonly container: string;
    readonly foundBy: "name" | "image";
    readonly networks: readonly string[];
  }
  /** NPM is not a container of this engine. */
  | { readonly container: null };

/** Something worth a warning or an error, with what it concerns. */
export interface Problem {
  readonly severity: "warning" | "error";
  /** A stable code, e.g. `invalid_settings`, `foreign_host`, `domain_conflict`, `npm_unreachable`, `nginx_rejected`. */
  readonly code: string;
  readonly message: string;
  readonly containerName?: string;
  readonly containerId?: string;
  readonly domain?: string;
  /**
   * The cause as NPM, nginx or Docker gave it, unfolded (it may span lines). With the code and
   * the subject it is the problem's identity, so naming the container differently is no news.
   */
  readonly detail?: string;
}

/** One report from the controller. */
export type ControllerEvent =
  /** `engine` names the engine when one process watches several. */
  | { readonly type: "docker_connection"; readonly connected: boolean; readonly engine?: string }
  | { readonly type: "docker_event"; readonly event: ContainerEvent }
  /** Whether the latest NPM request of a reconcile succeeded (readiness). */
  | { readonly type: "npm_answer"; readonly ok: boolean; readonly cause?: string }
  /** NPM's or Docker's reads have failed for a while (once per outage), or answer again. */
  | ({
    readonly type: "outage";
    readonly service: "npm" | "docker";
    /** For Docker, the engine when one process watches several. */
    readonly engine?: string;
  } & OutageChange)
  | { readonly type: "container"; readonly container: ContainerView }
  | { readonly type: "container_removed"; readonly id: string }
  /** This instance's id, once known (`fromEngine` when it is the engine's, not `INSTANCE_ID`). */
  | { readonly type: "instance"; readonly id: string; readonly fromEngine: boolean }
  /** Where NPM runs: at the first resync, and whenever it changes. */
  | { readonly type: "npm_placement"; readonly placement: NpmPlacementView }
  | { readonly type: "npm_snapshot"; readonly snapshot: NpmSnapshot }
  | {
    readonly type: "action";
    readonly action: Action;
    readonly outcome: "ok" | "failed";
    readonly durationMs: number;
    /** The host written (for a create, the id NPM gave it). */
    readonly hostId?: number;
    /** NPM's or nginx's message when the action failed or nginx refused the config. */
    readonly error?: string;
  }
  | { readonly type: "reconcile"; readonly durationMs: number; readonly containers: number }
  /** A key goes back on the queue: why, and after how long. */
  | { readonly type: "retry"; readonly key: string; readonly why: string; readonly delayMs: number }
  | { readonly type: "problem"; readonly problem: Problem };

/** Receives every {@linkcode ControllerEvent}; must not throw or block. */
export type ControllerListener = (event: ControllerEvent) => void;
