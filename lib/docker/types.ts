/**
 * The Docker edge as the rest of EnvoyNPM sees it: a small interface that
 * tests can replace, and the errors it can answer with.
 *
 * @module
 */
import type { ResultAsync } from "neverthrow";
import type { Container } from "../model/mod.ts";

/** Why a Docker request failed. Each says what failed and what to do. */
export type DockerError =
  /** The socket is missing, refused or reset: is dockerd running, is the socket mounted? */
  | { readonly kind: "docker_unreachable"; readonly endpoint: string; readonly cause: string }
  /** No answer within the request's timeout (an engine that is starting accepts and hangs). */
  | {
    readonly kind: "docker_timeout";
    readonly endpoint: string;
    readonly path: string;
    readonly timeoutMs: number;
  }
  /** The engine answered with a non-2xx status. */
  | {
    readonly kind: "docker_api_error";
    readonly path: string;
    readonly status: number;
    readonly message: string;
  }
  /** The engine answered 2xx with JSON that does not have the expected shape. */
  | { readonly kind: "docker_bad_response"; readonly path: string; readonly detail: string }
  /** The event stream ended (EOF or reset); reconnect and resync. */
  | { readonly kind: "docker_stream_ended"; readonly endpoint: string; readonly cause: string };

/** The engine's identity, from `GET /version`. */
export interface DockerVersion {
  readonly version: string;
  /** The API version the client speaks with it: the engine's own (1.41 or later). */
  readonly apiVersion: string;
  /** The oldest API version the engine accepts, when it says. */
  readonly minApiVersion?: string;
}

/**
 * One container event from `GET /events`, reduced to what the controller needs.
 * A network event that connects or disconnects a container becomes one too,
 * with action `network_connect` or `network_disconnect` and no name.
 */
export interface ContainerEvent {
  /** The container id (`Actor.ID`; a network event's `Actor.Attributes.container`). */
  readonly id: string;
  /**
   * `Action`, e.g. `start`, `die`, `stop`, `destroy`, `rename`, `health_status: healthy`,
   * or `network_connect` / `network_disconnect`.
   */
  readonly action: string;
  /** The container's name from `Actor.Attributes.name`, if present. */
  readonly name?: string;
  /** The container's image from `Actor.Attributes.image`, if present. */
  readonly image?: string;
  /** `timeNano`, nanoseconds since the epoch, when the engine stamped the event. */
  readonly timeNano: number;
}

/** What `GET /info` says of the engine. */
export interface DockerInfo {
  /** The engine's id, stable across restarts. */
  readonly id: string;
  /** The engine's host name. */
  readonly name: string;
}

/** A line of `GET /containers/json`. */
export interface ContainerSummary {
  readonly id: string;
  /** The first name, without Docker's leading slash. */
  readonly name: string;
  readonly image: string;
  readonly running: boolean;
}

/** Options of {@linkcode DockerApi.streamEvents}. */
export interface StreamEventsOptions {
  /** Called once when the engine has answered with the stream's headers. */
  readonly onConnected?: () => void;
  /** Aborting ends the stream; the result is then `Ok`. */
  readonly signal?: AbortSignal;
}

/** What EnvoyNPM asks of a Docker engine. */
export interface DockerApi {
  /** `GET /version`: the engine's version, and the API version negotiated with it. */
  version(): ResultAsync<DockerVersion, DockerError>;
  /** `GET /_ping`: cheap liveness probe, used to notice a silent, dead event stream. */
  ping(): ResultAsync<void, DockerError>;
  /** `GET /info`: the engine's id (stable across restarts) and host name. */
  info(): ResultAsync<DockerInfo, DockerError>;
  /** `GET /containers/json` (running only, or `all: true`). */
  listContainers(options?: { all?: boolean }): ResultAsync<ContainerSummary[], DockerError>;
  /** `GET /containers/{id}/json`; `null` when the container no longer exists (404). */
  inspectContainer(id: string): ResultAsync<Container | null, DockerError>;
  /**
   * `GET /events` filtered to container events and to network events that
   * (dis)connect a container: calls `onEvent` for each event
   * until the stream ends. Resolves `Err(docker_stream_ended)` on EOF or reset,
   * another `Err` if it could not connect, and `Ok` only when aborted.
   */
  streamEvents(
    onEvent: (event: ContainerEvent) => void,
    options?: StreamEventsOptions,
  ): ResultAsync<void, DockerError>;
}
