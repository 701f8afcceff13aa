/**
 * Reads a `DOCKER_HOST` value into where and how to reach the engine.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";

/** The engine EnvoyNPM talks to when `DOCKER_HOST` is not set. */
export const DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

/** The PEM texts of `ca.pem`, `cert.pem` and `key.pem`, as `DOCKER_CERT_PATH` holds them. */
export interface DockerTls {
  /** The CA that signed the engine's certificate. */
  readonly ca: string;
  /** The client certificate EnvoyNPM presents. */
  readonly cert: string;
  /** The client certificate's private key. */
  readonly key: string;
}

/** Where the engine listens, ready for `fetch`. */
export interface DockerEndpoint {
  /** The `DOCKER_HOST` value it was read from, for messages. */
  readonly display: string;
  /** The URL requests are sent to, without a trailing slash, e.g. `http://docker`. */
  readonly baseUrl: string;
  /** The unix socket's path, when the engine listens on one. */
  readonly socketPath?: string;
  /** Present for `tcp://` with TLS: the engine is verified against `ca` and sees `cert`. */
  readonly tls?: DockerTls;
}

/** A `DOCKER_HOST` value that EnvoyNPM cannot use. */
export interface DockerHostError {
  readonly kind: "docker_host_invalid";
  readonly value: string;
  readonly reason: string;
}

/** Options of {@linkcode parseDockerHost}. */
export interface ParseDockerHostOptions {
  /** Speak TLS to a `tcp://` host (`DOCKER_TLS_VERIFY`); refused for a unix socket. */
  readonly tls?: DockerTls;
}

/** Parses `unix:///path` or `tcp://host:port` into a {@linkcode DockerEndpoint}. */
export function parseDockerHost(
  value: string,
  options: ParseDockerHostOptions = {},
): Result<DockerEndpoint, DockerHostError> {
  const invalid = (reason: string) => err({ kind: "docker_host_invalid" as const, value, reason });
  if (value.startsWith("unix://")) {
    const socketPath = value.slice("unix://".length);
    if (!socketPath.startsWith("/")) {
      return invalid("A unix socket needs an absolute path, e.g. unix:///var/run/docker.sock");
    }
    if (options.tls !== undefined) {
      return invalid("TLS (DOCKER_TLS_VERIFY) applies to tcp:// hosts only, not to a unix socket");
    }
    return ok({ display: value, baseUrl: "http://docker", socketPath });
  }
  if (value.startsWith("tcp://")) {
    const url = URL.parse(`http://${value.slice("tcp://".length)}`);
    if (url === null || url.hostname === "" || url.port === "" || url.pathname !== "/") {
      return invalid("A TCP address needs a host and a port, e.g. tcp://127.0.0.1:2375");
    }
    if (options.tls === undefined) return ok({ display: value, baseUrl: `http://${url.host}` });
    return ok({ display: value, baseUrl: `https://${url.host}`, tls: options.tls });
  }
  return invalid("DOCKER_HOST must start with unix:// or tcp://");
}

/**
 * Whether an endpoint is plain TCP to a host other than this machine's
 * loopback (`localhost`, `127.0.0.0/8`, `::1`): anyone on that network can
 * read and drive the engine.
 */
export function isExposedPlainTcp(endpoint: DockerEndpoint): boolean {
  if (endpoint.socketPath !== undefined || endpoint.tls !== undefined) return false;
  const hostname = new URL(endpoint.baseUrl).hostname.toLowerCase();
  const loopback = hostname === "localhost" || hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
  return !loopback;
}
