/**
 * EnvoyNPM's own view of a Docker container: what the rest of the program
 * needs from `GET /containers/{id}/json`, converted once at the Docker edge.
 * Nothing downstream sees Docker's wire format.
 *
 * @module
 */

/** A container's address on one Docker network. */
export interface ContainerNetwork {
  /** The network's name, e.g. `bridge` or `casaos`. */
  readonly name: string;
  /** The container's IPv4 address on it; empty when it has none. */
  readonly ip: string;
  /** The network's gateway as seen from the container; empty when unknown. */
  readonly gateway: string;
}

/** A container as EnvoyNPM sees it. */
export interface Container {
  /** The full 64-hex-digit id. */
  readonly id: string;
  /** The name without Docker's leading slash. */
  readonly name: string;
  /** The image name the container was created from, e.g. `jc21/nginx-proxy-manager:latest`. */
  readonly image: string;
  /** Whether the engine reports it running (`State.Running`). */
  readonly running: boolean;
  /** Its Docker healthcheck's state (`State.Health.Status`); absent without a healthcheck. */
  readonly health?: "starting" | "healthy" | "unhealthy";
  /** `Config.Env` as a map; a variable given twice keeps its last value. */
  readonly env: Readonly<Record<string, string>>;
  /** `Config.Labels`. */
  readonly labels: Readonly<Record<string, string>>;
  /** `HostConfig.NetworkMode`, e.g. `bridge`, `host`, `container:<id>` or a network name. */
  readonly networkMode: string;
  /** The networks it is attached to, in the engine's order. */
  readonly networks: readonly ContainerNetwork[];
}
