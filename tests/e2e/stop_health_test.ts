/**
 * STOP_ACTION, STOP_GRACE and health-aware publishing on the real engine and the NPM double.
 */
import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { waitUntil } from "../support/wait.ts";
import { inspect } from "./_docker.ts";
import { FAST_STOP, startStack } from "./_stack.ts";

/** Runs busybox `<label>` asking for `<label>.lan` on port 80 (quick to stop, unless `cmd`). */
function runApp(
  stack: Awaited<ReturnType<typeof startStack>>,
  label: string,
  options: {
    env?: Record<string, string>;
    cmd?: string[];
    healthcheck?: { cmd: string; intervalMs: number };
  },
): Promise<string> {
  return stack.engine.admin.run({
    ...options,
    name: uniqueName(label),
    cmd: options.cmd ?? FAST_STOP,
    env: { NPM_HOST: `${label}.lan`, NPM_PORT: "80", ...options.env },
  });
}

Deno.test("e2e: STOP_ACTION=maintenance: a stop is one PUT to a 503 page, the start one PUT back", async () => {
  await using stack = await startStack();
  await stack.startEnvoy({ STOP_ACTION: "maintenance" });
  const own = "proxy_read_timeout 60s;";
  const id = await runApp(stack, "paused", { env: { NPM_ADVANCED_CONFIG: own } });
  const created = await stack.waitForHost("paused.lan", (row) => row.enabled);
  assert.equal(stack.npm.writes(), 1);

  await stack.engine.admin.stop(id);
  const down = await stack.waitForHost(
    "paused.lan",
    (row) => /return 503/.test(row.advanced_config),
  );
  assert.equal(down.id, created.id);
  assert.equal(down.enabled, true, "the host stays enabled: visitors see the page");
  assert.deepEqual(stack.npm.served(), ["paused.lan"]);
  await stack.settled();
  assert.equal(stack.npm.writes(), 2);

  await stack.engine.admin.start(id);
  const up = await stack.waitForHost("paused.lan", (row) => row.advanced_config === own);
  assert.equal(up.id, created.id);
  await stack.settled();
  assert.equal(stack.npm.writes(), 3, "one write on start");
  assert.match(String(up.meta.comments), /Linked to/);
});

Deno.test("e2e: STOP_GRACE waits before disabling a stopped container's host", async () => {
  await using stack = await startStack();
  await stack.startEnvoy({ STOP_GRACE: "4s" });
  const id = await runApp(stack, "grace", {});
  await stack.waitForHost("grace.lan", (row) => row.enabled);
  const stoppedAt = performance.now();
  await stack.engine.admin.stop(id);
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  assert.equal(stack.host("grace.lan")?.enabled, true, "still enabled within the grace");
  await stack.waitForHost("grace.lan", (row) => !row.enabled, { timeoutMs: 15_000 });
  assert.ok(performance.now() - stoppedAt >= 4_000, "not before the grace ends");
});

Deno.test("e2e: a container whose healthcheck fails is never published", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const id = await runApp(stack, "sick", {
    healthcheck: { cmd: "false", intervalMs: 500 },
  });
  await waitUntil(
    "the container to be unhealthy",
    async () => (await inspect(stack.engine.host, id)).health === "unhealthy",
  );
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  assert.equal(stack.host("sick.lan"), undefined);
  assert.equal(stack.npm.writes(), 0);
});

Deno.test("e2e: a container is published once its healthcheck turns healthy", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const id = await runApp(stack, "slow", {
    cmd: ["sh", "-c", "trap 'exit 0' TERM; (sleep 3; touch /tmp/ok) & sleep 3600 & wait"],
    healthcheck: { cmd: "test -f /tmp/ok", intervalMs: 500 },
  });
  await waitUntil(
    "a first verdict",
    async () => (await inspect(stack.engine.host, id)).health !== "starting",
  );
  const before = await inspect(stack.engine.host, id);
  if (before.health !== "healthy") assert.equal(stack.host("slow.lan"), undefined);
  await stack.waitForHost("slow.lan", (row) => row.enabled, { timeoutMs: 20_000 });
  assert.equal((await inspect(stack.engine.host, id)).health, "healthy");
  assert.equal(stack.npm.writes(), 1);
});

Deno.test("e2e: NPM_HEALTH=ignore publishes despite a failing healthcheck; NPM_STOP_ACTION=keep keeps the host on stop", async () => {
  await using stack = await startStack();
  await stack.startEnvoy({ STOP_ACTION: "maintenance" });
  const id = await runApp(stack, "loose", {
    env: { NPM_HEALTH: "ignore", NPM_STOP_ACTION: "keep" },
    healthcheck: { cmd: "false", intervalMs: 500 },
  });
  const created = await stack.waitForHost("loose.lan", (row) => row.enabled);
  await stack.engine.admin.stop(id);
  await waitUntil(
    "the container to stop",
    async () => !(await inspect(stack.engine.host, id)).running,
  );
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  assert.deepEqual(stack.host("loose.lan"), created, "kept exactly as it was");
  assert.equal(stack.npm.writes(), 1);
});
