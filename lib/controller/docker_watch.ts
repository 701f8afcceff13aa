/**
 * Keeps a connection to Docker's event stream: every container event queues
 * its container, every (re)connection asks for a full resync (nothing is
 * replayed across an engine restart), and a silent, dead stream is noticed
 * by pinging the engine.
 *
 * @module
 */
import { describeDockerError } from "../docker/describe_error.ts";
import type { ContainerEvent, DockerApi } from "../docker/types.ts";
import type { ControllerListener } from "./reports.ts";
import { type OutageChange, OutageWatch } from "./outage.ts";
import { type Clock, SYSTEM_CLOCK } from "./clock.ts";
import { backoffDelay } from "../timing/mod.ts";

/** Container actions after which a container's host may need to change. */
const RELEVANT_ACTIONS = new Set([
  "start",
  "restart",
  "unpause",
  "die",
  "stop",
  "destroy",
  "rename",
  "network_connect",
  "network_disconnect",
]);

/** Whether an action is a healthcheck's verdict (`health_status: healthy`, `…: unhealthy`). */
export function isHealthEvent(action: string): boolean {
  return action.startsWith("health_status");
}

/** Options of {@linkcode watchDocker}. */
export interface WatchDockerOptions {
  readonly signal: AbortSignal;
  readonly emit: ControllerListener;
  /** Called with each relevant container event. */
  readonly onEvent: (event: ContainerEvent) => void;
  /** Called on every (re)connection: the time to resync from the truth. */
  readonly onConnected: () => void;
  /** Longest wait between two connection attempts. @default 2_000 */
  readonly reconnectMaxMs?: number;
  /** How often a connected stream is checked with a ping. @default 5_000 */
  readonly pingIntervalMs?: number;
  /** The engine's endpoint, on the reports of its connection, when there are several. */
  readonly engine?: string;
  /** A known container's name, for events that do not carry one (network events). */
  readonly nameOf?: (containerId: string) => string | undefined;
  /** The clock and sleep of the reconnect and ping timers. @default the system's */
  readonly clock?: Clock;
  /** Tells when Docker has not answered for a while. @default a 5 s {@linkcode OutageWatch} */
  readonly outage?: OutageWatch;
}

/** Watches Docker's events until `signal` aborts, reconnecting with capped backoff. */
export async function watchDocker(docker: DockerApi, options: WatchDockerOptions): Promise<void> {
  const maxDelay = options.reconnectMaxMs ?? 2_000;
  const outage = options.outage ?? new OutageWatch();
  const tell = (change: OutageChange | undefined) => {
    if (change) {
      options.emit({ type: "outage", service: "docker", ...change, ...engineOf(options) });
    }
  };
  let failures = 0;
  let lastReported = "";
  while (!options.signal.aborted) {
    const connection = new AbortController();
    const abort = () => connection.abort();
    options.signal.addEventListener("abort", abort, { once: true });
    let connected = false;
    const clock = options.clock ?? SYSTEM_CLOCK;
    const watchdog = new AbortController();
    const result = await docker.streamEvents((bare) => {
      const name = bare.name ?? options.nameOf?.(bare.id);
      const event = name === undefined ? bare : { ...bare, name };
      options.emit({ type: "docker_event", event });
      if (RELEVANT_ACTIONS.has(event.action) || isHealthEvent(event.action)) options.onEvent(event);
    }, {
      signal: connection.signal,
      onConnected: () => {
        connected = true;
        failures = 0;
        lastReported = "";
        options.emit({ type: "docker_connection", connected: true, ...engineOf(options) });
        tell(outage.answered());
        watchPings(docker, {
          connection,
          stop: watchdog.signal,
          clock,
          intervalMs: options.pingIntervalMs ?? 5_000,
        });
        options.onConnected();
      },
    });
    watchdog.abort();
    options.signal.removeEventListener("abort", abort);
    if (connected) {
      options.emit({ type: "docker_connection", connected: false, ...engineOf(options) });
    }
    if (options.signal.aborted) break;
    if (result.isErr()) {
      const message = describeDockerError(result.error);
      tell(outage.failed(message));
      if (message !== lastReported && !connected) {
        options.emit({
          type: "problem",
          problem: { severity: "error", code: result.error.kind, message },
        });
      }
      lastReported = connected ? "" : message;
    }
    failures += 1;
    await clock.sleep(backoffDelay(failures - 1, { baseMs: 250, maxMs: maxDelay }), options.signal);
  }
}

/** Pings the engine while a stream is open; a failed ping ends the stream so it reconnects. */
async function watchPings(
  docker: DockerApi,
  options: { connection: AbortController; stop: AbortSignal; clock: Clock; intervalMs: number },
): Promise<void> {
  for (;;) {
    await options.clock.sleep(options.intervalMs, options.stop);
    if (options.stop.aborted) return;
    const pong = await docker.ping();
    if (pong.isErr()) options.connection.abort();
  }
}

/** `{ engine }` when the watch has one, for its reports. */
function engineOf(options: WatchDockerOptions): { engine?: string } {
  return options.engine === undefined ? {} : { engine: options.engine };
}
