/**
 * `envoynpm run`: the service. Wires the edges (Docker, NPM, status server,
 * notifications, logs) to the controller and runs until SIGINT/SIGTERM.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import type { Config } from "../config/mod.ts";
import {
  type ControllerListener,
  createLogListener,
  runController,
  waitForLogin,
} from "../controller/mod.ts";
import {
  createDockerClient,
  describeDockerError,
  type DockerClient,
  isExposedPlainTcp,
  parseDockerHost,
} from "../docker/mod.ts";
import { createNpmClient, describeNpmError } from "../npm/mod.ts";
import { EXIT } from "./exit_codes.ts";
import { onShutdown } from "./shutdown.ts";

const logger = getLogger(["envoynpm", "main"]);

/** Extra listeners and clean-ups the caller adds (status server, notifications). */
export interface ServiceExtras {
  readonly listeners?: readonly ControllerListener[];
  /** Run once the controller has stopped. */
  readonly cleanups?: readonly (() => Promise<void> | void)[];
}

/** Runs the service until a signal stops it; resolves the exit code. */
export async function runService(config: Config, extras: ServiceExtras = {}): Promise<number> {
  const stop = new AbortController();
  const shutdown = onShutdown(stop);
  const engines: DockerClient[] = [];
  for (const host of config.dockerHosts) {
    const docker = createDockerClient({ host, tls: config.dockerTls });
    if (docker.isErr()) {
      logger.error(describeDockerError(docker.error));
      for (const engine of engines) engine.close();
      for (const cleanup of extras.cleanups ?? []) await cleanup();
      shutdown.dispose();
      return EXIT.usage;
    }
    engines.push(docker.value);
  }
  const npm = createNpmClient({
    ...config.npm,
    timeoutMs: config.npmTimeoutMs,
    signal: stop.signal,
    onRelogin: (cause) =>
      logger.info("NPM refused the token ({cause}); logged in again as {email}", {
        cause,
        email: config.npm.email,
      }),
  });
  const listeners = [createLogListener(), ...(extras.listeners ?? [])];
  const emit: ControllerListener = (event) => {
    for (const listener of listeners) listener(event);
  };
  try {
    logger.info("EnvoyNPM starting: Docker at {docker}, NPM at {npm} as {email}", {
      docker: engines.map((engine) => engine.endpoint).join(", "),
      npm: config.npm.url,
      email: config.npm.email,
    });
    warnOfPlainTcp(config);
    const login = await waitForLogin(npm, { signal: stop.signal, emit });
    if (login.isErr()) {
      const hint = login.error.kind === "npm_auth_failed"
        ? ": check NPM_API_EMAIL and NPM_API_PASSWORD"
        : "";
      logger.error("{reason}{hint}", { reason: describeNpmError(login.error), hint });
      return EXIT.loginRefused;
    }
    if (login.value) {
      logger.info("Logged in to NPM as {email}", { email: config.npm.email });
      // One controller per engine, each with its own instance, events, queue and health: one
      // engine down never stalls the others. NPM is the one shared writer.
      await Promise.all(engines.map((docker, i) =>
        runController({ docker, npm }, {
          signal: stop.signal,
          emit,
          engine: engines.length > 1 ? docker.endpoint : undefined,
          resyncIntervalMs: config.resyncIntervalMs,
          enforce: config.enforce,
          stopAction: config.stopAction,
          stopGraceMs: config.stopGraceMs,
          hostAddress: config.hostAddress,
          npmContainerName: config.npmContainerName,
          instanceId: config.instanceIds?.[i],
          pruneAfterMs: config.pruneAfterMs,
        })
      ));
    }
    const request = shutdown.requested();
    if (request === undefined) logger.info("EnvoyNPM stopped");
    else {
      logger.info("EnvoyNPM stopped on {signal} in {ms} ms", {
        signal: request.signal,
        ms: Math.round(performance.now() - request.at),
      });
    }
    return EXIT.ok;
  } finally {
    for (const cleanup of extras.cleanups ?? []) await cleanup();
    for (const engine of engines) engine.close();
    shutdown.dispose();
  }
}

/** One warning per engine reached over plain TCP beyond loopback and not named trusted. */
function warnOfPlainTcp(config: Config): void {
  for (const host of config.dockerHosts) {
    const endpoint = parseDockerHost(host, { tls: config.dockerTls });
    if (config.dockerPlainTcpTrusted || endpoint.isErr() || !isExposedPlainTcp(endpoint.value)) {
      continue;
    }
    logger.warning(
      "DOCKER_HOST {docker} is plain TCP: anyone on that network can read and drive the engine. " +
        "Use TLS (DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH), or set DOCKER_PLAIN_TCP=trusted " +
        "if it is a socket proxy on a private network you trust",
      { docker: host },
    );
  }
}
