/**
 * Scenario 3, burst coalescing: 10 000 events for 100 containers go into a
 * bare {@linkcode WorkQueue}, then through the controller's event path (fake
 * Docker, NPM double, hosts already in sync). The queue must never hold more
 * than one entry per container, and reconciles must follow batches, not events.
 *
 * @module
 */
import { runController } from "../lib/controller/mod.ts";
import { WorkQueue } from "../lib/controller/work_queue.ts";
import {
  containerId,
  fakeDocker,
  managedContainer,
  npmPair,
  sendBurst,
  watchQueueSize,
} from "./_fakes.ts";
import { type Row, rowsOf, waitUntil } from "./_support.ts";

const SCENARIO = "3 burst";
const EVENTS = 10_000;
const IDS = 100;
const BURST = 100;

/** The bare queue: adds with a worker taking every due key after each burst. */
async function bareQueue(): Promise<{ peak: number; batches: number; nsPerAdd: number }> {
  const queue = new WorkQueue();
  const signal = new AbortController().signal;
  let peak = 0;
  let batches = 0;
  let addMs = 0;
  const ids = Array.from({ length: IDS }, (_, i) => containerId(i));
  for (let sent = 0; sent < EVENTS; sent += BURST) {
    const started = performance.now();
    for (let i = sent; i < sent + BURST; i++) queue.add(ids[i % IDS]);
    addMs += performance.now() - started;
    peak = Math.max(peak, queue.size);
    if ((sent / BURST) % 5 === 4) { // the worker is slower than the events: one batch per 5 bursts
      await queue.next(signal);
      batches++;
    }
  }
  return { peak, batches, nsPerAdd: (addMs * 1e6) / EVENTS };
}

/** The controller: events through watchDocker into its queue, counting reconciles. */
async function throughController(): Promise<
  { peak: number; reconciles: number; keys: number; writes: number; settled: boolean }
> {
  await using pair = await npmPair({ writeDelayMs: 0 });
  const containers = Array.from({ length: IDS }, (_, i) => managedContainer(i));
  const docker = fakeDocker(containers);
  const stop = new AbortController();
  let reconciles = 0;
  let keys = 0;
  let lastActivity = performance.now();
  const running = runController({ docker: docker.api, npm: pair.npm }, {
    signal: stop.signal,
    resyncIntervalMs: 0,
    emit: (event) => {
      lastActivity = performance.now();
      if (event.type !== "reconcile") return;
      reconciles++;
      keys += event.containers;
    },
  });
  const quiet = () => performance.now() - lastActivity > 300;
  const created = await waitUntil(() => pair.double.writes() === IDS && quiet(), 20_000);
  const writesBefore = pair.double.writes();
  const reconcilesBefore = reconciles;
  const keysBefore = keys;
  using watch = watchQueueSize();
  for (let sent = 0; sent < EVENTS; sent += BURST) {
    await sendBurst(docker, { from: sent, count: BURST, ids: IDS });
  }
  const settled = await waitUntil(quiet, 20_000);
  stop.abort();
  await running;
  return {
    peak: watch.peak(),
    reconciles: reconciles - reconcilesBefore,
    keys: keys - keysBefore,
    writes: pair.double.writes() - writesBefore,
    settled: created && settled,
  };
}

/** Measures coalescing in the queue and in the controller. */
export async function burstBench(): Promise<Row[]> {
  const bare = await bareQueue();
  const ctl = await throughController();
  const row = rowsOf(SCENARIO);
  return [
    row(`WorkQueue: peak size, ${EVENTS} events over ${IDS} ids`, bare.peak, "keys", {
      against: `≤ ${IDS}`,
      ratio: bare.peak / IDS,
      ok: bare.peak <= IDS,
    }),
    row("WorkQueue: cost of one add", bare.nsPerAdd, "ns", {
      against: "1 ms budget",
      ratio: bare.nsPerAdd / 1e6,
      ok: bare.nsPerAdd < 1e6,
    }),
    row("WorkQueue: events per batch taken", EVENTS / bare.batches, "events"),
    row("controller: peak queue size", ctl.peak, "keys", {
      against: `≤ ${IDS} (+1 resync key)`,
      ratio: ctl.peak / IDS,
      ok: ctl.peak <= IDS + 1,
    }),
    row(`controller: reconciles for ${EVENTS} events`, ctl.reconciles, "reconciles", {
      against: `${EVENTS / BURST} bursts`,
      ratio: ctl.reconciles / (EVENTS / BURST),
      ok: ctl.settled && ctl.reconciles <= EVENTS / BURST,
    }),
    row("controller: events per reconcile", EVENTS / Math.max(1, ctl.reconciles), "events"),
    row("controller: containers per reconcile", ctl.keys / Math.max(1, ctl.reconciles), "keys", {
      against: `≤ ${IDS}`,
    }),
    row("controller: NPM writes during the burst (all in sync)", ctl.writes, "writes", {
      against: "exactly 0",
      ok: ctl.writes === 0,
    }),
  ];
}
