/**
 * Which Engine API version to speak. EnvoyNPM reads the same few fields from
 * API 1.41 (Docker 20.10) to 1.52, so it speaks the engine's own version and
 * refuses only an older engine: Docker 29 refuses every request below 1.44,
 * and zod still checks every answer. Pure functions.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { VersionJson } from "./schemas.ts";
import type { DockerError, DockerVersion } from "./types.ts";

/** The oldest Engine API version EnvoyNPM speaks (Docker 20.10). */
export const MIN_DOCKER_API_VERSION = "1.41";

/** Orders two API versions like `1.41` and `1.9` by number: negative, zero or positive. */
export function compareApiVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split(".").map(Number);
  const [bMajor = 0, bMinor = 0] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * The version to speak with the engine that answered `GET /version`: its own
 * `ApiVersion`, or, when that is older than {@linkcode MIN_DOCKER_API_VERSION},
 * a `docker_api_error` (status 400, as an engine refuses a client too new for it).
 */
export function chooseApiVersion(engine: VersionJson): Result<DockerVersion, DockerError> {
  if (compareApiVersions(engine.ApiVersion, MIN_DOCKER_API_VERSION) < 0) {
    return err({
      kind: "docker_api_error",
      path: "/version",
      status: 400,
      message: `The Docker engine ${engine.Version} speaks API ${engine.ApiVersion} at most, ` +
        `but EnvoyNPM needs API ${MIN_DOCKER_API_VERSION} (Docker 20.10) or later: ` +
        `upgrade the engine`,
    });
  }
  return ok({
    version: engine.Version,
    apiVersion: engine.ApiVersion,
    ...(engine.MinAPIVersion === undefined ? {} : { minApiVersion: engine.MinAPIVersion }),
  });
}

/**
 * Whether the engine refused a request for its API version, as
 * `client version 1.41 is too old. Minimum supported API version is 1.44, …`:
 * it speaks another version now (it was upgraded or replaced).
 */
export function isVersionRefused(error: DockerError): boolean {
  return error.kind === "docker_api_error" && error.status === 400 &&
    /^client version \S+ is too (old|new)\b/i.test(error.message);
}
