import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { freePort, startEnvoy } from "../support/envoy_process.ts";
import { startPrivateEngine } from "../support/private_engine.ts";
import { waitUntil } from "../support/wait.ts";
import { inspect } from "./_docker.ts";
import { duplicateDomains, FAST_STOP, startNpm, startStack } from "./_stack.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

Deno.test("e2e: NPM down for 30 s: no crash, no duplicate, and the latest state wins once it is back", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy();
  const { admin } = stack.engine;
  const run = (label: string) =>
    admin.run({
      name: uniqueName(label),
      cmd: FAST_STOP,
      env: { NPM_HOST: `${label}.lan`, NPM_PORT: "80" },
    });
  const [a, b, c] = [await run("a"), await run("b"), await run("c")];
  for (const domain of ["a.lan", "b.lan", "c.lan"]) {
    await stack.waitForHost(domain, (row) => row.enabled);
  }

  const writesBefore = stack.npm.writes();
  stack.npm.faults.down(true);
  const wentDown = performance.now();
  await admin.stop(a);
  await admin.remove(c);
  const d = await run("d");
  const e = await run("e");
  await admin.restart(b);
  await admin.stop(e);
  await envoy.waitForLog("NPM's 502", (line) => line.level === "ERROR" && /502/.test(line.message));
  await sleep(30_000 - (performance.now() - wentDown));
  assert.ok(envoy.running, "EnvoyNPM is still running");
  assert.equal(stack.npm.writes(), writesBefore, "no write got through the outage");

  stack.npm.faults.down(false);
  const back = performance.now();
  const address = async (id: string) => (await inspect(stack.engine.host, id)).networks[0].ip;
  const want = { b: await address(b), d: await address(d) };
  // Bounded by the longest retry delay of a failed key (30 s) and one round of the client's retries.
  await waitUntil("the state after the outage", () => {
    const on = (domain: string, ip: string) =>
      stack.host(domain)?.enabled === true && stack.host(domain)?.forward_host === ip;
    return stack.host("a.lan")?.enabled === false && on("b.lan", want.b) &&
      stack.host("c.lan")?.enabled === false && on("d.lan", want.d);
  }, { timeoutMs: 35_000, intervalMs: 100 });
  console.log(
    `NPM down 30 s: converged ${Math.round(performance.now() - back)} ms after it returned`,
  );
  await stack.settled();
  assert.deepEqual(stack.npm.served().sort(), ["b.lan", "d.lan"]);
  assert.equal(stack.host("e.lan"), undefined, "e stopped before NPM ever saw it");
  assert.deepEqual(duplicateDomains(stack.npm.proxyHosts()), []);
  assert.equal(stack.npm.proxyHosts().length, 4);
  assert.equal(stack.host("d.lan")?.meta.container_id, d);
  assert.ok(envoy.running);
  // Never silent: one WARNING naming NPM's URL and why, one INFO with the outage's length.
  const warned = envoy.logs.filter((line) => line.message.includes("NPM has not answered for"));
  assert.equal(warned.length, 1, JSON.stringify(warned));
  assert.equal(warned[0].level, "WARN");
  assert.ok(warned[0].message.includes(stack.npm.url), warned[0].message);
  const returned = envoy.logs.filter((line) =>
    /NPM answers again after an outage of \d+ s/.test(line.message)
  );
  assert.deepEqual(returned.map((line) => line.level), ["INFO"]);
});

Deno.test("e2e: NPM not up at boot is waited for, then synced", async () => {
  await using engine = await startPrivateEngine();
  await engine.admin.run({
    name: uniqueName("early"),
    env: { NPM_HOST: "early.lan", NPM_PORT: "80" },
  });
  const port = freePort();
  const url = `http://127.0.0.1:${port}`;
  const identity = { email: "admin@example.com", password: "changeme" };
  await using envoy = startEnvoy({ npm: { url, ...identity }, dockerHost: engine.host });
  const warning = await envoy.waitForLog(
    "NPM unreachable",
    (line) => line.level === "WARN" && line.message.includes(url),
  );
  assert.match(warning.message, /unreachable.*retrying until it answers/);
  await sleep(1_000);
  assert.ok(envoy.running, "EnvoyNPM waits for NPM instead of exiting");

  await using npm = await startNpm({ port, ...identity });
  const appeared = performance.now();
  await waitUntil("the host of early.lan", () => npm.proxyHosts().find((row) => row.enabled), {
    timeoutMs: 40_000,
  });
  console.log(`NPM appeared: synced ${Math.round(performance.now() - appeared)} ms later`);
  assert.ok(envoy.logs.some((line) => line.message.startsWith("Logged in to NPM")));
});
