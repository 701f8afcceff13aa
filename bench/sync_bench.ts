/**
 * Scenario 2, EnvoyNPM's own share of a sync: the reconciler over an instant
 * fake Docker and the NPM double. With free writes, what is measured is
 * EnvoyNPM + HTTP on loopback + the double's own handling (an upper bound of
 * EnvoyNPM's share); with 580 ms writes, wall time should be writes × cost.
 *
 * @module
 */
import { Reconciler } from "../lib/controller/reconciler.ts";
import { fakeDocker, managedContainer, npmPair } from "./_fakes.ts";
import type { Row } from "./_support.ts";

const SCENARIO = "2 sync";
const N = 100;
const SLOW_N = 5;
const CREATE_MS = 580;

interface Pass {
  readonly ms: number;
  readonly writes: number;
  readonly retry: number;
}

/** Reconciles `count` fresh containers twice (create, then in sync) against a double. */
async function twoPasses(
  count: number,
  options: { writeDelayMs: number },
): Promise<[Pass, Pass]> {
  await using pair = await npmPair(options);
  const containers = Array.from({ length: count }, (_, i) => managedContainer(i));
  const docker = fakeDocker(containers);
  const reconciler = new Reconciler({ docker: docker.api, npm: pair.npm }, { emit: () => {} });
  const ids = containers.map((container) => container.id);
  const pass = async (): Promise<Pass> => {
    const before = pair.double.writes();
    const started = performance.now();
    const result = await reconciler.reconcile(ids);
    const ms = performance.now() - started;
    return { ms, writes: pair.double.writes() - before, retry: result.retry.length };
  };
  return [await pass(), await pass()];
}

/** Measures the reconciler's cost per container, and that writes dominate wall time. */
export async function syncBench(): Promise<Row[]> {
  await twoPasses(10, { writeDelayMs: 0 }); // warm-up: compile the paths measured below
  const [create, inSync] = await twoPasses(N, { writeDelayMs: 0 });
  const [slow] = await twoPasses(SLOW_N, { writeDelayMs: CREATE_MS });
  const createPer = create.ms / N;
  const syncPer = inSync.ms / N;
  const expectedSlow = slow.writes * CREATE_MS;
  return [
    {
      scenario: SCENARIO,
      figure: `reconcile creating ${N} hosts (writes free), per container`,
      value: createPer,
      unit: "ms",
      against: `NPM create ${CREATE_MS} ms`,
      ratio: createPer / CREATE_MS,
      ok: createPer < 10 && create.retry === 0,
    },
    {
      scenario: SCENARIO,
      figure: "  writes made by that reconcile",
      value: create.writes,
      unit: "writes",
      against: `exactly ${N}`,
      ok: create.writes === N,
    },
    {
      scenario: SCENARIO,
      figure: `reconcile finding ${N} hosts in sync, per container`,
      value: syncPer,
      unit: "ms",
      against: `NPM create ${CREATE_MS} ms`,
      ratio: syncPer / CREATE_MS,
      ok: syncPer < 10 && inSync.retry === 0,
    },
    {
      scenario: SCENARIO,
      figure: "  writes made by that reconcile",
      value: inSync.writes,
      unit: "writes",
      against: "exactly 0",
      ok: inSync.writes === 0,
    },
    {
      scenario: SCENARIO,
      figure: `reconcile creating ${SLOW_N} hosts, writes cost ${CREATE_MS} ms, wall`,
      value: slow.ms,
      unit: "ms",
      against: `${slow.writes} writes × ${CREATE_MS} ms`,
      ratio: slow.ms / expectedSlow,
      ok: slow.writes === SLOW_N && slow.ms < expectedSlow * 1.05,
    },
    {
      scenario: SCENARIO,
      figure: "  EnvoyNPM's share of that wall time, per container",
      value: (slow.ms - expectedSlow) / SLOW_N,
      unit: "ms",
      against: `NPM create ${CREATE_MS} ms`,
      ratio: (slow.ms - expectedSlow) / SLOW_N / CREATE_MS,
    },
  ];
}
