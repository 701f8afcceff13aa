import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { handLanRow } from "../support/npm_fixtures.ts";
import { waitUntil } from "../support/wait.ts";
import { inspect } from "./_docker.ts";
import { disabledComment, startStack } from "./_stack.ts";

Deno.test("e2e: a started container gets an enabled proxy host forwarding to it", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const name = uniqueName("web");
  const net = await stack.engine.admin.createNetwork(uniqueName("net"));
  const id = await stack.engine.admin.run({
    name,
    network: net.name,
    env: { NPM_HOST: "App.Home.Lan", NPM_PORT: "8080" },
  });
  const host = await stack.waitForHost("app.home.lan", (row) => row.enabled);
  const container = await inspect(stack.engine.host, id);
  assert.equal(host.forward_host, container.networks[0].ip);
  assert.equal(host.forward_port, 8080);
  assert.equal(host.forward_scheme, "http");
  assert.equal(host.meta.managed_by, "EnvoyNPM");
  assert.equal(host.meta.container_id, id);
  assert.match(String(host.meta.created_at), /^\d{4}-\d\d-\d\dT/);
  assert.equal(host.meta.comments, `[EnvoyNPM Managed] Linked to: ${name} (app.home.lan)`);
  assert.deepEqual(stack.npm.served(), ["app.home.lan"]);
  assert.equal(stack.npm.writes(), 1);
});

Deno.test("e2e: stop disables the host, start enables the same host again", async () => {
  await using stack = await startStack({ npm: { writeDelayMs: 50 } });
  await stack.startEnvoy();
  const id = await stack.engine.admin.run({
    name: uniqueName("app"),
    env: { NPM_HOST: "cycle.lan", NPM_PORT: "80" },
  });
  const created = await stack.waitForHost("cycle.lan", (row) => row.enabled);

  await stack.engine.admin.stop(id);
  const disabled = await stack.waitForHost("cycle.lan", (row) => !row.enabled);
  await waitUntil(
    "the DISABLED comment",
    () => stack.host("cycle.lan")?.meta.comments === disabledComment("cycle.lan"),
  );
  assert.equal(disabled.id, created.id);
  assert.deepEqual(stack.npm.served(), []);

  await stack.engine.admin.start(id);
  const enabled = await stack.waitForHost("cycle.lan", (row) => row.enabled);
  assert.equal(enabled.id, created.id);
  assert.deepEqual(stack.npm.served(), ["cycle.lan"]);
  assert.equal(stack.npm.proxyHosts().length, 1);
  // create, disable, comment, enable+update: no more.
  assert.equal(stack.npm.writes(), 4);
});

Deno.test("e2e: `docker restart` is one reconcile: the host never goes offline", async () => {
  await using stack = await startStack({ npm: { writeDelayMs: 50 } });
  await stack.startEnvoy();
  const id = await stack.engine.admin.run({
    name: uniqueName("restarted"),
    env: { NPM_HOST: "restart.lan", NPM_PORT: "80" },
  });
  await stack.waitForHost("restart.lan", (row) => row.enabled);
  const before = stack.npm.writes();
  await stack.engine.admin.restart(id);
  const address = (await inspect(stack.engine.host, id)).networks[0].ip;
  await stack.waitForHost("restart.lan", (row) => row.enabled && row.forward_host === address);
  await stack.settled();
  const actions = stack.npm.auditLog().slice(before).map((entry) => entry.action);
  assert.ok(!actions.includes("disabled"), `no disable on a restart: ${actions}`);
  assert.ok(stack.npm.writes() - before <= 1, `at most one write (a new address): ${actions}`);
});

