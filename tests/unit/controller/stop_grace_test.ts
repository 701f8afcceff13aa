/**
 * STOP_GRACE, STOP_ACTION and health-aware publishing on the fake clock: counts and times are
 * exact.
 */
import assert from "node:assert/strict";
import { started } from "./_bed.ts";
import { container } from "../../support/model_factories.ts";

const APP = { NPM_HOST: "app.lan", NPM_PORT: "80" };

const GRACE_CASES = [
  { desc: "waits STOP_GRACE after a stop", graceMs: 30_000, actsAt: 30_000 },
  {
    desc: "keeps the restart wait as the floor of a shorter STOP_GRACE",
    graceMs: 100,
    actsAt: 300,
  },
  { desc: "without STOP_GRACE waits the restart wait", graceMs: 0, actsAt: 300 },
];

for (const { desc, graceMs, actsAt } of GRACE_CASES) {
  Deno.test(`runController() ${desc}: nothing at ${actsAt - 1} ms, the disable at ${actsAt} ms`, async () => {
    await using bed = await started({ stopSettleMs: 300, stopGraceMs: graceMs });
    const web = bed.docker.put(container("web", APP));
    bed.docker.emit(web.id, "start");
    await bed.settled();
    assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"]);
    bed.docker.stop(web.id);
    bed.docker.emit(web.id, "die");
    bed.docker.emit(web.id, "stop");
    await bed.clock.advance(actsAt - 1);
    assert.equal(bed.npm.writes().length, 1, "nothing before the grace ends");
    await bed.clock.advance(1);
    assert.equal(bed.npm.writes().length, 3, bed.npm.writes().join());
    assert.ok(bed.npm.writes()[1].endsWith("/disable"));
  });
}

Deno.test("runController() with a start within STOP_GRACE writes nothing", async () => {
  await using bed = await started({ stopSettleMs: 300, stopGraceMs: 30_000 });
  const web = bed.docker.put(container("web", APP));
  bed.docker.emit(web.id, "start");
  await bed.settled();
  bed.docker.stop(web.id);
  bed.docker.emit(web.id, "die");
  await bed.clock.advance(20_000);
  bed.docker.start(web.id);
  bed.docker.emit(web.id, "start");
  await bed.clock.advance(60_000);
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"]);
});

Deno.test("runController() with STOP_ACTION=maintenance: one PUT on stop, one PUT on start", async () => {
  await using bed = await started({ stopSettleMs: 300, stopAction: "maintenance" });
  const web = bed.docker.put(container("web", APP));
  bed.docker.emit(web.id, "start");
  await bed.settled();
  const hostId = bed.npm.hostFor("app.lan")?.id;
  bed.docker.stop(web.id);
  bed.docker.emit(web.id, "die");
  await bed.clock.advance(300);
  assert.deepEqual(bed.npm.writes().slice(1), [`PUT ${hostId}`]);
  assert.match(bed.npm.hostFor("app.lan")?.advanced_config ?? "", /return 503/);
  assert.equal(bed.npm.hostFor("app.lan")?.enabled, true);
  bed.docker.start(web.id);
  bed.docker.emit(web.id, "start");
  await bed.settled();
  assert.deepEqual(bed.npm.writes().slice(1), [`PUT ${hostId}`, `PUT ${hostId}`]);
  assert.equal(bed.npm.hostFor("app.lan")?.advanced_config, "");
});

const KEEP_CASES = [
  {
    desc: "NPM_STOP_ACTION=keep on the container leaves its host on stop",
    global: "maintenance",
    own: "keep",
    removed: false,
  },
  {
    desc: "a removed container gets STOP_ACTION (its own setting is gone)",
    global: "keep",
    own: "disable",
    removed: true,
  },
] as const;

