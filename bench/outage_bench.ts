/**
 * Scenario 4, memory under an outage: NPM is down while a fake Docker sends
 * 2 × 100 000 events over 1 000 containers. The heap must not grow with the
 * events and the queue must stay at one entry per container; once NPM is
 * back, every host must be created exactly once, soon.
 *
 * @module
 */
import { runController } from "../lib/controller/mod.ts";
import { fakeDocker, managedContainer, npmPair, sendBurst, watchQueueSize } from "./_fakes.ts";
import { delay, heapAfterGcMb, type Row, rowsOf, waitUntil } from "./_support.ts";

const SCENARIO = "4 outage";
const IDS = 1_000;
const EVENTS = 100_000;
const BURST = 1_000;
const RETRY_MAX_MS = 1_000;
const CREATE_MS = 580;
/** Allowed for EnvoyNPM's own work per create once NPM answers (scenario 2 measures ~1 ms). */
const OWN_MS_PER_CREATE = 3;

/** Measures heap growth and queue size during the outage, then time to converge. */
export async function outageBench(): Promise<Row[]> {
  await using pair = await npmPair({ writeDelayMs: 0 });
  const containers = Array.from({ length: IDS }, (_, i) => managedContainer(i));
  const docker = fakeDocker(containers);
  pair.double.faults.down(true);
  const stop = new AbortController();
  let failedAttempts = 0;
  const running = runController({ docker: docker.api, npm: pair.npm }, {
    signal: stop.signal,
    resyncIntervalMs: 0,
    retry: { baseDelayMs: 100, maxDelayMs: RETRY_MAX_MS },
    emit: (event) => {
      if (event.type === "npm_answer" && !event.ok) failedAttempts++;
    },
  });
  using watch = watchQueueSize();
  await delay(500);
  const before = heapAfterGcMb();
  const heaps: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (let sent = round * EVENTS; sent < (round + 1) * EVENTS; sent += BURST) {
      await sendBurst(docker, { from: sent, count: BURST, ids: IDS });
    }
    heaps.push(heapAfterGcMb());
  }
  const writesDuringOutage = pair.double.writes();
  const attempts = failedAttempts;
  pair.double.faults.down(false);
  const started = performance.now();
  await waitUntil(() => pair.double.writes() > 0, 60_000);
  const firstWriteMs = performance.now() - started;
  // Reading the double copies its rows, so look rarely (the figure is ±25 ms).
  await waitUntil(() => pair.double.writes() >= IDS, 60_000, { intervalMs: 50 });
  const convergeMs = performance.now() - started;
  const converged = pair.double.proxyHosts().filter((host) => host.enabled).length === IDS;
  await delay(300); // nothing more should be written once converged
  const writes = pair.double.writes();
  stop.abort();
  await running;
  const grow1 = heaps[0] - before;
  const grow2 = heaps[1] - heaps[0];
  const row = rowsOf(SCENARIO);
  return [
    row(`heap growth, first ${EVENTS} events over ${IDS} ids, NPM down`, grow1, "MB", {
      against: "4 MB",
      ratio: grow1 / 4,
      ok: grow1 < 4,
    }),
    row(`heap growth, next ${EVENTS} events`, grow2, "MB", {
      against: "1 MB (flat)",
      ratio: grow2 / 1,
      ok: grow2 < 1,
    }),
    row("heap used after GC, before the events", before, "MB"),
    row("peak queue size during the outage", watch.peak(), "keys", {
      against: `≤ ${IDS} (+1 resync key)`,
      ratio: watch.peak() / IDS,
      ok: watch.peak() <= IDS + 1,
    }),
    row("failed NPM listings during the outage", attempts, "attempts", {
      against: `${2 * EVENTS / BURST} bursts`,
    }),
    row("writes during the outage", writesDuringOutage, "writes", {
      against: "exactly 0",
      ok: writesDuringOutage === 0,
    }),
    row(`time to converge ${IDS} hosts after NPM is back (writes free)`, convergeMs, "ms", {
      against: `${IDS} × NPM create ${CREATE_MS} ms`,
      ratio: convergeMs / (IDS * CREATE_MS),
      ok: converged && convergeMs < RETRY_MAX_MS + IDS * OWN_MS_PER_CREATE,
    }),
    row("  of which waiting for the first write (retry backoff)", firstWriteMs, "ms", {
      against: `retry max ${RETRY_MAX_MS} ms`,
      ratio: firstWriteMs / RETRY_MAX_MS,
      ok: firstWriteMs <= RETRY_MAX_MS + 500,
    }),
    row("  then EnvoyNPM's own time per create", (convergeMs - firstWriteMs) / IDS, "ms", {
      against: `NPM create ${CREATE_MS} ms`,
      ratio: (convergeMs - firstWriteMs) / IDS / CREATE_MS,
    }),
    row("  writes to converge", writes, "writes", {
      against: `exactly ${IDS}`,
      ok: writes === IDS,
    }),
  ];
}
