/**
 * `deno task bench real`: EnvoyNPM as a user runs it, against a private
 * Docker engine and the NPM double as its own process with NPM's costs.
 * Each figure is printed next to a floor measured in the same run; the
 * results go to `bench/results/real-<time>.json`. See `bench/README.md`.
 *
 * @module
 */
import { createDockerClient } from "../../lib/docker/mod.ts";
import { delay, type Row, rowsOf } from "../_support.ts";
import { formatTable } from "../_table.ts";
import { burstBench } from "./burst.ts";
import { churnBench, churnLoop } from "./churn.ts";
import { latencyBench } from "./latency.ts";
import { machine, rssMb } from "./_measure.ts";
import { type IdleReading, readIdle, sendEvents } from "./memory.ts";
import { parseRealOptions, type RealOptions } from "./_options.ts";
import { addAppsInSync, naivePeerBench, restartBench } from "./restart.ts";
import { type RealStack, startRealStack } from "./_stack.ts";
import { measureWriteFloor } from "./write_floor.ts";
import { startFloorProcess } from "./floor_process.ts";
import { startTaskRuntime } from "./start_task.ts";

/** Runs every real scenario once; prints the table and writes the JSON. */
export async function runRealBench(args: readonly string[]): Promise<void> {
  const options = parseRealOptions(args);
  const began = performance.now();
  const step = (what: string) =>
    console.error(`[${((performance.now() - began) / 1000).toFixed(0)} s] ${what}`);
  step(`starting on ${JSON.stringify(machine())}: ${JSON.stringify(options)}`);
  await using floorProcess = await startFloorProcess();
  const runtime = options.plain ? { env: {}, denoFlags: [] } : startTaskRuntime();
  if (options.cpuProf) {
    runtime.denoFlags.push("--cpu-prof", `--cpu-prof-dir=${options.outDir}/cpu-prof`);
  }
  await using stack = await startRealStack(options.delays, runtime);
  const interrupted = async () => {
    console.error("interrupted: cleaning up");
    await stack.close();
    await floorProcess.close();
    Deno.exit(130);
  };
  Deno.addSignalListener("SIGINT", interrupted);
  try {
    const result = await scenarios(stack, {
      options,
      floorPid: floorProcess.pid,
      denoStartMs: floorProcess.readyMs,
      step,
    });
    const versions = {
      deno: Deno.version.deno,
      docker: await engineVersion(stack.engine.host),
      npm: stack.npm.version,
    };
    const header = { machine: machine(), versions, runtime, denoStartMs: floorProcess.readyMs };
    console.log(
      `EnvoyNPM real benchmark: ${JSON.stringify(header)}, ${
        ((performance.now() - began) / 1000).toFixed(0)
      } s`,
    );
    console.log(formatTable(result.rows));
    const missed = result.rows.filter((row) => row.ok === false);
    console.log(
      missed.length === 0
        ? "All targets met."
        : `Targets missed: ${missed.map((r) => r.figure.trim()).join("; ")}`,
    );
    await Deno.mkdir(options.outDir, { recursive: true });
    const file = `${options.outDir}/real-${new Date().toISOString().replaceAll(":", "-")}.json`;
    await Deno.writeTextFile(file, JSON.stringify({ ...header, options, ...result }, null, 2));
    console.error(`results written to ${file}`);
  } finally {
    Deno.removeSignalListener("SIGINT", interrupted);
    step("cleaning up");
  }
}

async function engineVersion(host: string): Promise<string> {
  using docker = createDockerClient({ host })._unsafeUnwrap();
  return (await docker.version()).map((v) => v.version).unwrapOr("unknown");
}

