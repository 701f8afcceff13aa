/**
 * Fakes for the benchmarks: managed containers, an instant in-memory Docker
 * engine whose events the bench sends by hand, an NPM double with a logged-in
 * client, and a watch on every {@linkcode WorkQueue}'s size.
 *
 * @module
 */
import { okAsync, ResultAsync } from "neverthrow";
import { WorkQueue } from "../lib/controller/work_queue.ts";
import type { ContainerEvent, DockerApi } from "../lib/docker/types.ts";
import type { Container } from "../lib/model/mod.ts";
import { createNpmClient } from "../lib/npm/mod.ts";
import type { NpmApi } from "../lib/npm/types.ts";
import { type NpmDouble, startNpmDouble } from "../lib/npm_double/mod.ts";

/** The 64-hex-digit id of the `i`-th bench container. */
export function containerId(i: number): string {
  return i.toString(16).padStart(8, "0").repeat(8);
}

/** The `i`-th bench container: running, asking for `app<i>.lan` on port 8080. */
export function managedContainer(i: number): Container {
  return {
    id: containerId(i),
    name: `app-${i}`,
    image: "bench/app:latest",
    running: true,
    env: { NPM_HOST: `app${i}.lan`, NPM_PORT: "8080", PATH: "/usr/bin:/bin" },
    labels: { "com.docker.compose.project": "bench" },
    networkMode: "bench_default",
    networks: [{
      name: "bench_default",
      ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      gateway: "10.0.0.1",
    }],
  };
}

/** A fake engine: inspect and list answer at once from memory; events are sent by the bench. */
export interface FakeDocker {
  readonly api: DockerApi;
  /** Delivers one event to the open stream (dropped when none is open). */
  send(event: ContainerEvent): void;
  /** How many inspects were asked. */
  inspects(): number;
}

/**
 * Sends `count` events for the bench containers `0..ids-1` in turn (alternating
 * `start` and `die`), numbered from `from`, then lets timers and I/O run once.
 */
export async function sendBurst(
  docker: FakeDocker,
  options: { from: number; count: number; ids: number },
): Promise<void> {
  const { from, count, ids } = options;
  for (let i = from; i < from + count; i++) {
    const id = containerId(i % ids);
    docker.send({ id, action: i % 2 ? "start" : "die", name: `app-${i % ids}`, timeNano: i });
  }
  await new Promise((resolve) => setTimeout(resolve, 1));
}

/** Makes a {@linkcode FakeDocker} over these containers. */
export function fakeDocker(containers: readonly Container[]): FakeDocker {
  const byId = new Map(containers.map((container) => [container.id, container]));
  let listener: ((event: ContainerEvent) => void) | undefined;
  let inspects = 0;
  const api: DockerApi = {
    version: () => okAsync({ version: "bench", apiVersion: "1.41" }),
    ping: () => okAsync(undefined),
    info: () => okAsync({ id: "BENCH:ENGINE", name: "bench" }),
    listContainers: () =>
      okAsync(
        containers.filter((c) => c.running).map((c) => ({
          id: c.id,
          name: c.name,
          image: c.image,
          running: c.running,
        })),
      ),
    inspectContainer: (id) => {
      inspects++;
      return okAsync(byId.get(id) ?? null);
    },
    streamEvents: (onEvent, options) => {
      listener = onEvent;
      options?.onConnected?.();
      const ended = new Promise<void>((resolve) => {
        if (options?.signal?.aborted) resolve();
        options?.signal?.addEventListener("abort", () => resolve(), { once: true });
      }).then(() => {
        listener = undefined;
      });
      return ResultAsync.fromSafePromise(ended);
    },
  };
  return { api, send: (event) => listener?.(event), inspects: () => inspects };
}

/** An NPM double and a client logged in to it. Dispose of it to stop the double. */
export interface NpmPair extends AsyncDisposable {
  readonly double: NpmDouble;
  readonly npm: NpmApi;
}

/** Starts a double with this write cost and logs a client in; quick retries for outages. */
export async function npmPair(options: { writeDelayMs: number }): Promise<NpmPair> {
  const double = await startNpmDouble({ writeDelayMs: options.writeDelayMs });
  const npm = createNpmClient({
    url: double.url,
    email: double.email,
    password: double.password,
    retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 100 },
  });
  const login = await npm.login();
  if (login.isErr()) throw new Error(`Cannot log in to the NPM double: ${login.error.kind}`);
  return { double, npm, [Symbol.asyncDispose]: () => double.close() };
}

/** The largest `size` any {@linkcode WorkQueue} reached since {@linkcode watchQueueSize}. */
export interface QueueWatch extends Disposable {
  peak(): number;
}

/**
 * Wraps `WorkQueue.prototype.add` and `addRateLimited` to record the largest
 * size reached, so the controller's own queue can be watched without
 * changing it. Dispose of the watch to restore the methods.
 */
export function watchQueueSize(): QueueWatch {
  const proto = WorkQueue.prototype;
  const { add, addRateLimited } = proto;
  let peak = 0;
  proto.add = function (this: WorkQueue, key: string): void {
    add.call(this, key);
    peak = Math.max(peak, this.size);
  };
  proto.addRateLimited = function (this: WorkQueue, key: string): number {
    const delayMs = addRateLimited.call(this, key);
    peak = Math.max(peak, this.size);
    return delayMs;
  };
  return {
    peak: () => peak,
    [Symbol.dispose]() {
      proto.add = add;
      proto.addRateLimited = addRateLimited;
    },
  };
}
