/**
 * What the double tells of a write once its cost is paid: the operation, the
 * row, and when the request arrived and its answer was ready.
 *
 * @module
 */
import type { Reply, WriteOp, WriteReport } from "./types.ts";

/** The report of a successful write answered with `reply`. */
export function writeReport(
  write: { op: WriteOp | "write"; url: URL; reply: Reply; receivedAt: number },
): WriteReport {
  const body = write.reply.body as { id?: unknown; domain_names?: unknown } | null;
  const fromPath = /\/(\d+)(?:\/(?:enable|disable))?$/.exec(write.url.pathname);
  const id = typeof body?.id === "number" ? body.id : fromPath ? Number(fromPath[1]) : null;
  return {
    op: write.op,
    path: write.url.pathname,
    id,
    domains: Array.isArray(body?.domain_names) ? body.domain_names.map(String) : [],
    receivedAt: write.receivedAt,
    doneAt: performance.timeOrigin + performance.now(),
  };
}