for (const { desc, global, own, removed } of KEEP_CASES) {
  Deno.test(`runController(): ${desc}`, async () => {
    await using bed = await started({ stopSettleMs: 300, stopAction: global });
    const web = bed.docker.put(container("web", { ...APP, NPM_STOP_ACTION: own }));
    bed.docker.emit(web.id, "start");
    await bed.settled();
    if (removed) bed.docker.remove(web.id);
    else bed.docker.stop(web.id);
    bed.docker.emit(web.id, removed ? "destroy" : "die");
    await bed.clock.advance(1_000);
    assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"]);
  });
}

const HEALTH_CASES = [
  { health: "starting", env: {}, writes: 0 },
  { health: "unhealthy", env: {}, writes: 0 },
  { health: "healthy", env: {}, writes: 1 },
  { health: "starting", env: { NPM_HEALTH: "ignore" }, writes: 1 },
  { health: "unhealthy", env: { NPM_HEALTH: "ignore" }, writes: 1 },
  { health: undefined, env: {}, writes: 1 },
] as const;

for (const { health, env, writes } of HEALTH_CASES) {
  Deno.test(`runController() publishes a new ${health ?? "no-healthcheck"} container ${JSON.stringify(env)}: ${writes} write`, async () => {
    await using bed = await started();
    const web = bed.docker.put(container("web", { ...APP, ...env }, health ? { health } : {}));
    bed.docker.emit(web.id, "start");
    await bed.settled();
    assert.equal(bed.npm.writes().length, writes, bed.npm.writes().join());
  });
}

Deno.test("runController() publishes once healthy, and disables after STOP_GRACE unhealthy", async () => {
  await using bed = await started({ stopSettleMs: 300, stopGraceMs: 5_000 });
  const web = bed.docker.put(container("web", APP, { health: "starting" }));
  bed.docker.emit(web.id, "start");
  await bed.settled();
  assert.deepEqual(bed.npm.writes(), []);
  bed.docker.put({ ...web, health: "healthy" });
  bed.docker.emit(web.id, "health_status: healthy");
  await bed.settled();
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"]);
  bed.docker.put({ ...web, health: "unhealthy" });
  bed.docker.emit(web.id, "health_status: unhealthy");
  await bed.clock.advance(4_999);
  assert.equal(bed.npm.writes().length, 1);
  await bed.clock.advance(1);
  assert.ok(bed.npm.writes()[1].endsWith("/disable"), bed.npm.writes().join());
  bed.docker.put({ ...web, health: "healthy" });
  bed.docker.emit(web.id, "health_status: healthy");
  await bed.settled();
  assert.equal(bed.npm.writes().length, 4, bed.npm.writes().join());
});

Deno.test("runController() leaves the host of a container back to healthy within STOP_GRACE", async () => {
  await using bed = await started({ stopSettleMs: 300, stopGraceMs: 5_000 });
  const web = bed.docker.put(container("web", APP, { health: "healthy" }));
  bed.docker.emit(web.id, "start");
  await bed.settled();
  bed.docker.put({ ...web, health: "unhealthy" });
  bed.docker.emit(web.id, "health_status: unhealthy");
  await bed.clock.advance(2_000);
  bed.docker.put({ ...web, health: "healthy" });
  bed.docker.emit(web.id, "health_status: healthy");
  await bed.clock.advance(10_000);
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"]);
});

Deno.test("runController() leaves a container in its STOP_GRACE out of a resync", async () => {
  await using bed = await started({
    stopSettleMs: 300,
    stopGraceMs: 30_000,
    resyncIntervalMs: 10_000,
  });
  const web = bed.docker.put(container("web", APP));
  bed.docker.emit(web.id, "start");
  await bed.settled();
  const before = bed.reconciles();
  bed.docker.stop(web.id);
  bed.docker.emit(web.id, "die");
  await bed.clock.advance(29_999);
  assert.ok(bed.reconciles() - before >= 2, "resyncs ran meanwhile");
  assert.equal(bed.npm.writes().length, 1, "none acted on the stop");
  await bed.clock.advance(1);
  assert.ok(bed.npm.writes()[1]?.endsWith("/disable"), bed.npm.writes().join());
});

const QUICK_STOP_CASES = [
  { desc: "a start 1 s later writes nothing", restart: true },
  { desc: "no start: the disable at the settle's end", restart: false },
];

