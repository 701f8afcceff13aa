/**
 * Scenario 5, the event-stream reader: 100 000 Docker-like events, split into
 * chunks of random sizes (some inside a UTF-8 character), through
 * `createJsonStreamReader`, and through `readEvents` (reader + zod + conversion).
 *
 * @module
 */
import { readEvents } from "../lib/docker/event_stream.ts";
import { createJsonStreamReader } from "../lib/docker/json_stream.ts";
import { containerId } from "./_fakes.ts";
import { type Row, seededRandom } from "./_support.ts";

const SCENARIO = "5 stream";
const EVENTS = 100_000;
/** A busy engine: a few hundred events per second; aim 100× above that. */
const TARGET_PER_S = 50_000;

/** `GET /events` as the engine sends it: one JSON value per line. */
function eventText(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = containerId(i % 1_000);
    const action = ["start", "die", "stop", "health_status: healthy"][i % 4];
    const name = i % 10 === 0 ? `café-${i % 1_000}` : `app-${i % 1_000}`;
    lines.push(JSON.stringify({
      status: action,
      id,
      from: "bench/app:latest",
      Type: "container",
      Action: action,
      Actor: {
        ID: id,
        Attributes: {
          image: "bench/app:latest",
          name,
          "com.docker.compose.project": "bench",
          "com.docker.compose.service": name,
        },
      },
      scope: "local",
      time: 1_700_000_000 + i,
      timeNano: 1_700_000_000_000_000_000 + i * 1_000,
    }));
  }
  return lines.join("\n") + "\n";
}

/** `bytes` cut at random places; chunk sizes spread log-uniformly over 1 B to 64 KiB. */
function randomChunks(bytes: Uint8Array, seed: number): Uint8Array[] {
  const random = seededRandom(seed);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = Math.max(1, Math.floor(2 ** (random() * 16)));
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

function rate(figure: string, count: number, ms: number, unit: "events/s" | "MB/s"): Row {
  const value = count / (ms / 1000);
  return {
    scenario: SCENARIO,
    figure,
    value,
    unit,
    ...(unit === "events/s"
      ? {
        against: `${TARGET_PER_S.toLocaleString("en-US")} events/s`,
        ratio: value / TARGET_PER_S,
        ok: value >= TARGET_PER_S,
      }
      : {}),
  };
}

/** Measures the reader's throughput. */
export async function jsonStreamBench(): Promise<Row[]> {
  const bytes = new TextEncoder().encode(eventText(EVENTS));
  const chunks = randomChunks(bytes, 7);
  const megabytes = bytes.length / 1_048_576;

  let values = 0;
  const started = performance.now();
  const reader = createJsonStreamReader();
  for (const chunk of chunks) values += reader.push(chunk).filter((i) => i.kind === "value").length;
  values += reader.end().filter((item) => item.kind === "value").length;
  const readerMs = performance.now() - started;
  if (values !== EVENTS) throw new Error(`The reader found ${values} of ${EVENTS} events`);

  let events = 0;
  const body = ReadableStream.from(chunks);
  const t0 = performance.now();
  await readEvents(body, () => events++, { endpoint: "bench", path: "/events" });
  const readMs = performance.now() - t0;
  if (events !== EVENTS) throw new Error(`readEvents delivered ${events} of ${EVENTS} events`);

  return [
    rate(
      `json_stream reader, ${EVENTS} events in ${chunks.length} random chunks`,
      EVENTS,
      readerMs,
      "events/s",
    ),
    rate(`  same, ${megabytes.toFixed(1)} MB`, megabytes, readerMs, "MB/s"),
    rate("readEvents (reader + zod + conversion), same chunks", EVENTS, readMs, "events/s"),
    rate("  same", megabytes, readMs, "MB/s"),
  ];
}
