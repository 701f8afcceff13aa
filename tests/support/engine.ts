/**
 * Finds the Docker engine the tests run against, or fails saying how to get one.
 *
 * @module
 */
import { DEFAULT_DOCKER_HOST, parseDockerHost } from "../../lib/docker/docker_host.ts";
import { createDockerClient } from "../../lib/docker/client.ts";
import { describeDockerError } from "../../lib/docker/describe_error.ts";
import { createTransport, type DockerTransport } from "../../lib/docker/transport.ts";

/** The engine tests use: `DOCKER_HOST`, or the default socket. */
export function engineHost(): string {
  return Deno.env.get("DOCKER_HOST") || DEFAULT_DOCKER_HOST;
}

/** The engine that answered {@linkcode requireEngine}. */
export interface EngineInfo {
  /** Its `DOCKER_HOST` value. */
  readonly host: string;
  readonly version: string;
  /** The API version negotiated with it (its own). */
  readonly apiVersion: string;
}

const HOW_TO =
  "Integration tests need a Docker engine (API 1.41 or later). Install and start one with " +
  "`apt-get install -y docker.io busybox-static && dockerd &`, or set DOCKER_HOST to a running one.";

let found: Promise<EngineInfo> | undefined;

/** Checks once per process that an engine answers; throws how to install and start one if not. */
export function requireEngine(): Promise<EngineInfo> {
  found ??= probe().catch((e) => {
    found = undefined;
    throw e;
  });
  return found;
}

async function probe(): Promise<EngineInfo> {
  const host = engineHost();
  const client = createDockerClient({ host, timeoutMs: 10_000 });
  if (client.isErr()) throw new Error(`${describeDockerError(client.error)}. ${HOW_TO}`);
  using docker = client.value;
  // An engine older than API 1.41 is an error here, saying so.
  const version = await docker.version();
  if (version.isErr()) throw new Error(`${describeDockerError(version.error)}\n${HOW_TO}`);
  return { host, version: version.value.version, apiVersion: version.value.apiVersion };
}

/** A transport to the test engine (or `host`) for requests the product never makes; close it when done. */
export function engineTransport(
  options: { timeoutMs?: number; host?: string } = {},
): DockerTransport {
  const endpoint = parseDockerHost(options.host ?? engineHost());
  if (endpoint.isErr()) throw new Error(`${describeDockerError(endpoint.error)}. ${HOW_TO}`);
  return createTransport(endpoint.value, options);
}
