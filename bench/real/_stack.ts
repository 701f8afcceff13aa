/**
 * The bed of `deno task bench real`: a private Docker engine, the NPM double
 * as its own process, a second event stream that stamps Docker's own event
 * delivery, and EnvoyNPM run as a user runs it. Everything is torn down by
 * `close()`, also when a scenario fails.
 *
 * @module
 */
import { createDockerClient } from "../../lib/docker/mod.ts";
import type { Delays } from "../../lib/npm_double/mod.ts";
import { TEST_PREFIX, uniqueName } from "../../tests/support/docker_admin.ts";
import { engineTransport } from "../../tests/support/engine.ts";
import { type EnvoyProcess, freePort, startEnvoy } from "../../tests/support/envoy_process.ts";
import { type PrivateEngine, startPrivateEngine } from "../../tests/support/private_engine.ts";
import { ACCOUNT, type DoubleProcess, startDoubleProcess } from "./_double_process.ts";
import type { StartTaskRuntime } from "./start_task.ts";

/** A container command that exits at once on SIGTERM (busybox `sleep` as PID 1 ignores it). */
export const FAST_STOP = ["sh", "-c", "trap 'exit 0' TERM; sleep 86400 & wait"];

/** The lightest command: `sleep` as PID 1 (a stop takes `t` seconds, then a kill). */
export const SLEEP = ["sleep", "86400"];

/** One Docker event as the second stream saw it, stamped on arrival (ms since the epoch). */
export interface SeenEvent {
  readonly action: string;
  readonly at: number;
}

/** How EnvoyNPM is started. */
export interface EnvoyStart {
  /** `debug` shows each reconcile; users run `info`. */
  readonly logLevel: "debug" | "info";
  /** More environment variables. */
  readonly env?: Readonly<Record<string, string>>;
}

/** The bed. */
export interface RealStack extends AsyncDisposable {
  readonly engine: PrivateEngine;
  readonly npm: DoubleProcess;
  /** Events per container id, from a stream of the bench's own. */
  readonly events: Map<string, SeenEvent[]>;
  /** The EnvoyNPM running now, if any. */
  readonly envoy: EnvoyProcess | undefined;
  /** Stops the running EnvoyNPM, starts another; resolves it and when it was spawned. */
  startEnvoy(start: EnvoyStart): Promise<{ envoy: EnvoyProcess; spawnedAt: number }>;
  /** Stops the running EnvoyNPM (SIGTERM). */
  stopEnvoy(): Promise<void>;
  /** Creates containers asking for `<name>.bench.lan`, `parallel` at a time; resolves their ids. */
  createApps(
    count: number,
    options: { label: string; cmd: readonly string[]; start: boolean; parallel?: number },
  ): Promise<App[]>;
  close(): Promise<void>;
}

/** A container of the bench and the domain it asks for. */
export interface App {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
}

/** Now, in ms since the epoch with sub-millisecond precision (comparable across processes). */
export function now(): number {
  return performance.timeOrigin + performance.now();
}

/** Runs `task` over `items`, at most `parallel` at a time; resolves the results in order. */
export async function inParallel<T, R>(
  items: readonly T[],
  parallel: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/**
 * Starts the engine, the double with `delays`, and the second event stream; EnvoyNPM
 * will run with `runtime` (the `start` task's settings, or none for a bare `deno run`).
 */
export async function startRealStack(
  delays: Delays,
  runtime: StartTaskRuntime = { env: {}, denoFlags: [] },
): Promise<RealStack> {
  const engine = await startPrivateEngine();
  let npm: DoubleProcess | undefined;
  const stopEvents = new AbortController();
  let envoy: EnvoyProcess | undefined;
  const events = new Map<string, SeenEvent[]>();
  const close = async () => {
    await envoy?.stop().catch(() => {});
    stopEvents.abort();
    await npm?.close().catch(() => {});
    await removeAll(engine).catch((error) => console.error(`Cleaning up: ${error}`));
    await engine.close();
  };
  try {
    npm = await startDoubleProcess(delays);
    const docker = createDockerClient({ host: engine.host })._unsafeUnwrap();
    const { promise: connected, resolve } = Promise.withResolvers<void>();
    docker.streamEvents((event) => {
      const seen = events.get(event.id) ?? [];
      seen.push({ action: event.action, at: now() });
      events.set(event.id, seen);
    }, { signal: stopEvents.signal, onConnected: resolve }).then(() => docker.close());
    await connected;
  } catch (error) {
    await close();
    throw error;
  }
  const double = npm;
  const httpPort = freePort();
  // The engine's own bridge is a /24: too small for hundreds of apps. Docker picks this
  // network's subnet from its pools, skipping any the host routes already.
  const network = await engine.admin.createNetwork(uniqueName("net")).catch(async (error) => {
    await close();
    throw error;
  });
  const stack: RealStack = {
    engine,
    npm: double,
    events,
    get envoy() {
      return envoy;
    },
    async startEnvoy(start) {
      await envoy?.stop();
      const spawnedAt = now();
      envoy = startEnvoy({
        npm: { url: double.url, ...ACCOUNT },
        dockerHost: engine.host,
        env: {
          ...runtime.env,
          LOG_LEVEL: start.logLevel,
          HTTP_ADDR: `127.0.0.1:${httpPort}`,
          ...start.env,
        },
        denoFlags: runtime.denoFlags,
      });
      await envoy.waitForLog("the event stream", (l) => l.message.includes("event stream"), {
        timeoutMs: 30_000,
      });
      return { envoy, spawnedAt };
    },
    async stopEnvoy() {
      await envoy?.stop();
      envoy = undefined;
    },
    createApps: (count, options) =>
      inParallel(Array.from({ length: count }), options.parallel ?? 8, async () => {
        const name = uniqueName(options.label);
        const domain = `${name}.bench.lan`;
        const id = await engine.admin.run({
          name,
          cmd: options.cmd,
          start: options.start,
          network: network.name,
          env: { NPM_HOST: domain, NPM_PORT: "80" },
        });
        return { id, name, domain };
      }),
    close,
    [Symbol.asyncDispose]: close,
  };
  return stack;
}

/**
 * Removes every container of the engine, 8 at a time, each tried twice, then its user
 * networks. `engine.close()` removes them all at once, which hundreds of containers on a
 * loaded machine outlast (its 30 s timeout), leaving mounts and bridges behind.
 */
async function removeAll(engine: PrivateEngine): Promise<void> {
  using transport = engineTransport({ host: engine.host, timeoutMs: 120_000 });
  const listed = await transport.text("/containers/json?all=1");
  if (listed.isErr()) throw new Error(`Cannot list containers: ${JSON.stringify(listed.error)}`);
  const ids = (JSON.parse(listed.value) as { Id: string }[]).map((c) => c.Id);
  await inParallel(ids, 8, (id) => engine.admin.remove(id).catch(() => engine.admin.remove(id)));
  await engine.admin.cleanup(TEST_PREFIX);
}
