/**
 * A recording fake of the controller's Docker edge ({@linkcode DockerApi}), in
 * the manner of sample-controller's fake clientsets: containers kept in memory,
 * every inspect and list recorded, and an event stream the test drives. (For a
 * fake engine behind a unix socket, see `fake_engine.ts`.)
 *
 * @module
 */
import { err, errAsync, ok, okAsync, ResultAsync } from "neverthrow";
import type {
  ContainerEvent,
  ContainerSummary,
  DockerApi,
  DockerError,
  DockerInfo,
  DockerVersion,
  StreamEventsOptions,
} from "../../lib/docker/types.ts";
import type { Container } from "../../lib/model/mod.ts";

/** A fake engine: containers in memory, inspect/list recorded, an event stream the test drives. */
export class FakeDocker implements DockerApi {
  /** Every call: `inspect <label or id>`, `list`, `events`. */
  readonly calls: string[] = [];
  readonly #containers = new Map<string, Container>();
  #stream: { onEvent: (event: ContainerEvent) => void; end: (error?: DockerError) => void } | null =
    null;
  #connections = 0;
  #connectionWaiters: (() => void)[] = [];
  /** While set, every inspect fails with it. */
  inspectError: DockerError | undefined;
  /** The engine's id (`GET /info`). */
  engineId = "FAKE:ENGINE";
  /** While set, every inspect waits for it (a test holds a reconcile in flight). */
  inspectGate: Promise<void> | undefined;
  /** Whether a held inspect answers what the container is when the gate opens, not when asked. */
  answersAtGate = false;

  /** Puts (or replaces) a container. */
  put(value: Container): Container {
    this.#containers.set(value.id, value);
    return value;
  }

  /** Marks a container stopped. */
  stop(containerId: string): void {
    const current = this.#containers.get(containerId);
    if (current) this.#containers.set(containerId, { ...current, running: false });
  }

  /** Marks a container running. */
  start(containerId: string): void {
    const current = this.#containers.get(containerId);
    if (current) this.#containers.set(containerId, { ...current, running: true });
  }

  /** Removes a container (inspect then answers `null`). */
  remove(containerId: string): void {
    this.#containers.delete(containerId);
  }

  /** How many times the event stream connected. */
  get connections(): number {
    return this.#connections;
  }

  /** Resolves once the stream has connected `count` times in all. */
  connected(count = 1): Promise<void> {
    if (this.#connections >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.#connections >= count) resolve();
        else this.#connectionWaiters.push(check);
      };
      this.#connectionWaiters.push(check);
    });
  }

  /** Sends an event to the open stream (throws when none is open). */
  emit(containerId: string, action: string): void {
    if (this.#stream === null) throw new Error("No event stream is open");
    const timeNano = Date.now() * 1e6;
    // As Docker does, a network event names the network, not the container.
    if (action.startsWith("network_")) {
      return this.#stream.onEvent({ id: containerId, action, timeNano });
    }
    const { name, image } = this.#containers.get(containerId) ?? {};
    this.#stream.onEvent({ id: containerId, action, name, image, timeNano });
  }

  /** Ends the open stream as an engine restart does (EOF). */
  endStream(): void {
    this.#stream?.end({
      kind: "docker_stream_ended",
      endpoint: "fake",
      cause: "EOF",
    });
  }

  version(): ResultAsync<DockerVersion, DockerError> {
    return okAsync({ version: "fake", apiVersion: "1.41" });
  }

  ping(): ResultAsync<void, DockerError> {
    return okAsync(undefined);
  }

  info(): ResultAsync<DockerInfo, DockerError> {
    return okAsync({ id: this.engineId, name: "fake" });
  }

  listContainers(): ResultAsync<ContainerSummary[], DockerError> {
    this.calls.push("list");
    return okAsync(
      [...this.#containers.values()].filter((c) => c.running).map((c) => ({
        id: c.id,
        name: c.name,
        image: c.image,
        running: c.running,
      })),
    );
  }

  inspectContainer(containerId: string): ResultAsync<Container | null, DockerError> {
    this.calls.push(`inspect ${this.#containers.get(containerId)?.name ?? containerId}`);
    if (this.inspectError) return errAsync(this.inspectError);
    const read = () => structuredClone(this.#containers.get(containerId) ?? null);
    const found = read();
    if (this.inspectGate) {
      return ResultAsync.fromSafePromise(
        this.inspectGate.then(() => this.answersAtGate ? read() : found),
      );
    }
    return okAsync(found);
  }

  streamEvents(
    onEvent: (event: ContainerEvent) => void,
    options: StreamEventsOptions = {},
  ): ResultAsync<void, DockerError> {
    this.calls.push("events");
    const { promise, resolve } = Promise.withResolvers<DockerError | undefined>();
    const end = (error?: DockerError) => {
      if (this.#stream?.end === end) this.#stream = null;
      resolve(error);
    };
    if (options.signal?.aborted) return okAsync(undefined);
    options.signal?.addEventListener("abort", () => end(), { once: true });
    this.#stream = { onEvent, end };
    this.#connections += 1;
    queueMicrotask(() => {
      options.onConnected?.();
      const waiters = this.#connectionWaiters.splice(0);
      for (const waiter of waiters) waiter();
    });
    return new ResultAsync(promise.then((error) => error ? err(error) : ok(undefined)));
  }
}
