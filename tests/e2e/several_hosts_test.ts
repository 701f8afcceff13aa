/**
 * Several proxy hosts per container on the real engine and the NPM double: `NPM_HOST=a,b` is one
 * host with both domains, `NPM_HOST_<n>` each its own host with its own `NPM_PORT_<n>`, … Changes
 * of settings (a container recreated) are in `several_hosts_recreate_test.ts`.
 */
import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { freePort } from "../support/envoy_process.ts";
import { FAST_STOP, startStack, waitRetired } from "./_stack.ts";

/** `NPM_HOST` on port 80, and `NPM_HOST_1`, `NPM_HOST_2` on ports of their own. */
const THREE = {
  NPM_HOST: "main.lan",
  NPM_PORT: "80",
  NPM_HOST_1: "ui.lan",
  NPM_PORT_1: "8080",
  NPM_HOST_2: "api.lan",
  NPM_PORT_2: "9000",
  NPM_ENABLE_WS_2: "true",
} as const;
const DOMAINS = ["main.lan", "ui.lan", "api.lan"] as const;

Deno.test("e2e: NPM_HOST=a.lan,b.lan is one host with both domains; a restart of EnvoyNPM writes nothing", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  // A space after a comma is allowed, a repeated domain dropped.
  const name = uniqueName("list");
  await stack.engine.admin.run({
    name,
    cmd: FAST_STOP,
    env: { NPM_HOST: "a.lan, b.lan,a.lan", NPM_PORT: "80" },
  });
  const host = await stack.waitForHost("a.lan", (row) => row.enabled);
  await stack.settled();
  assert.deepEqual(host.domain_names, ["a.lan", "b.lan"]);
  assert.equal(stack.host("b.lan")?.id, host.id, "b.lan is on the same host");
  assert.equal(stack.npm.proxyHosts().length, 1);
  assert.deepEqual(stack.npm.served().sort(), ["a.lan", "b.lan"]);
  assert.equal(host.meta.site, undefined, "NPM_HOST's host records no site");
  assert.equal(host.meta.comments, `[EnvoyNPM Managed] Linked to: ${name} (a.lan)`);
  assert.equal(stack.npm.writes(), 1);

  const rows = JSON.stringify(stack.npm.proxyHosts());
  await stack.startEnvoy();
  await stack.settled();
  assert.equal(stack.npm.writes(), 1, "in sync: no write");
  assert.equal(JSON.stringify(stack.npm.proxyHosts()), rows);
});

Deno.test("e2e: NPM_HOST_1, NPM_HOST_2 and NPM_HOST are three hosts with their own ports; /api/state lists them", async () => {
  await using stack = await startStack();
  const port = freePort();
  await stack.startEnvoy({ HTTP_ADDR: `127.0.0.1:${port}` });
  const id = await stack.engine.admin.run({
    name: uniqueName("three"),
    cmd: FAST_STOP,
    env: THREE,
  });
  for (const domain of DOMAINS) await stack.waitForHost(domain, (row) => row.enabled);
  await stack.settled();
  const [main, ui, api] = DOMAINS.map((domain) => stack.host(domain)!);
  assert.equal(stack.npm.proxyHosts().length, 3);
  assert.deepEqual([main, ui, api].map((row) => row.domain_names), DOMAINS.map((d) => [d]));
  assert.deepEqual([main, ui, api].map((row) => row.forward_port), [80, 8080, 9000]);
  assert.deepEqual([main, ui, api].map((row) => row.meta.site), [undefined, "1", "2"]);
  assert.deepEqual([main, ui, api].map((row) => row.allow_websocket_upgrade), [false, false, true]);
  assert.deepEqual([main, ui, api].map((row) => row.meta.container_id), [id, id, id]);
  assert.equal(new Set([main.forward_host, ui.forward_host, api.forward_host]).size, 1);
  assert.equal(stack.npm.writes(), 3, "one create per host");

  const state = await (await fetch(`http://127.0.0.1:${port}/api/state`)).json();
  const row = state.containers[id];
  assert.equal(row.status, "published");
  assert.deepEqual(
    row.hosts.map((h: { site: string; domains: string[]; forward: string; status: string }) => [
      h.site,
      h.domains,
      h.forward,
      h.status,
    ]),
    [
      ["", ["main.lan"], `http://${main.forward_host}:80`, "published"],
      ["1", ["ui.lan"], `http://${main.forward_host}:8080`, "published"],
      ["2", ["api.lan"], `http://${main.forward_host}:9000`, "published"],
    ],
  );

  const rows = JSON.stringify(stack.npm.proxyHosts());
  await stack.startEnvoy();
  await stack.settled();
  assert.equal(stack.npm.writes(), 3, "a restart of EnvoyNPM in sync writes nothing");
  assert.equal(JSON.stringify(stack.npm.proxyHosts()), rows);
});

