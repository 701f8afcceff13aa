/**
 * `deno task bench`: runs every in-process scenario in turn, prints one table
 * of figures with their targets and ratios, and exits 0. `deno task bench
 * real [--quick] …` instead runs EnvoyNPM as a process against a private
 * Docker engine (opt-in: minutes long, needs root and dockerd). Not part of
 * the tests or CI; see `bench/README.md` for what each figure means.
 *
 * @module
 */
import { burstBench } from "./burst_bench.ts";
import { coreBench } from "./core_bench.ts";
import { jsonStreamBench } from "./json_stream_bench.ts";
import { outageBench } from "./outage_bench.ts";
import type { Row } from "./_support.ts";
import { syncBench } from "./sync_bench.ts";
import { formatTable } from "./_table.ts";

const SCENARIOS: readonly (readonly [string, () => Row[] | Promise<Row[]>])[] = [
  ["1 core", coreBench],
  ["2 sync", syncBench],
  ["3 burst", burstBench],
  ["4 outage", outageBench],
  ["5 stream", jsonStreamBench],
];

const only = Deno.args[0];
if (only === "real") {
  const { runRealBench } = await import("./real/real_bench.ts");
  await runRealBench(Deno.args.slice(1));
  Deno.exit(0);
}
const rows: Row[] = [];
const started = performance.now();
for (const [name, run] of SCENARIOS) {
  if (only !== undefined && !name.includes(only)) continue;
  const t0 = performance.now();
  console.error(`running ${name} …`);
  rows.push(...await run());
  console.error(`  ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(
  `EnvoyNPM benchmarks, Deno ${Deno.version.deno}, ${navigator.hardwareConcurrency} cores, ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s in all`,
);
console.log(formatTable(rows));
const missed = rows.filter((row) => row.ok === false);
console.log(
  missed.length === 0
    ? "All targets met."
    : `Targets missed: ${missed.map((row) => row.figure).join("; ")}`,
);
Deno.exit(0);
