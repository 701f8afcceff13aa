/**
 * The Docker edge: a client for the engine's HTTP API that speaks EnvoyNPM's
 * model, and the pieces it is built from.
 *
 * @module
 */
export type {
  ContainerEvent,
  ContainerSummary,
  DockerApi,
  DockerError,
  DockerVersion,
  StreamEventsOptions,
} from "./types.ts";
export { createDockerClient } from "./client.ts";
export type { DockerClient, DockerClientOptions } from "./client.ts";
export { DEFAULT_DOCKER_HOST, isExposedPlainTcp, parseDockerHost } from "./docker_host.ts";
export type { DockerEndpoint, DockerHostError, DockerTls } from "./docker_host.ts";
export { describeDockerError } from "./describe_error.ts";
export { DEFAULT_TIMEOUT_MS } from "./transport.ts";
export { MIN_DOCKER_API_VERSION } from "./api_version.ts";