Deno.test("e2e: docker stop disables all of a container's hosts; docker start enables the same hosts again", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const id = await stack.engine.admin.run({
    name: uniqueName("cycle"),
    cmd: FAST_STOP,
    env: THREE,
  });
  for (const domain of DOMAINS) await stack.waitForHost(domain, (row) => row.enabled);
  await stack.settled();
  const ids = DOMAINS.map((domain) => stack.host(domain)!.id);
  assert.equal(stack.npm.writes(), 3);

  await stack.engine.admin.stop(id);
  await waitRetired(stack, DOMAINS);
  await stack.settled();
  assert.deepEqual(stack.npm.served(), []);
  assert.equal(stack.npm.writes(), 3 + 2 * 3, "a disable and a comment per host");

  await stack.engine.admin.start(id);
  for (const domain of DOMAINS) await stack.waitForHost(domain, (row) => row.enabled);
  await stack.settled();
  assert.deepEqual(DOMAINS.map((domain) => stack.host(domain)!.id), ids, "the same hosts");
  assert.equal(stack.npm.proxyHosts().length, 3, "none made anew");
  assert.deepEqual(stack.npm.served().sort(), [...DOMAINS].sort());
  assert.deepEqual(DOMAINS.map((domain) => stack.host(domain)!.meta.site), [undefined, "1", "2"]);
  assert.equal(stack.npm.writes(), 3 + 6 + 3, "one write per host on start");
});

Deno.test("e2e: a bad NPM_PORT_1 blocks the whole container: one warning naming it, no write", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy();
  const name = uniqueName("bad");
  const id = await stack.engine.admin.run({
    name,
    cmd: FAST_STOP,
    env: {
      NPM_HOST_1: "bad.lan",
      NPM_PORT_1: "abc",
      NPM_HOST_2: "fine.lan",
      NPM_PORT_2: "80",
    },
  });
  const warning = await envoy.waitForLog(
    "the invalid-settings warning",
    (line) => line.level === "WARN" && line.message.includes(name),
  );
  assert.match(warning.message, /NPM_PORT_1/);
  assert.match(warning.message, /abc/);
  await stack.engine.admin.restart(id);
  await stack.settled();
  assert.equal(stack.npm.writes(), 0, "not even fine.lan's host");
  assert.deepEqual(stack.npm.proxyHosts(), []);
  const told = envoy.logs.filter((line) => line.level === "WARN" && line.message.includes(name));
  assert.equal(told.length, 1, told.map((line) => line.message).join(" | "));
});

Deno.test("e2e: envoynpm.host_1 labels make a host of their own; a setting without its NPM_HOST_<n> is a warning", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy();
  const name = uniqueName("labelled");
  await stack.engine.admin.run({
    name,
    cmd: FAST_STOP,
    labels: {
      "envoynpm.host": "lab.lan",
      "envoynpm.port": "80",
      "envoynpm.host_1": "lab1.lan",
      "envoynpm.port_1": "81",
      "envoynpm.port_3": "82",
    },
  });
  const stray = await envoy.waitForLog(
    "the stray setting warning",
    (line) => line.level === "WARN" && line.message.includes("envoynpm.port_3"),
  );
  assert.match(stray.message, new RegExp(`^Container ${name}: `));
  assert.match(stray.message, /NPM_HOST_3 is not set/);
  const lab = await stack.waitForHost("lab.lan", (row) => row.enabled);
  const lab1 = await stack.waitForHost("lab1.lan", (row) => row.enabled);
  await stack.settled();
  assert.deepEqual([lab.forward_port, lab1.forward_port], [80, 81]);
  assert.deepEqual([lab.meta.site, lab1.meta.site], [undefined, "1"]);
  assert.equal(stack.npm.writes(), 2, "the stray setting blocks nothing");
  const told = envoy.logs.filter((line) => line.message.includes("envoynpm.port_3"));
  assert.equal(told.length, 1);
});