async function scenarios(
  stack: RealStack,
  run: {
    options: RealOptions;
    floorPid: number;
    denoStartMs: number;
    step: (what: string) => void;
  },
): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const { options, step } = run;
  const rows: Row[] = [];
  const details: Record<string, unknown> = {};
  step("floor: direct writes to the double");
  const floor = await measureWriteFloor(stack.npm);
  details.writeFloor = floor;
  await stack.startEnvoy({ logLevel: "info" });
  await delay(2_000);

  step(`r1: ${options.starts} starts and stops, one at a time`);
  const latency = await latencyBench(stack, { starts: options.starts, floor });
  rows.push(...latency.rows);
  details.latency = latency.samples;

  step(`r2: burst of ${options.burst}`);
  const burst = await burstBench(stack, { count: options.burst, createMs: options.delays.create });
  rows.push(...burst.rows);
  details.burst = burst.json;

  step(`r3: ${options.total - options.burst} more apps in sync (costs at zero), then restarts`);
  const running = [...burst.apps, ...await addAppsInSync(stack, options.total - options.burst)];
  const restart = await restartBench(stack, {
    restarts: options.restarts,
    running: running.length,
    denoStartMs: run.denoStartMs,
  });
  rows.push(...restart.rows);
  details.restart = restart.json;

  step("r4/r5: EnvoyNPM as a user runs it (INFO, status server)");
  const { envoy } = await stack.startEnvoy({ logLevel: "info" });
  await delay(5_000);
  let idle: IdleReading | undefined;
  step(`r4: restart, then stop and start ${options.gapSeconds} s later (idle read meanwhile)`);
  const churn = await churnBench(stack, {
    app: running[0],
    gapSeconds: options.gapSeconds,
    duringGap: async (ms) => void (idle = await readIdle(envoy.pid, run.floorPid, ms)),
  });
  step(`r5: ${options.events} events, then ${options.churnSeconds} s of churn`);
  const eventsMs = await sendEvents(stack, { count: options.events, containers: 16 });
  await delay(5_000);
  const afterEvents = rssMb(envoy.pid);
  const loop = await churnLoop(stack, { apps: running.slice(1), seconds: options.churnSeconds });
  const afterChurn = rssMb(envoy.pid);
  rows.push(...churn.rows, ...churnRows(loop));
  rows.push(
    ...memoryRows({
      idle: idle!,
      afterEvents,
      afterChurn,
      events: options.events,
      eventsMs,
      running: running.length,
    }),
  );
  details.churn = { ...churn.json, loop };
  details.memory = { idle, afterEvents, afterChurn, eventsMs };
  await stack.stopEnvoy();

  step("r6: a peer's delete-and-recreate restart");
  const peer = await naivePeerBench(stack, {
    domains: new Set(running.map((app) => app.domain)),
    envoyWrites: Math.max(...(restart.json.writes as number[])),
    delays: options.delays,
  });
  rows.push(...peer.rows);
  details.peer = peer.json;
  return { rows, details };
}

function churnRows(loop: { events: number; writes: number; operations: number }): Row[] {
  const row = rowsOf("r4 churn");
  return [
    row(
      `random churn: ${loop.operations} restarts or stop…starts, ${loop.events} events: writes per event`,
      loop.writes / Math.max(1, loop.events),
      "writes",
      { against: `${loop.writes} writes` },
    ),
  ];
}

function memoryRows(
  m: {
    idle: IdleReading;
    afterEvents: number;
    afterChurn: number;
    events: number;
    eventsMs: number;
    running: number;
  },
): Row[] {
  const row = rowsOf("r5 memory");
  const target = 1.25 * m.idle.floorMb;
  return [
    row(`RSS idle, ${m.running} running apps watched`, m.idle.rssMb, "MB", {
      against: `floor ${m.idle.floorMb.toFixed(1)} MB × 1.25`,
      ratio: m.idle.rssMb / m.idle.floorMb,
      ok: m.idle.rssMb <= target,
    }),
    row(
      `CPU per idle minute (over ${(m.idle.windowMs / 1000).toFixed(0)} s)`,
      m.idle.cpuPerMinute,
      "s",
      {
        against: "≈ 0 (≤ 0.1 s)",
        ok: m.idle.cpuPerMinute <= 0.1,
      },
    ),
    row(`RSS after ${m.events} events (${(m.eventsMs / 1000).toFixed(0)} s)`, m.afterEvents, "MB", {
      against: "idle × 1.1",
      ratio: m.afterEvents / m.idle.rssMb,
      ok: m.afterEvents <= 1.1 * m.idle.rssMb,
    }),
    row("RSS after the churn", m.afterChurn, "MB", {
      against: "idle × 1.1",
      ratio: m.afterChurn / m.idle.rssMb,
      ok: m.afterChurn <= 1.1 * m.idle.rssMb,
    }),
  ];
}
