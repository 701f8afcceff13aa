/**
 * Scenario 5, memory and CPU of the EnvoyNPM process as a user runs it (INFO
 * logs, status server on): RSS idle against the floor process (the runtime
 * dependencies only, idle) read at the same moment, CPU seconds per idle
 * minute, and RSS again after many container events and after churn.
 *
 * @module
 */
import { engineTransport } from "../../tests/support/engine.ts";
import { delay } from "../_support.ts";
import { cpuSeconds, rssMb } from "./_measure.ts";
import { inParallel, type RealStack } from "./_stack.ts";

/** One idle reading. */
export interface IdleReading {
  /** EnvoyNPM's RSS, MB (median of samples over the window). */
  readonly rssMb: number;
  /** The floor process's RSS at the same moments, MB. */
  readonly floorMb: number;
  /** CPU seconds used per minute of the window. */
  readonly cpuPerMinute: number;
  readonly windowMs: number;
}

/** Samples RSS of both processes once a second for `ms`, and EnvoyNPM's CPU over the window. */
export async function readIdle(
  envoyPid: number,
  floorPid: number,
  ms: number,
): Promise<IdleReading> {
  const cpu0 = cpuSeconds(envoyPid);
  const began = performance.now();
  const rss: number[] = [];
  const floor: number[] = [];
  do {
    rss.push(rssMb(envoyPid));
    floor.push(rssMb(floorPid));
    await delay(Math.min(1_000, Math.max(0, ms - (performance.now() - began))));
  } while (performance.now() - began < ms);
  const windowMs = performance.now() - began;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
  return {
    rssMb: median(rss),
    floorMb: median(floor),
    cpuPerMinute: ((cpuSeconds(envoyPid) - cpu0) / windowMs) * 60_000,
    windowMs,
  };
}

/**
 * Sends `count` container events EnvoyNPM acts on (`rename`, each one event) through
 * `containers` unmanaged containers, 8 at a time; resolves how long it took in ms.
 */
export async function sendEvents(
  stack: RealStack,
  options: { count: number; containers: number },
): Promise<number> {
  const ids = await Promise.all(
    Array.from(
      { length: options.containers },
      (_, i) => stack.engine.admin.run({ name: `envoynpm-t-ev-${i}-0`, cmd: ["sleep", "86400"] }),
    ),
  );
  using transport = engineTransport({ host: stack.engine.host, timeoutMs: 30_000 });
  const began = performance.now();
  const rounds = Math.ceil(options.count / ids.length);
  for (let round = 1; round <= rounds; round++) {
    const batch = ids.slice(0, Math.min(ids.length, options.count - (round - 1) * ids.length));
    await inParallel(batch, 8, async (id, i) => {
      const renamed = await transport.text(
        `/containers/${id}/rename?name=envoynpm-t-ev-${i}-${round}`,
        { method: "POST" },
      );
      if (renamed.isErr()) throw new Error(`Cannot rename ${id}: ${JSON.stringify(renamed.error)}`);
    });
  }
  return performance.now() - began;
}
