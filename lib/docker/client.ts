/**
 * The Docker engine client EnvoyNPM uses: {@linkcode DockerApi} over the
 * engine's HTTP API, in the API version negotiated with it (1.41 or later).
 *
 * @module
 */
import { err, errAsync, ok, okAsync, Result } from "neverthrow";
import {
  DEFAULT_DOCKER_HOST,
  type DockerHostError,
  type DockerTls,
  parseDockerHost,
} from "./docker_host.ts";
import { readEvents } from "./event_stream.ts";
import {
  containerInspectSchema,
  containerListSchema,
  infoSchema,
  parseWireText,
} from "./schemas.ts";
import { toContainer, toContainerSummary } from "./to_container.ts";
import { describeThrown } from "../errors/mod.ts";
import { createTransport } from "./transport.ts";
import type { DockerApi } from "./types.ts";

/** Options of {@linkcode createDockerClient}. */
export interface DockerClientOptions {
  /** A `DOCKER_HOST` value. @default "unix:///var/run/docker.sock" */
  readonly host?: string;
  /** TLS material for a `tcp://` host (`DOCKER_TLS_VERIFY`); plain TCP without it. */
  readonly tls?: DockerTls;
  /** Per request; for the event stream, only until its headers arrive. @default 5000 */
  readonly timeoutMs?: number;
  /** Told about each event-stream message that is skipped because it is not a valid event. */
  readonly onBadEvent?: (detail: string) => void;
}

/** A {@linkcode DockerApi} that holds a socket client; close it when done. */
export interface DockerClient extends DockerApi, Disposable {
  /** The `DOCKER_HOST` value it talks to. */
  readonly endpoint: string;
  /** Releases the socket client. */
  close(): void;
}

const EVENTS_PATH = `/events?filters=${
  encodeURIComponent(JSON.stringify({ type: ["container", "network"] }))
}`;

/** Creates a client for the engine at `options.host`; an unusable `host` is an error. */
export function createDockerClient(
  options: DockerClientOptions = {},
): Result<DockerClient, DockerHostError> {
  const endpoint = parseDockerHost(options.host ?? DEFAULT_DOCKER_HOST, { tls: options.tls });
  if (endpoint.isErr()) return err(endpoint.error);
  // Deno refuses a unix socket it has no read/write permission for, synchronously.
  const made = Result.fromThrowable(
    () => createTransport(endpoint.value, options),
    (e): DockerHostError => ({
      kind: "docker_host_invalid",
      value: options.host ?? DEFAULT_DOCKER_HOST,
      reason: describeThrown(e, "Unknown error"),
    }),
  )();
  if (made.isErr()) return err(made.error);
  const transport = made.value;
  const close = () => transport.close();

  return ok({
    endpoint: endpoint.value.display,
    close,
    [Symbol.dispose]: close,
    version: () => transport.negotiate(),
    ping: () => transport.text("/_ping", { versioned: false }).map(() => undefined),
    info: () =>
      transport.text("/info")
        .andThen((text) => parseWireText(infoSchema, text, { path: "/info" }))
        .map((info) => ({ id: info.ID, name: info.Name })),
    listContainers: ({ all = false } = {}) => {
      const path = `/containers/json${all ? "?all=1" : ""}`;
      return transport.text(path)
        .andThen((text) => parseWireText(containerListSchema, text, { path }))
        .map((items) => items.map(toContainerSummary));
    },
    inspectContainer: (id) => {
      if (id === "") return okAsync(null);
      const path = `/containers/${encodeURIComponent(id)}/json`;
      return transport.text(path)
        .andThen((text) => parseWireText(containerInspectSchema, text, { path }))
        .map(toContainer)
        .orElse((e) => e.kind === "docker_api_error" && e.status === 404 ? ok(null) : err(e));
    },
    streamEvents: (onEvent, { onConnected, signal } = {}) =>
      transport.open(EVENTS_PATH, { signal })
        .andThen((response) => {
          onConnected?.();
          return readEvents(response.body, onEvent, {
            endpoint: endpoint.value.display,
            path: EVENTS_PATH,
            signal,
            onBadEvent: options.onBadEvent,
          });
        })
        .orElse((e) => signal?.aborted ? okAsync(undefined) : errAsync(e)),
  });
}