Deno.test("e2e: a restart that changes the container's address updates forward_host", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const net = await stack.engine.admin.createNetwork(uniqueName("net"));
  const id = await stack.engine.admin.run({
    name: uniqueName("moving"),
    network: net.name,
    env: { NPM_HOST: "moving.lan", NPM_PORT: "3000" },
  });
  const before = (await inspect(stack.engine.host, id)).networks[0].ip;
  await stack.waitForHost("moving.lan", (row) => row.forward_host === before);

  await stack.engine.admin.stop(id);
  // Another container takes the freed address, so the restart gets a new one.
  await stack.engine.admin.run({ name: uniqueName("filler"), network: net.name });
  await stack.engine.admin.start(id);
  const after = (await inspect(stack.engine.host, id)).networks[0].ip;
  assert.notEqual(after, before);
  const host = await stack.waitForHost(
    "moving.lan",
    (row) => row.forward_host === after && row.enabled,
  );
  assert.equal(host.forward_port, 3000);
});

Deno.test("e2e: a new container asking for a domain our stopped container had takes the host over", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy();
  const first = await stack.engine.admin.run({
    name: uniqueName("old"),
    env: { NPM_HOST: "reuse.lan", NPM_PORT: "80" },
  });
  const created = await stack.waitForHost("reuse.lan", (row) => row.enabled);
  await stack.engine.admin.remove(first);
  await stack.waitForHost("reuse.lan", (row) => !row.enabled);

  const second = await stack.engine.admin.run({
    name: uniqueName("new"),
    env: { NPM_HOST: "reuse.lan", NPM_PORT: "81" },
  });
  const taken = await stack.waitForHost(
    "reuse.lan",
    (row) => row.enabled && row.meta.container_id === second,
  );
  assert.equal(taken.id, created.id);
  assert.equal(taken.forward_port, 81);
  assert.equal(taken.meta.created_at, created.meta.created_at);
  assert.equal(stack.npm.proxyHosts().length, 1);
  await envoy.waitForLog("domain reuse", (line) => /domain reuse detected/i.test(line.message));
});

Deno.test("e2e: a hand-made host with the same domain stays byte-identical", async () => {
  await using stack = await startStack();
  const handMade = stack.npm.addProxyHost(handLanRow());
  const before = JSON.stringify(stack.npm.proxyHosts());
  const envoy = await stack.startEnvoy();
  const id = await stack.engine.admin.run({
    name: uniqueName("squatter"),
    env: { NPM_HOST: "hand.lan", NPM_PORT: "80" },
  });
  await envoy.waitForLog(
    "the skip warning",
    (line) =>
      line.level === "WARN" && line.message.includes("hand.lan") &&
      line.message.includes(`#${handMade.id}`),
  );
  await stack.engine.admin.restart(id);
  await stack.engine.admin.stop(id);
  await stack.settled();
  assert.equal(JSON.stringify(stack.npm.proxyHosts()), before);
  assert.equal(stack.npm.writes(), 0);
  const warnings = envoy.logs.filter((line) =>
    line.level === "WARN" && line.message.includes("hand.lan")
  );
  assert.equal(warnings.length, 1, "one warning, not one per event");
});

Deno.test("e2e: at start-up every running container is synced", async () => {
  await using stack = await startStack();
  await stack.engine.admin.run({
    name: uniqueName("a"),
    env: { NPM_HOST: "a.lan", NPM_PORT: "1" },
  });
  await stack.engine.admin.run({
    name: uniqueName("b"),
    env: { NPM_HOST: "b.lan", NPM_PORT: "2" },
  });
  await stack.engine.admin.run({ name: uniqueName("plain") });
  await stack.startEnvoy();
  await stack.waitForHost("a.lan", (row) => row.enabled && row.forward_port === 1);
  await stack.waitForHost("b.lan", (row) => row.enabled && row.forward_port === 2);
  assert.equal(stack.npm.proxyHosts().length, 2);
});

Deno.test("e2e: a stop missed while EnvoyNPM was down is caught at start-up", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const id = await stack.engine.admin.run({
    name: uniqueName("missed"),
    env: { NPM_HOST: "missed.lan", NPM_PORT: "80" },
  });
  await stack.waitForHost("missed.lan", (row) => row.enabled);
  await stack.envoy.stop();
  await stack.engine.admin.stop(id);
  await stack.startEnvoy();
  const host = await stack.waitForHost("missed.lan", (row) => !row.enabled);
  assert.equal(host.meta.comments, disabledComment("missed.lan"));
  assert.deepEqual(stack.npm.served(), []);
});

