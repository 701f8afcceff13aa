import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { freePort, startEnvoy } from "../support/envoy_process.ts";
import { startPrivateEngine } from "../support/private_engine.ts";
import { waitUntil } from "../support/wait.ts";
import { inspect } from "./_docker.ts";
import { FAST_STOP, startNpm, startStack } from "./_stack.ts";

Deno.test("e2e: after a Docker engine restart, hosts follow the containers that came back or did not", async () => {
  await using stack = await startStack();
  // A short resync, so that resyncs fail (and back off) while the engine is away.
  const envoy = await stack.startEnvoy({ RESYNC_INTERVAL: "1s" });
  const admin = stack.engine.admin;
  // Started first, so it holds the lower address; it does not come back.
  const oneShot = await admin.run({
    name: uniqueName("oneshot"),
    cmd: FAST_STOP,
    env: { NPM_HOST: "oneshot.lan", NPM_PORT: "80" },
  });
  const always = await admin.run({
    name: uniqueName("always"),
    cmd: FAST_STOP,
    restartPolicy: "always",
    env: { NPM_HOST: "always.lan", NPM_PORT: "8080" },
  });
  const before = (await inspect(stack.engine.host, always)).networks[0].ip;
  await stack.waitForHost("oneshot.lan", (row) => row.enabled);
  const created = await stack.waitForHost("always.lan", (row) => row.forward_host === before);

  await stack.engine.stop();
  const lost = await envoy.waitForLog(
    "the lost stream",
    (line) => /Lost Docker's event stream/.test(line.message),
  );
  // The engine stays away until EnvoyNPM's resyncs have failed five times (each failed one
  // logs an empty reconcile), so it is deep in its backoff when the engine comes back.
  await waitUntil(
    "five failed resyncs",
    () =>
      envoy.logs.slice(envoy.logs.indexOf(lost)).filter((line) =>
        line.message.startsWith("Reconciled 0 containers")
      ).length >= 5,
    { timeoutMs: 30_000 },
  );
  await stack.engine.start();
  const returned = performance.now();
  const after = (await inspect(stack.engine.host, always)).networks[0].ip;
  const timing = { timeoutMs: 7_000, intervalMs: 25 };
  const back = await stack.waitForHost(
    "always.lan",
    (row) => row.enabled && row.forward_host === after,
    timing,
  );
  const stopped = await stack.waitForHost("oneshot.lan", (row) => !row.enabled, timing);
  const convergedMs = performance.now() - returned;
  console.log(
    `engine restart: converged ${Math.round(convergedMs)} ms after the engine answered ` +
      `(always.lan ${before} → ${after})`,
  );
  assert.ok(convergedMs < 5_000 + 1_000, `converged after ${Math.round(convergedMs)} ms`);
  assert.equal(back.id, created.id);
  assert.equal(back.meta.container_id, always);
  assert.equal(stopped.meta.container_id, oneShot);
  assert.deepEqual(stack.npm.served(), ["always.lan"]);
  assert.equal(stack.npm.proxyHosts().length, 2);
  const connects = envoy.logs.filter((line) =>
    line.message === "Connected to Docker's event stream"
  );
  assert.ok(connects.length >= 2, "connected again after the restart");
  assert.ok(envoy.running, "EnvoyNPM did not exit");
});

Deno.test("e2e: a Docker socket missing at start is waited for; health turns ready when it appears", async () => {
  await using npm = await startNpm();
  const dir = await Deno.makeTempDir({ prefix: "envoynpm-late-" });
  await using _dir = { [Symbol.asyncDispose]: () => Deno.remove(dir, { recursive: true }) };
  const socket = `${dir}/docker.sock`;
  const port = freePort();
  await using envoy = startEnvoy({
    npm,
    dockerHost: `unix://${socket}`,
    env: { HTTP_ADDR: `127.0.0.1:${port}` },
  });
  const missing = await envoy.waitForLog(
    "the unreachable engine",
    (line) => line.level === "ERROR" && line.message.includes(socket),
  );
  assert.match(missing.message, /^Cannot reach the Docker engine at unix:\/\/.*docker\.sock: /);
  const healthz = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: response.status, body: await response.json() };
  };
  const waiting = await waitUntil("the status server", () => healthz().catch(() => undefined));
  assert.equal(waiting.status, 503);
  assert.equal(waiting.body.ready, false);
  assert.ok(waiting.body.detail.reasons.includes("Docker's event stream is not connected"));
  // Still trying, a few attempts later, and still alive.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal((await healthz()).status, 503);
  const errors = envoy.logs.filter((line) =>
    line.level === "ERROR" && line.message.includes(socket)
  );
  assert.equal(errors.length, 1, "the same failure is logged once, not at every attempt");

  await using engine = await startPrivateEngine({ socket });
  const appeared = performance.now();
  await engine.admin.run({
    name: uniqueName("late"),
    env: { NPM_HOST: "late.lan", NPM_PORT: "80" },
  });
  await waitUntil("the host of late.lan", () => npm.proxyHosts().find((row) => row.enabled));
  const ready = await waitUntil("/healthz to answer 200", async () => {
    const answer = await healthz();
    return answer.status === 200 ? answer : undefined;
  });
  console.log(
    `socket appeared: synced and ready ${Math.round(performance.now() - appeared)} ms later`,
  );
  assert.equal(ready.body.ready, true);
  assert.ok(envoy.logs.some((line) => line.message === "Connected to Docker's event stream"));
});
