/**
 * The command line of `deno task bench real`: sizes and durations of each
 * scenario, and NPM's costs. `--quick` scales everything down for a run of
 * about two minutes.
 *
 * @module
 */
import { parseArgs } from "node:util";
import type { Delays } from "../../lib/npm_double/mod.ts";

/** NPM 2.15.1's costs on 2 cores, in ms (measured outside the project). */
export const NPM_COSTS = {
  create: 580,
  update: 615,
  enable: 510,
  disable: 400,
  /** Not measured: assumed to cost what a disable does (nginx drops a config and reloads). */
  delete: 400,
  list: 60,
} as const satisfies Delays;

/** What one run does. */
export interface RealOptions {
  readonly quick: boolean;
  /** Run a bare `deno run main.ts run`, without the `start` task's memory settings. */
  readonly plain: boolean;
  /** Leave a CPU profile of each EnvoyNPM process in `<outDir>/cpu-prof`. */
  readonly cpuProf: boolean;
  /** Starts (and as many stops) timed in scenario 1. */
  readonly starts: number;
  /** Containers started at once in scenario 2. */
  readonly burst: number;
  /** Running containers in sync in scenarios 3, 5 and 6. */
  readonly total: number;
  /** Restarts of EnvoyNPM in scenario 3. */
  readonly restarts: number;
  /** Seconds between the stop and the start of scenario 4; the idle CPU is read meanwhile. */
  readonly gapSeconds: number;
  /** Container events sent before the memory is read again (scenario 5). */
  readonly events: number;
  /** Seconds of simulated churn (scenario 5). */
  readonly churnSeconds: number;
  /** NPM's costs. */
  readonly delays: Required<Pick<Delays, keyof typeof NPM_COSTS>>;
  /** Where the JSON result goes. */
  readonly outDir: string;
}

const DEFAULTS = {
  starts: 100,
  burst: 200,
  total: 500,
  restarts: 3,
  gap: 60,
  events: 10_000,
  churn: 60,
};
const QUICK = { starts: 20, burst: 40, total: 100, restarts: 2, gap: 10, events: 1_000, churn: 10 };

/** Usage text. */
export const USAGE =
  `deno task bench real [--quick] [--plain] [--cpu-prof] [--starts N] [--burst N] [--total N]
  [--restarts N] [--gap S] [--events N] [--churn S] [--<op>-ms MS] [--out DIR]
defaults: ${JSON.stringify(DEFAULTS)}; --quick: ${JSON.stringify(QUICK)}
ops: ${Object.keys(NPM_COSTS).join(", ")} (default ${JSON.stringify(NPM_COSTS)})`;

/** Reads the options; throws with the usage on a bad one. */
export function parseRealOptions(args: readonly string[]): RealOptions {
  const names = ["starts", "burst", "total", "restarts", "gap", "events", "churn", "out"];
  const costs = Object.keys(NPM_COSTS).map((op) => `${op}-ms`);
  const { values } = parseArgs({
    args: [...args],
    options: {
      quick: { type: "boolean" },
      plain: { type: "boolean" },
      "cpu-prof": { type: "boolean" },
      ...Object.fromEntries([...names, ...costs].map((n) => [n, { type: "string" as const }])),
    },
    strict: true,
  });
  const base = values.quick ? QUICK : DEFAULTS;
  const given = values as Record<string, string | boolean | undefined>;
  const number = (name: string, fallback: number) => {
    const text = given[name];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0\n${USAGE}`);
    return n;
  };
  const delays = Object.fromEntries(
    Object.entries(NPM_COSTS).map(([op, ms]) => [op, number(`${op}-ms`, ms)]),
  ) as RealOptions["delays"];
  return {
    quick: values.quick === true,
    plain: values.plain === true,
    cpuProf: values["cpu-prof"] === true,
    starts: number("starts", base.starts),
    burst: number("burst", base.burst),
    total: Math.max(number("total", base.total), number("burst", base.burst)),
    restarts: Math.max(1, number("restarts", base.restarts)),
    gapSeconds: number("gap", base.gap),
    events: number("events", base.events),
    churnSeconds: number("churn", base.churn),
    delays,
    outDir: typeof given.out === "string" ? given.out : "bench/results",
  };
}
