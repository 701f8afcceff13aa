/** PRUNE_AFTER end to end: measured from the host's meta, so it survives restarts. */
import assert from "node:assert/strict";
import { startStack } from "./_stack.ts";

Deno.test("e2e: PRUNE_AFTER deletes our host disabled longer ago than that, and nothing else", async () => {
  await using stack = await startStack();
  const meta = (id: string, daysAgo: number, domain: string) => ({
    managed_by: "EnvoyNPM",
    container_id: id.padEnd(64, "0"),
    created_at: "2025-01-01T00:00:00.000Z",
    comments: `[EnvoyNPM Managed] DISABLED: Container stopped/died (${domain})`,
    instance_id: "pc",
    disabled_at: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
  });
  const old = stack.npm.addProxyHost({
    domain_names: ["old.lan"],
    enabled: false,
    meta: meta("a1", 3, "old.lan"),
  });
  const recent = stack.npm.addProxyHost({
    domain_names: ["recent.lan"],
    enabled: false,
    meta: meta("b2", 0.5, "recent.lan"),
  });
  const hand = stack.npm.addProxyHost({ domain_names: ["hand.lan"], enabled: false });
  await stack.startEnvoy({ PRUNE_AFTER: "1d", INSTANCE_ID: "pc" });
  await stack.settled();
  const ids = stack.npm.proxyHosts().map((row) => row.id).sort();
  assert.deepEqual(ids, [recent.id, hand.id].sort(), `old #${old.id} deleted, the others kept`);
  assert.deepEqual(stack.npm.auditLog().map((entry) => entry.action), ["deleted"]);
});
