/**
 * One-shot connections for `plan` and `check`: Docker and NPM are asked once
 * (with the clients' short, bounded retries), never waited for endlessly as
 * `run` does.
 *
 * @module
 */
import type { Result } from "neverthrow";
import type { Config } from "../config/mod.ts";
import { describeNpmError } from "../npm/mod.ts";
import { createDockerClient, describeDockerError, type DockerClient } from "../docker/mod.ts";
import { createNpmClient, type NpmClient, type NpmError } from "../npm/mod.ts";
import { EXIT } from "./exit_codes.ts";

/** Why a one-shot command could not start its work, and the exit code that says so. */
export interface ConnectFailure {
  readonly kind: "docker_failed" | "npm_failed" | "login_refused";
  readonly message: string;
  readonly exitCode: number;
}

/** Per-request timeout of one-shot commands, in ms. */
const TIMEOUT_MS = 5_000;

/** Opens a Docker client on one engine of `DOCKER_HOST`; an unusable value is a failure with exit code 2. */
export function openDocker(
  config: Config,
  host: string = config.dockerHosts[0],
): Result<DockerClient, ConnectFailure> {
  return createDockerClient({
    host,
    tls: config.dockerTls,
    timeoutMs: TIMEOUT_MS,
  })
    .mapErr((error) => ({
      kind: "docker_failed",
      message: describeDockerError(error),
      exitCode: EXIT.usage,
    }));
}

/** An NPM client that tries each request at most twice, for commands that must not hang. */
export function openNpm(config: Config): NpmClient {
  return createNpmClient({
    ...config.npm,
    timeoutMs: TIMEOUT_MS,
    retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 500 },
  });
}

/** Turns a failed NPM request into a failure: a refused login exits 3, the rest 1. */
export function npmFailure(error: NpmError): ConnectFailure {
  if (error.kind === "npm_auth_failed") {
    return {
      kind: "login_refused",
      message: `${describeNpmError(error)}: check NPM_API_EMAIL and NPM_API_PASSWORD`,
      exitCode: EXIT.loginRefused,
    };
  }
  if (error.kind === "npm_two_factor") {
    return { kind: "login_refused", message: describeNpmError(error), exitCode: EXIT.loginRefused };
  }
  return { kind: "npm_failed", message: describeNpmError(error), exitCode: EXIT.unhealthy };
}

/** The message of a Docker request that failed, for the one-shot commands (exit code 1). */
export function dockerFailure(message: string): ConnectFailure {
  return { kind: "docker_failed", message, exitCode: EXIT.unhealthy };
}
