/**
 * The double's streams (NPM's TCP/UDP forwards): seeded by tests and listed,
 * never written through the API.
 *
 * @module
 */
import { errorReply, npmTime, type Reply, type StreamRow } from "./types.ts";

const EXPANDABLE = new Set(["owner", "certificate"]);

/** A hand-made stream's fields: the three NPM requires, and any others to override. */
export type StreamSeed = Partial<StreamRow> & {
  incoming_port: number;
  forwarding_host: string;
  forwarding_port: number;
};

/** NPM's streams, in memory. */
export class Streams {
  #rows = new Map<number, StreamRow>();
  #nextId = 1;
  readonly #owner: () => Record<string, unknown>;

  /** Streams whose `owner` expansion is `owner()`. */
  constructor(owner: () => Record<string, unknown>) {
    this.#owner = owner;
  }

  /** `GET /api/nginx/streams[?expand=owner,certificate]`. */
  list(expand: string[] | null): Reply {
    if (expand?.some((e) => !EXPANDABLE.has(e))) return errorReply(500, "Internal Error");
    const body = [...this.#rows.values()].map((row) => {
      const answer: Record<string, unknown> = { ...structuredClone(row) };
      if (expand?.includes("owner")) answer.owner = this.#owner();
      if (expand?.includes("certificate")) answer.certificate = null;
      return answer;
    });
    return { status: 200, body };
  }

  /** Puts a hand-made stream in place, as if made before the test (no audit entry). */
  seed(partial: StreamSeed): StreamRow {
    const now = npmTime(new Date());
    const row: StreamRow = {
      id: this.#nextId,
      created_on: now,
      modified_on: now,
      owner_user_id: 1,
      tcp_forwarding: true,
      udp_forwarding: false,
      certificate_id: 0,
      meta: { nginx_online: true, nginx_err: null },
      enabled: true,
      ...structuredClone(partial),
    };
    for (const port of [row.incoming_port, row.forwarding_port]) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        throw new TypeError(`Cannot seed a stream: port ${port} is not in 1..65535`);
      }
    }
    this.#nextId = Math.max(this.#nextId, row.id + 1);
    this.#rows.set(row.id, row);
    return structuredClone(row);
  }
}
