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
  const reconciler = new Reconciler({ docker: docker.api, npm: pair.npm }, {
    emit: () => {},
    instanceId: "bench",
  });
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

/** The rows of a pass over {@linkcode N} containers: its cost per container, and its writes, which must be `expected.writes`. */
function passRows(pass: Pass, expected: { figure: string; writes: number }): Row[] {
  const perContainer = pass.ms / N;
  return [
    {
      scenario: SCENARIO,
      figure: `${expected.figure}, per container`,
      value: perContainer,
      unit: "ms",
      against: `NPM create ${CREATE_MS} ms`,
      ratio: perContainer / CREATE_MS,
      ok: perContainer < 10 && pass.retry === 0,
    },
    {
      scenario: SCENARIO,
      figure: "  writes made by that reconcile",
      value: pass.writes,
      unit: "writes",
      against: `exactly ${expected.writes}`,
      ok: pass.writes === expected.writes,
    },
  ];
}

/** Measures the reconciler's cost per container, and that writes dominate wall time. */
export async function syncBench(): Promise<Row[]> {
  await twoPasses(10, { writeDelayMs: 0 }); // warm-up: compile the paths measured below
  const [create, inSync] = await twoPasses(N, { writeDelayMs: 0 });
  const [slow] = await twoPasses(SLOW_N, { writeDelayMs: CREATE_MS });
  const expectedSlow = slow.writes * CREATE_MS;
  return [
    ...passRows(create, { figure: `reconcile creating ${N} hosts (writes free)`, writes: N }),
    ...passRows(inSync, { figure: `reconcile finding ${N} hosts in sync`, writes: 0 }),
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
