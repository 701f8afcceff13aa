/**
 * Reads a `DOCKER_HOST` value into where and how to reach the engine.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";

/** The engine EnvoyNPM talks to when `DOCKER_HOST` is not set. */
export const DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

/** Where the engine listens, ready for `fetch`. */
export interface DockerEndpoint {
  /** The `DOCKER_HOST` value it was read from, for messages. */
  readonly display: string;
  /** The URL requests are sent to, without a trailing slash, e.g. `http://docker`. */
  readonly baseUrl: string;
  /** The unix socket's path, when the engine listens on one. */
  readonly socketPath?: string;
}

/** A `DOCKER_HOST` value that EnvoyNPM cannot use. */
export interface DockerHostError {
  readonly kind: "docker_host_invalid";
  readonly value: string;
  readonly reason: string;
}

/** Parses `unix:///path` or `tcp://host:port` into a {@linkcode DockerEndpoint}. */
export function parseDockerHost(value: string): Result<DockerEndpoint, DockerHostError> {
  const invalid = (reason: string) => err({ kind: "docker_host_invalid" as const, value, reason });
  if (value.startsWith("unix://")) {
    const socketPath = value.slice("unix://".length);
    if (!socketPath.startsWith("/")) {
      return invalid("A unix socket needs an absolute path, e.g. unix:///var/run/docker.sock");
    }
    return ok({ display: value, baseUrl: "http://docker", socketPath });
  }
  if (value.startsWith("tcp://")) {
    const url = URL.parse(`http://${value.slice("tcp://".length)}`);
    if (url === null || url.hostname === "" || url.port === "" || url.pathname !== "/") {
      return invalid("A TCP address needs a host and a port, e.g. tcp://127.0.0.1:2375");
    }
    return ok({ display: value, baseUrl: `http://${url.host}` });
  }
  return invalid("DOCKER_HOST must start with unix:// or tcp://");
}
