import assert from "node:assert/strict";
import type { NpmDouble } from "../../lib/npm_double/mod.ts";
import { uniqueName } from "../support/docker_admin.ts";
import type { EnvoyProcess } from "../support/envoy_process.ts";
import { waitUntil } from "../support/wait.ts";
import { startStack } from "./_stack.ts";

/** Resync every second, so the policies show within a test's patience. */
const FAST = { RESYNC_INTERVAL: "1s" };

/** A user of NPM's UI: logs in and sends raw REST requests to the double. */
async function npmUser(npm: NpmDouble) {
  const send = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${npm.url}/api${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json();
    assert.ok(response.ok, `${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer;
  };
  const { token } = await send("POST", "/tokens", undefined, {
    identity: npm.email,
    secret: npm.password,
  });
  return {
    edit: (id: number, body: Record<string, unknown>) =>
      send("PUT", `/nginx/proxy-hosts/${id}`, token, body),
    remove: (id: number) => send("DELETE", `/nginx/proxy-hosts/${id}`, token),
  };
}

/** Waits until EnvoyNPM has finished `count` more reconciles (resyncs, at RESYNC_INTERVAL=1s). */
async function passResyncs(envoy: EnvoyProcess, count: number): Promise<void> {
  const done = () => envoy.logs.filter((line) => line.message.startsWith("Reconciled")).length;
  const target = done() + count;
  await waitUntil(`${count} reconciles`, () => done() >= target, {
    timeoutMs: 5_000 + count * 2_000,
  });
}

Deno.test("e2e policy: a host of ours deleted by hand is recreated at the next resync", async () => {
  await using stack = await startStack();
  await stack.startEnvoy(FAST);
  const id = await stack.engine.admin.run({
    name: uniqueName("kept"),
    env: { NPM_HOST: "kept.lan", NPM_PORT: "80" },
  });
  const first = await stack.waitForHost("kept.lan", (row) => row.enabled);
  const user = await npmUser(stack.npm);
  await user.remove(first.id);
  const again = await stack.waitForHost("kept.lan", (row) => row.id !== first.id && row.enabled, {
    timeoutMs: 5_000,
  });
  assert.equal(again.meta.container_id, id);
  assert.deepEqual(stack.npm.served(), ["kept.lan"]);
});

Deno.test("e2e policy: a hand edit of a field the container does not set survives restarts and resyncs; the container's own change wins", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy(FAST);
  const name = uniqueName("tweaked");
  const id = await stack.engine.admin.run({
    name,
    env: { NPM_HOST: "tweak.lan", NPM_PORT: "8080" },
  });
  const created = await stack.waitForHost("tweak.lan", (row) => row.enabled);
  const user = await npmUser(stack.npm);
  await user.edit(created.id, { advanced_config: "# user tweak", forward_port: 1234 });
  const edited = stack.npm.writes();

  await stack.engine.admin.restart(id);
  await stack.waitForHost("tweak.lan", (row) => row.enabled);
  await passResyncs(envoy, 3);
  const host = stack.host("tweak.lan")!;
  assert.equal(host.advanced_config, "# user tweak");
  assert.equal(host.forward_port, 1234, "the container did not change its port: the edit stays");
  // An update's audit entry holds the body sent (enable and disable entries hold the whole row).
  const updates = stack.npm.auditLog().slice(edited).filter((entry) => entry.action === "updated");
  // A restart is one reconcile: at most a new address is written, never the edited fields.
  for (const entry of updates) {
    assert.ok(!("advanced_config" in entry.meta), `a write reverted the edit: ${entry.action}`);
    assert.ok(!("forward_port" in entry.meta), `a write reverted the edit: ${entry.action}`);
  }

  // The container is recreated with another NPM_PORT: that change wins over the hand edit.
  await stack.engine.admin.remove(id);
  const next = await stack.engine.admin.run({
    name: uniqueName("tweaked"),
    env: { NPM_HOST: "tweak.lan", NPM_PORT: "9090" },
  });
  const taken = await stack.waitForHost(
    "tweak.lan",
    (row) => row.enabled && row.meta.container_id === next && row.forward_port === 9090,
  );
  assert.equal(taken.id, created.id);
  assert.equal(taken.advanced_config, "# user tweak", "the other hand edit still stands");
});

Deno.test("e2e policy: with ENFORCE=true a hand edit is restored at the next resync", async () => {
  await using stack = await startStack();
  await stack.startEnvoy({ ...FAST, ENFORCE: "true" });
  await stack.engine.admin.run({
    name: uniqueName("enforced"),
    env: { NPM_HOST: "enforced.lan", NPM_PORT: "8080" },
  });
  const created = await stack.waitForHost("enforced.lan", (row) => row.enabled);
  const user = await npmUser(stack.npm);
  await user.edit(created.id, { advanced_config: "# user tweak", forward_port: 1234 });
  const restored = await stack.waitForHost(
    "enforced.lan",
    (row) => row.advanced_config === "" && row.forward_port === 8080,
    { timeoutMs: 5_000 },
  );
  assert.equal(restored.id, created.id);
  assert.equal(restored.enabled, true);
});

Deno.test("e2e policy: two containers with one NPM_HOST: the first keeps it, the second warns once, then takes over in one write", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy(FAST);
  const firstName = uniqueName("first");
  const secondName = uniqueName("second");
  const first = await stack.engine.admin.run({
    name: firstName,
    env: { NPM_HOST: "shared.lan", NPM_PORT: "80" },
  });
  const created = await stack.waitForHost("shared.lan", (row) => row.enabled);
  const second = await stack.engine.admin.run({
    name: secondName,
    env: { NPM_HOST: "shared.lan", NPM_PORT: "81" },
  });
  const isConflict = (line: { level: string; message: string }) =>
    line.level === "WARN" && line.message.includes(secondName) &&
    line.message.includes("shared.lan");
  await envoy.waitForLog("the conflict warning", isConflict);
  await passResyncs(envoy, 3);
  assert.equal(envoy.logs.filter(isConflict).length, 1, "one warning, not one per resync");
  assert.equal(stack.npm.writes(), 1);
  assert.equal(stack.host("shared.lan")!.meta.container_id, first);

  await stack.engine.admin.stop(first);
  const taken = await stack.waitForHost(
    "shared.lan",
    (row) => row.meta.container_id === second && row.forward_port === 81,
  );
  await passResyncs(envoy, 3);
  assert.equal(taken.id, created.id);
  assert.equal(stack.host("shared.lan")!.enabled, true);
  const actions = stack.npm.auditLog().map((entry) => entry.action);
  assert.deepEqual(actions, ["created", "updated"], "one write for the takeover, no flapping");
  assert.deepEqual(stack.npm.served(), ["shared.lan"]);
});

Deno.test("e2e policy: an NPM_ADVANCED_CONFIG nginx rejects is one ERROR line and no repeated writes", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy(FAST);
  const name = uniqueName("broken");
  await stack.engine.admin.run({
    name,
    env: { NPM_HOST: "broken.lan", NPM_PORT: "80", NPM_ADVANCED_CONFIG: "this is not nginx;" },
  });
  const isNginxError = (line: { level: string; message: string }) =>
    line.level === "ERROR" && line.message.includes(name) && line.message.includes("broken.lan");
  const error = await envoy.waitForLog("the nginx error", isNginxError);
  assert.match(error.message, /unknown directive "this"/);
  await passResyncs(envoy, 4);
  assert.equal(envoy.logs.filter(isNginxError).length, 1);
  assert.equal(stack.npm.writes(), 1);
  assert.deepEqual(stack.npm.served(), []);
});
