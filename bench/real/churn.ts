/**
 * Scenario 4, churn: a `docker restart` of one app costs at most one write;
 * a stop and a start `gapSeconds` later cost exactly what the README's table
 * says (disable, the DISABLED note, then one PUT that enables and updates);
 * and random churn over many apps, as NPM writes per container event.
 *
 * @module
 */
import { delay, type Row, rowsOf, seededRandom } from "../_support.ts";
import { SETTLE_MS } from "./latency.ts";
import { type App, inParallel, now, type RealStack } from "./_stack.ts";

/** The writes the README's table names for a stop, then a start of the same container. */
export const STOP_START_WRITES = ["disable", "update", "update"];

/** Events the churn counts: those EnvoyNPM acts on. */
const COUNTED = new Set(["start", "restart", "die", "stop"]);

/** Runs the restart and the stop…start on `app`; `duringGap` runs while it is stopped. */
export async function churnBench(
  stack: RealStack,
  options: { app: App; gapSeconds: number; duringGap: (ms: number) => Promise<void> },
): Promise<{ rows: Row[]; json: Record<string, unknown> }> {
  const { npm, engine } = stack;
  const { rows: hosts } = await (await npm.client()).list();
  const hostId = hosts.find((h) => h.domain_names.includes(options.app.domain))!.id;
  const ours = (w: { id: number | null }) => w.id === hostId;

  let from = npm.writes.length;
  await engine.admin.restart(options.app.id);
  await delay(SETTLE_MS + 3_000);
  const restartWrites = npm.writes.slice(from).map((w) => w.op);

  from = npm.writes.length;
  await engine.admin.stop(options.app.id);
  const stoppedAt = now();
  await npm.waitForWrite((w) => ours(w) && w.op === "update", { from, timeoutMs: 15_000 });
  await options.duringGap(Math.max(0, options.gapSeconds * 1000 - (now() - stoppedAt)));
  const waited = now() - stoppedAt;
  const afterStop = npm.writes.length;
  await engine.admin.start(options.app.id);
  await npm.waitForWrite(ours, { from: afterStop, timeoutMs: 15_000 }).catch(() => undefined);
  await delay(3_000);
  const stopStart = npm.writes.slice(from).map((w) => w.op);
  const row = rowsOf("r4 churn");
  const expected = STOP_START_WRITES.join(", ");
  return {
    rows: [
      row(
        `docker restart of one app: writes (${restartWrites.join(", ") || "none"})`,
        restartWrites.length,
        "count",
        {
          against: "≤ 1",
          ok: restartWrites.length <= 1,
        },
      ),
      row(
        `stop, start ${(waited / 1000).toFixed(0)} s later: writes (${stopStart.join(", ")})`,
        stopStart.length,
        "count",
        {
          against: `README: ${expected}`,
          ok: stopStart.join(", ") === expected,
        },
      ),
    ],
    json: { restartWrites, stopStart, gapMs: waited },
  };
}

/**
 * Random churn for `seconds` over `apps`, 4 at a time: a `docker restart`, or a
 * stop and a start 0.5–4 s later. Resolves the counted events and the writes.
 */
export async function churnLoop(
  stack: RealStack,
  options: { apps: readonly App[]; seconds: number },
): Promise<{ events: number; writes: number; operations: number }> {
  const random = seededRandom(14);
  const from = stack.npm.writes.length;
  const began = now();
  const until = began + options.seconds * 1000;
  let operations = 0;
  const touched = new Set<string>();
  const busy = new Set<string>();
  await inParallel([0, 1, 2, 3], 4, async () => {
    while (now() < until) {
      const app = options.apps[Math.floor(random() * options.apps.length)];
      if (busy.has(app.id)) continue;
      busy.add(app.id);
      touched.add(app.id);
      operations++;
      if (random() < 0.5) await stack.engine.admin.restart(app.id);
      else {
        await stack.engine.admin.stop(app.id);
        await delay(500 + random() * 3_500);
        await stack.engine.admin.start(app.id);
      }
      busy.delete(app.id);
    }
  });
  await delay(SETTLE_MS + 5_000);
  let events = 0;
  for (const id of touched) {
    events += (stack.events.get(id) ?? []).filter((e) => e.at >= began && COUNTED.has(e.action))
      .length;
  }
  return { events, writes: stack.npm.writes.length - from, operations };
}