for (const { desc, restart } of QUICK_STOP_CASES) {
  Deno.test(`runController() lets a stop 50 ms after a start settle though the start left the key due: ${desc}`, async () => {
    await using bed = await started({ stopSettleMs: 1_500 });
    const web = bed.docker.put(container("web", APP));
    // `docker run`: the network connect's reconcile (its inspect held) is still under way when the
    // start queues the key again, due at once.
    const gate = Promise.withResolvers<void>();
    bed.docker.inspectGate = gate.promise;
    bed.docker.emit(web.id, "network_connect");
    await bed.clock.advance(20);
    bed.docker.emit(web.id, "start");
    await bed.clock.advance(50);
    bed.docker.stop(web.id);
    bed.docker.emit(web.id, "die");
    bed.docker.emit(web.id, "stop");
    bed.docker.inspectGate = undefined;
    gate.resolve();
    await bed.settled();
    assert.deepEqual(
      bed.npm.writes(),
      ["POST /proxy-hosts app.lan"],
      "the held reconcile's create",
    );
    if (restart) {
      await bed.clock.advance(950);
      bed.docker.start(web.id);
      bed.docker.emit(web.id, "start");
      await bed.clock.advance(10_000);
      assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"], "no disable, no enable");
      return;
    }
    await bed.clock.advance(1_499);
    assert.equal(bed.npm.writes().length, 1, "nothing before the settle ends");
    await bed.clock.advance(1);
    assert.equal(bed.npm.writes().length, 3, bed.npm.writes().join());
    assert.ok(bed.npm.writes()[1].endsWith("/disable"));
  });
}

Deno.test("runController() lets a stop that comes in while its container's reconcile runs settle too: a restart writes nothing", async () => {
  await using bed = await started({ stopSettleMs: 1_500 });
  const web = bed.docker.put(container("web", APP));
  bed.docker.emit(web.id, "start");
  await bed.settled();
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"]);
  // A reconcile of the running container is under way (NPM listed, Docker's answer pending)
  // when `docker restart` stops it: the inspect answers "stopped".
  const gate = Promise.withResolvers<void>();
  bed.docker.inspectGate = gate.promise;
  bed.docker.answersAtGate = true;
  bed.docker.emit(web.id, "start");
  await bed.clock.advance(10);
  bed.docker.stop(web.id);
  bed.docker.emit(web.id, "die");
  bed.docker.inspectGate = undefined;
  gate.resolve();
  await bed.clock.advance(500);
  bed.docker.start(web.id);
  bed.docker.emit(web.id, "start");
  await bed.clock.advance(10_000);
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"], "no disable, no enable");
});

Deno.test("runController(): a container recreated under its name (its settings changed) takes its hosts over in one write each, never offline", async () => {
  await using bed = await started({ stopSettleMs: 1_500 });
  const env = { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_HOST_1: "old.lan" };
  const old = bed.docker.put(container("web", env));
  bed.docker.emit(old.id, "start");
  await bed.settled();
  assert.equal(bed.npm.writes().length, 2, bed.npm.writes().join());
  // CasaOS applies new settings: stop, remove, create under the same name, start.
  bed.docker.stop(old.id);
  bed.docker.emit(old.id, "die");
  bed.docker.emit(old.id, "stop");
  bed.docker.remove(old.id);
  bed.docker.emit(old.id, "destroy");
  await bed.clock.advance(300);
  const recreated = bed.docker.put(
    container("web", { ...env, NPM_HOST_1: "new.lan" }, { id: "f".repeat(64) }),
  );
  bed.docker.emit(recreated.id, "start");
  await bed.clock.advance(10_000);
  const writes = bed.npm.writes().slice(2);
  assert.equal(writes.length, 2, writes.join());
  assert.ok(writes.every((write) => write.startsWith("PUT ")), writes.join());
  assert.deepEqual(bed.npm.hosts().map((host) => [host.domain_names, host.enabled]), [
    [["app.lan"], true],
    [["new.lan"], true],
  ]);
});
