/**
 * Scenario 3, restart in sync: with every running container's host in sync,
 * EnvoyNPM restarts: zero writes, and every container reconciled within
 * 1.5 s of the process start. Scenario 6 runs a peer's method on the same
 * state: delete and recreate every host, as some sync tools do on restart.
 *
 * @module
 */
import { delay, type Row, rowsOf } from "../_support.ts";
import type { RealOptions } from "./_options.ts";
import { formatSpread, spread } from "./_measure.ts";
import { type App, now, type RealStack } from "./_stack.ts";

const ZERO = { create: 0, update: 0, enable: 0, disable: 0, delete: 0, list: 0 };

/** Starts `count` more apps with NPM's costs set to zero, and waits for their hosts. */
export async function addAppsInSync(stack: RealStack, count: number): Promise<App[]> {
  await stack.npm.setDelays(ZERO);
  try {
    const from = stack.npm.writes.length;
    const apps = await stack.createApps(count, {
      label: "sync",
      cmd: ["sleep", "86400"],
      start: true,
    });
    const domains = new Set(apps.map((app) => app.domain));
    let created = 0;
    await stack.npm.waitForWrite(
      (w) => w.op === "create" && w.domains.some((d) => domains.has(d)) && ++created === count,
      { from, timeoutMs: 120_000 },
    );
    return apps;
  } finally {
    await stack.npm.setDelays({});
  }
}

/** Restarts EnvoyNPM `restarts` times; each must write nothing and reconcile all in time. */
export async function restartBench(
  stack: RealStack,
  options: { restarts: number; running: number; denoStartMs: number },
): Promise<{ rows: Row[]; json: Record<string, unknown> }> {
  const reconciledMs: number[] = [];
  const writes: number[] = [];
  for (let i = 0; i < options.restarts; i++) {
    const from = stack.npm.writes.length;
    const { envoy, spawnedAt } = await stack.startEnvoy({ logLevel: "debug" });
    const line = await envoy.waitForLog(
      `a reconcile of all ${options.running} running containers`,
      (l) =>
        /^Reconciled \d+ containers/.test(l.message) && Number(l.containers) >= options.running,
      { timeoutMs: 60_000, intervalMs: 10 },
    );
    reconciledMs.push(Date.parse(String(line["@timestamp"])) - spawnedAt);
    await delay(3_000);
    writes.push(stack.npm.writes.length - from);
  }
  await stack.stopEnvoy();
  const row = rowsOf("r3 restart");
  const took = spread(reconciledMs);
  const wrote = spread(writes);
  return {
    rows: [
      row(
        `process start → all ${options.running} reconciled (median of ${options.restarts}; min/median/max ${
          formatSpread(took)
        } ms)`,
        took.median,
        "ms",
        {
          against: "1 500 ms",
          ratio: took.median / 1_500,
          ok: took.max <= 1_500,
        },
      ),
      row("  of which a bare `deno run` of the deps to ready (floor)", options.denoStartMs, "ms"),
      row(`writes per restart (max of ${options.restarts})`, wrote.max, "count", {
        against: "0",
        ok: wrote.max === 0,
      }),
    ],
    json: { reconciledMs, writes, denoStartMs: options.denoStartMs },
  };
}

/** Scenario 6: a peer's restart (list, then delete and recreate each host) on the same state. */
export async function naivePeerBench(
  stack: RealStack,
  options: { domains: ReadonlySet<string>; envoyWrites: number; delays: RealOptions["delays"] },
): Promise<{ rows: Row[]; json: Record<string, number> }> {
  await stack.npm.setDelays(ZERO); // the writes are counted; their cost is computed below
  const from = stack.npm.writes.length;
  const began = now();
  const client = await stack.npm.client();
  const { rows: hosts } = await client.list();
  for (const host of hosts.filter((h) => h.domain_names.some((d) => options.domains.has(d)))) {
    await client.remove(host.id);
    await client.create(host.domain_names[0], host.meta);
  }
  const wallMs = now() - began;
  await stack.npm.setDelays(options.delays);
  const written = stack.npm.writes.slice(from);
  const costMs = options.delays.list +
    written.reduce((sum, w) => sum + (options.delays[w.op as keyof typeof ZERO] ?? 0), 0);
  const envoyCostMs = options.delays.list;
  const row = rowsOf("r6 peer");
  const n = options.domains.size;
  return {
    rows: [
      row(
        `naive delete-and-recreate restart: writes for ${n} hosts in sync`,
        written.length,
        "count",
        {
          against: `EnvoyNPM ${options.envoyWrites}`,
          ...(options.envoyWrites > 0 ? { ratio: written.length / options.envoyWrites } : {}),
        },
      ),
      row("  NPM's time for them (sum of costs; EnvoyNPM: one list)", costMs / 1000, "s", {
        against: `EnvoyNPM ${(envoyCostMs / 1000).toFixed(2)} s`,
        ratio: costMs / envoyCostMs,
      }),
      row("  nginx reloads (one per write)", written.length, "count", {
        against: `EnvoyNPM ${options.envoyWrites}`,
      }),
      row("  wall time of the peer's script, costs at zero", wallMs / 1000, "s"),
    ],
    json: {
      hosts: n,
      peerWrites: written.length,
      envoyWrites: options.envoyWrites,
      peerCostMs: costMs,
      envoyCostMs,
    },
  };
}
