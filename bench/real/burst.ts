/**
 * Scenario 2, burst: `count` containers created and started at once, 8 at a
 * time. Every one must get its host, none twice, converged within 1.2 × the
 * sum of the costs of the writes needed (one create each).
 *
 * @module
 */
import { delay, type Row, rowsOf } from "../_support.ts";
import type { App, RealStack } from "./_stack.ts";

/** Runs the burst; resolves its rows and the apps it started. */
export async function burstBench(
  stack: RealStack,
  options: { count: number; createMs: number },
): Promise<{ rows: Row[]; apps: App[]; json: Record<string, number> }> {
  const { npm } = stack;
  const from = npm.writes.length;
  const began = performance.timeOrigin + performance.now();
  const apps = await stack.createApps(options.count, {
    label: "burst",
    cmd: ["sleep", "86400"],
    start: true,
  });
  const startedMs = performance.timeOrigin + performance.now() - began;
  const domains = new Set(apps.map((app) => app.domain));
  const budgetMs = 1.2 * options.count * options.createMs;
  const created = new Map<string, number>();
  await npm.waitForWrite((write) => {
    for (const domain of write.domains) {
      if (write.op === "create" && domains.has(domain)) created.set(domain, write.doneAt);
    }
    return created.size === domains.size;
  }, { from, timeoutMs: 3 * budgetMs + 60_000 });
  const convergedMs = Math.max(...created.values()) - began;
  await delay(3_000); // late or duplicate writes show now
  const writes = npm.writes.slice(from);
  const creates = writes.filter((w) => w.op === "create" && w.domains.some((d) => domains.has(d)));
  const client = await npm.client();
  const { rows: hosts } = await client.list();
  const held = hosts.flatMap((h) => h.domain_names).filter((d) => domains.has(d));
  const duplicates = held.length - new Set(held).size + (creates.length - created.size);
  const row = rowsOf("r2 burst");
  const n = options.count;
  return {
    apps,
    rows: [
      row(`${n} started (8 at a time) → all ${n} hosts created`, convergedMs / 1000, "s", {
        against: `1.2 × ${n} × ${options.createMs} ms = ${(budgetMs / 1000).toFixed(0)} s`,
        ratio: convergedMs / budgetMs,
        ok: convergedMs <= budgetMs,
      }),
      row("  of which docker create + start of all", startedMs / 1000, "s"),
      row("hosts created", created.size, "count", { against: `${n}`, ok: created.size === n }),
      row("writes made", writes.length, "count", {
        against: `${n} creates`,
        ratio: writes.length / n,
        ok: writes.length === n,
      }),
      row("duplicate hosts or creates", duplicates, "count", {
        against: "0",
        ok: duplicates === 0,
      }),
    ],
    json: { count: n, convergedMs, startedMs, budgetMs, writes: writes.length, duplicates },
  };
}
