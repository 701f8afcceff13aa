/**
 * Scenario 1, reaction latency: `docker start` returning → the create that
 * serves the app done in NPM, and `docker stop` returning → the disable done,
 * one container at a time, each step once EnvoyNPM is done with the last.
 * The floor of each sample is Docker's own delivery of that event to a second
 * stream plus one direct write; a stop's floor adds EnvoyNPM's settle time.
 *
 * @module
 */
import { delay, type Row, rowsOf } from "../_support.ts";
import { percentile } from "./_measure.ts";
import { FAST_STOP, type RealStack, type SeenEvent } from "./_stack.ts";
import type { WriteFloor } from "./write_floor.ts";

/** How long EnvoyNPM waits after a stop for a start (README: "after 1.5 s"), in ms. */
export const SETTLE_MS = 1_500;

/** The pause between a create and the stop that follows it. */
const QUIET_MS = 300;

/** Samples of one direction, in ms. */
interface Samples {
  latency: number[];
  floor: number[];
  /** From the engine's event to the request reaching the double: EnvoyNPM's own share. */
  envoyShare: number[];
}

/** Times `starts` starts and as many stops; resolves rows and the raw samples. */
export async function latencyBench(
  stack: RealStack,
  options: { starts: number; floor: WriteFloor },
): Promise<{ rows: Row[]; samples: Record<"start" | "stop", Samples> }> {
  const { npm, engine } = stack;
  const apps = await stack.createApps(options.starts, {
    label: "lat",
    cmd: FAST_STOP,
    start: false,
  });
  const start: Samples = { latency: [], floor: [], envoyShare: [] };
  const stop: Samples = { latency: [], floor: [], envoyShare: [] };
  const eventOf = (id: string, actions: string[]): SeenEvent | undefined =>
    stack.events.get(id)?.findLast((e) => actions.includes(e.action));
  for (const app of apps) {
    let from = npm.writes.length;
    await engine.admin.start(app.id);
    const started = performance.timeOrigin + performance.now();
    const created = await npm.waitForWrite(
      (w) => w.op === "create" && w.domains.includes(app.domain),
      { from },
    );
    const startEvent = eventOf(app.id, ["start"])!;
    start.latency.push(created.doneAt - started);
    start.floor.push(Math.max(0, startEvent.at - started) + options.floor.create.median);
    start.envoyShare.push(created.receivedAt - startEvent.at);
    // A stop within ~100 ms of the create meets the reconcile the start event queued behind
    // it, which disables at once, without the settle (see bench/README.md): not what is timed.
    await delay(QUIET_MS);
    from = npm.writes.length;
    await engine.admin.stop(app.id);
    const stopped = performance.timeOrigin + performance.now();
    const ours = (op: string) => (w: { op: string; id: number | null }) =>
      w.op === op && w.id === created.id;
    const disabled = await npm.waitForWrite(ours("disable"), { from });
    // EnvoyNPM settles from the last of these (lib/controller: STOP_ACTIONS).
    const stopEvent = eventOf(app.id, ["die", "stop", "network_disconnect"])!;
    stop.latency.push(disabled.doneAt - stopped);
    stop.floor.push(
      Math.max(0, stopEvent.at - stopped) + SETTLE_MS + options.floor.disable.median,
    );
    stop.envoyShare.push(disabled.receivedAt - stopEvent.at - SETTLE_MS);
    // The DISABLED note follows; the next start waits for it, so no two samples overlap.
    await npm.waitForWrite(ours("update"), { from });
  }
  return { rows: [...rowsFor("start", start), ...rowsFor("stop", stop)], samples: { start, stop } };
}

function rowsFor(what: "start" | "stop", samples: Samples): Row[] {
  const row = rowsOf("r1 latency");
  const settle = what === "stop" ? ` (incl. ${SETTLE_MS} ms settle)` : "";
  const action = what === "start" ? "create done" : "disable done";
  return [[50, 5], [99, 25]].flatMap(([p, slack]) => {
    const value = percentile(samples.latency, p);
    const floor = percentile(samples.floor, p);
    return [
      row(`docker ${what} → ${action}, p${p} (n=${samples.latency.length})`, value, "ms", {
        against: `floor ${floor.toFixed(0)} ms${settle} + ${slack} ms`,
        ratio: value / floor,
        ok: value <= floor + slack,
      }),
      row(
        `  EnvoyNPM's share: event → request at NPM, p${p}`,
        percentile(samples.envoyShare, p),
        "ms",
      ),
    ];
  });
}
