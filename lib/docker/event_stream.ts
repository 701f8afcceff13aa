/**
 * Reads the body of `GET /events` into {@linkcode ContainerEvent}s until it
 * ends or is aborted; network events that (dis)connect no container are dropped.
 *
 * @module
 */
import { errAsync, okAsync, ResultAsync } from "neverthrow";
import { createJsonStreamReader, type JsonStreamItem } from "./json_stream.ts";
import { eventSchema, parseWire } from "./schemas.ts";
import { toContainerEvent } from "./to_container.ts";
import type { ContainerEvent, DockerError } from "./types.ts";
import { describeThrown } from "../errors/mod.ts";

/** Options of {@linkcode readEvents}. */
export interface ReadEventsOptions {
  /** The `DOCKER_HOST` value, for errors. */
  readonly endpoint: string;
  /** The request's path, for messages about bad events. */
  readonly path: string;
  /** When aborted, the stream's end is expected and the result is `Ok`. */
  readonly signal?: AbortSignal;
  /** Told about each message that is not a valid container or network event (it is skipped). */
  readonly onBadEvent?: (detail: string) => void;
}

/**
 * Calls `onEvent` for each container event in `body`, network (dis)connects
 * included. Resolves `Err(docker_stream_ended)` on EOF or reset (also when
 * `onEvent` throws), `Ok` when `signal` aborted it.
 */
export function readEvents(
  body: ReadableStream<Uint8Array> | null,
  onEvent: (event: ContainerEvent) => void,
  options: ReadEventsOptions,
): ResultAsync<void, DockerError> {
  const { endpoint, path, signal, onBadEvent } = options;
  const ended = (cause: string): DockerError => ({ kind: "docker_stream_ended", endpoint, cause });
  const deliver = (items: JsonStreamItem[]) => {
    for (const item of items) {
      if (item.kind === "bad") {
        onBadEvent?.(`Invalid JSON in the event stream: ${item.detail}`);
        continue;
      }
      parseWire(eventSchema, item.value, { path }).map(toContainerEvent).match(
        (event) => {
          if (event !== undefined) onEvent(event);
        },
        (e) => onBadEvent?.(e.kind === "docker_bad_response" ? e.detail : e.kind),
      );
    }
  };
  const pump = ResultAsync.fromThrowable(async () => {
    if (body === null) return;
    const reader = createJsonStreamReader();
    for await (const chunk of body) deliver(reader.push(chunk));
    deliver(reader.end());
  }, (e) => ended(describeThrown(e, "The stream broke")));
  return pump()
    .andThen(() => signal?.aborted ? okAsync(undefined) : errAsync(ended("The engine closed it")))
    .orElse((e) => signal?.aborted ? okAsync(undefined) : errAsync(e));
}