Deno.test("e2e: a restart of EnvoyNPM with everything in sync writes nothing", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  await stack.engine.admin.run({
    name: uniqueName("s1"),
    env: { NPM_HOST: "s1.lan", NPM_PORT: "80" },
  });
  const stopped = await stack.engine.admin.run({
    name: uniqueName("s2"),
    env: { NPM_HOST: "s2.lan", NPM_PORT: "80", NPM_ENABLE_WS: "yes" },
  });
  await stack.waitForHost("s1.lan", (row) => row.enabled);
  await stack.waitForHost("s2.lan", (row) => row.allow_websocket_upgrade);
  await stack.engine.admin.stop(stopped);
  await waitUntil(
    "s2 disabled and commented",
    () => stack.host("s2.lan")?.meta.comments === disabledComment("s2.lan"),
  );
  await stack.settled();
  const writes = stack.npm.writes();
  const rows = JSON.stringify(stack.npm.proxyHosts());

  await stack.startEnvoy();
  await stack.settled();
  assert.ok(stack.envoy.logs.some((line) => line.message.startsWith("Reconciled 2 containers")));
  assert.equal(stack.npm.writes(), writes);
  assert.equal(JSON.stringify(stack.npm.proxyHosts()), rows);
});

Deno.test("e2e: a container with bad settings gets one warning and no write", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy();
  const name = uniqueName("bad");
  const id = await stack.engine.admin.run({ name, env: { NPM_HOST: "bad.lan", NPM_PORT: "80a" } });
  const warning = await envoy.waitForLog(
    "the invalid-settings warning",
    (line) => line.level === "WARN" && line.message.includes(name),
  );
  assert.match(warning.message, /NPM_PORT/);
  assert.match(warning.message, /80a/);
  await stack.engine.admin.restart(id);
  await stack.settled();
  assert.equal(stack.npm.writes(), 0);
  assert.equal(
    envoy.logs.filter((line) => line.level === "WARN" && line.message.includes(name)).length,
    1,
  );
});

Deno.test("e2e: labels work where env is not set", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  await stack.engine.admin.run({
    name: uniqueName("labelled"),
    labels: { "envoynpm.host": "labels.lan", "envoynpm.port": "9000" },
  });
  const host = await stack.waitForHost("labels.lan", (row) => row.enabled);
  assert.equal(host.forward_port, 9000);
});

Deno.test("e2e: SIGTERM stops EnvoyNPM within 2 s", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy();
  const { code, ms } = await envoy.stop("SIGTERM");
  assert.equal(code, 0);
  assert.ok(ms < 2_000, `took ${Math.round(ms)} ms`);
  const stopped = envoy.logs.filter((line) => line.message.startsWith("EnvoyNPM stopped"));
  assert.equal(stopped.length, 1);
  assert.equal(stopped[0].level, "INFO");
  assert.match(stopped[0].message, /^EnvoyNPM stopped on "SIGTERM" in \d+ ms$/);
});

Deno.test("e2e: connecting a container to the network it names is noticed at once", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const net = await stack.engine.admin.createNetwork(uniqueName("net"));
  const id = await stack.engine.admin.run({
    name: uniqueName("late"),
    env: { NPM_HOST: "late.lan", NPM_PORT: "80", NPM_NETWORK: net.name },
  });
  await stack.envoy.waitForLog(
    "the not-attached warning",
    (line) => line.level === "WARN" && line.message.includes(net.name),
  );
  await stack.engine.admin.connect(net.name, id);
  const address = (await inspect(stack.engine.host, id)).networks
    .find((network) => network.name === net.name)?.ip;
  const host = await stack.waitForHost("late.lan", (row) => row.enabled);
  assert.equal(host.forward_host, address);
});
