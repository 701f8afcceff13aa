/**
 * `runController()` over the recording fakes and a fake clock: every wait is a step of the
 * clock, so the counts asserted are exact.
 */
import assert from "node:assert/strict";
import { startController, started } from "./_bed.ts";
import { container, id } from "../../support/model_factories.ts";
import { NPM_DOWN } from "../../support/npm_errors.ts";

const APP = { NPM_HOST: "app.lan", NPM_PORT: "80" };

Deno.test("runController() resyncs at connection: every running container gets its host", async () => {
  await using bed = startController();
  bed.docker.put(container("a", { NPM_HOST: "a.lan", NPM_PORT: "1" }));
  bed.docker.put(container("b", { NPM_HOST: "b.lan", NPM_PORT: "2" }));
  await bed.docker.connected();
  await bed.settled();
  assert.deepEqual(bed.npm.writes().sort(), ["POST /proxy-hosts a.lan", "POST /proxy-hosts b.lan"]);
  assert.equal(bed.reconciles(), 1, "one batch for the whole resync");
});

Deno.test("runController() coalesces a burst of events for one container into one reconcile, and a burst during it into one more", async () => {
  await using bed = await started();
  const before = bed.reconciles();
  const web = bed.docker.put(container("web", APP));
  const gate = Promise.withResolvers<void>();
  bed.docker.inspectGate = gate.promise;
  bed.docker.calls.length = 0;

  for (const action of ["die", "stop", "start"]) bed.docker.emit(web.id, action);
  await bed.settled();
  // A second burst while the first reconcile waits for its inspect.
  for (const action of ["die", "stop", "start", "health_status: healthy", "start"]) {
    bed.docker.emit(web.id, action);
  }
  bed.docker.inspectGate = undefined;
  gate.resolve();
  await bed.settled();
  assert.equal(bed.reconciles() - before, 2, "8 events, 2 reconciles");
  assert.equal(bed.docker.calls.filter((call) => call === "inspect web").length, 2);
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"]);
});

Deno.test("runController() lets a restart settle: a stop is acted on only if no start follows", async () => {
  await using bed = startController({ stopSettleMs: 300 });
  const web = bed.docker.put(container("web", APP));
  await bed.docker.connected();
  await bed.settled();
  assert.ok(bed.npm.hostFor("app.lan"));
  // A restart whose app ignores SIGTERM: kill, then (much later) die and stop, then start.
  bed.docker.emit(web.id, "kill");
  await bed.clock.advance(250);
  bed.docker.stop(web.id);
  bed.docker.emit(web.id, "die");
  bed.docker.emit(web.id, "stop");
  await bed.clock.advance(200);
  bed.docker.start(web.id);
  bed.docker.emit(web.id, "start");
  await bed.clock.advance(400);
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"], "no disable, no enable");
  // A real stop is acted on once it has settled, not before.
  bed.docker.stop(web.id);
  bed.docker.emit(web.id, "die");
  await bed.clock.advance(299);
  assert.equal(bed.npm.writes().length, 1);
  await bed.clock.advance(1);
  assert.ok(bed.npm.writes()[1].endsWith("/disable"), bed.npm.writes().join());
});

Deno.test("runController() ignores events that cannot change a host", async () => {
  await using bed = await started();
  const before = bed.reconciles();
  const web = bed.docker.put(container("web", APP));
  for (const action of ["exec_start: sh", "exec_create: sh", "attach", "top"]) {
    bed.docker.emit(web.id, action);
  }
  await bed.clock.advance(10_000);
  assert.equal(bed.reconciles(), before);
  assert.equal(bed.events.filter((event) => event.type === "docker_event").length, 4);
});

Deno.test("runController() reconnects when the event stream ends, and resyncs what it missed", async () => {
  await using bed = await started();
  // Started while the stream is down: no event will ever tell.
  const missed = bed.docker.put(container("missed", { NPM_HOST: "missed.lan", NPM_PORT: "80" }));
  bed.docker.endStream();
  await bed.clock.advance(19);
  assert.equal(bed.docker.connections, 1, "waits for the reconnect delay");
  await bed.clock.advance(1);
  assert.equal(bed.docker.connections, 2);
  assert.equal(bed.npm.hostFor("missed.lan")?.meta.container_id, missed.id);
  const connections = bed.events.flatMap((event) =>
    event.type === "docker_connection" ? [event.connected] : []
  );
  assert.deepEqual(connections, [true, false, true]);
  assert.equal(
    bed.events.filter((event) => event.type === "problem").length,
    0,
    "a stream that ends after it connected is not an error",
  );
});

Deno.test("runController() retries a transient NPM failure with backoff until it converges", async () => {
  await using bed = startController();
  bed.npm.failNext("POST /proxy-hosts", NPM_DOWN, 3);
  bed.docker.put(container("web", APP));
  await bed.docker.connected();
  await bed.settled();
  const writes = [bed.npm.writes().length];
  for (const step of [9, 1, 19, 1, 39, 1]) {
    await bed.clock.advance(step);
    writes.push(bed.npm.writes().length);
  }
  assert.deepEqual(writes, [1, 1, 2, 2, 3, 3, 4], "after 10, 20 and 40 ms");
  assert.ok(bed.npm.hostFor("app.lan"));
  const retries = bed.events.flatMap((event) => event.type === "retry" ? [event.delayMs] : []);
  assert.deepEqual(retries, [10, 20, 40]);
});

Deno.test("runController() retries at once when NPM returns after an outage, not after the backoff", async () => {
  await using bed = startController({
    retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
    npmProbeIntervalMs: 20,
    outageMs: 50,
  });
  // The resync's listing fails at 0 ms, then the probes every 20 ms (to 100 ms).
  bed.npm.failNext("GET /proxy-hosts", NPM_DOWN, 1);
  bed.npm.failNext("GET /access-lists", NPM_DOWN, 5);
  bed.docker.put(container("web", APP));
  await bed.docker.connected();
  await bed.clock.advance(119);
  assert.equal(bed.npm.hostFor("app.lan"), undefined);
  // The key backs off for 10 s; the probe at 120 ms sees NPM back.
  await bed.clock.advance(1);
  assert.ok(bed.npm.hostFor("app.lan"));
});

Deno.test("runController() repeats the resync every interval", async () => {
  await using bed = await started({ resyncIntervalMs: 30 });
  assert.equal(bed.reconciles(), 1);
  await bed.clock.advance(90);
  assert.equal(bed.reconciles(), 4);
  assert.deepEqual(bed.npm.writes(), []);
});

Deno.test("runController() resolves on abort, even while a key backs off, and does nothing after", async () => {
  const bed = startController({ retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } });
  bed.npm.failNext("POST /proxy-hosts", NPM_DOWN, 100);
  bed.docker.put(container("web", APP));
  await bed.docker.connected();
  await bed.settled();
  assert.equal(bed.npm.writes().length, 1);
  await bed.stop();
  const calls = bed.npm.calls.length;
  await bed.clock.advance(60_000);
  assert.equal(bed.npm.calls.length, calls, "nothing after the abort");
});

Deno.test("runController() follows NPM's container: its network change re-plans every host at once", async () => {
  await using bed = startController();
  bed.docker.put(container("app", APP, { networkMode: "host", networks: [] }));
  await bed.docker.connected();
  await bed.settled();
  assert.equal(bed.npm.hostFor("app.lan")?.forward_host, "172.18.0.1", "the gateway of casaos");
  const npm = bed.docker.put(container("npm", {}, {
    image: "jc21/nginx-proxy-manager:2",
    networks: [{ name: "proxy", ip: "172.20.0.2", gateway: "172.20.0.1" }],
  }));
  const before = bed.reconciles();
  bed.docker.emit(npm.id, "network_connect");
  await bed.clock.advance(20);
  assert.equal(bed.npm.hostFor("app.lan")?.forward_host, "172.20.0.1", "the gateway of proxy");
  assert.equal(bed.reconciles() - before, 1, "one resync");
  const placements = bed.events.flatMap((event) =>
    event.type === "npm_placement" ? [event.placement] : []
  );
  assert.deepEqual(placements, [
    { container: "npm", foundBy: "image", networks: ["casaos"] },
    { container: "npm", foundBy: "image", networks: ["proxy"] },
  ]);
});

Deno.test("runController() follows NPM's container when it starts after EnvoyNPM", async () => {
  await using bed = startController();
  bed.docker.remove(id("npm"));
  bed.docker.put(container("app", APP, { networkMode: "host", networks: [] }));
  await bed.docker.connected();
  await bed.settled();
  assert.equal(bed.npm.hostFor("app.lan"), undefined, "no address known for a host-network app");
  const npm = bed.docker.put(container("npm", {}, { image: "jc21/nginx-proxy-manager:2" }));
  bed.docker.emit(npm.id, "start");
  await bed.settled();
  assert.equal(bed.npm.hostFor("app.lan")?.forward_host, "172.18.0.1");
});

Deno.test("runController() tells an NPM outage with no event pending once, and its end once", async () => {
  await using bed = await started({ npmProbeIntervalMs: 10, outageMs: 60 });
  // The probes at 10 to 120 ms fail; the one at 130 ms answers.
  bed.npm.failNext("GET /access-lists", NPM_DOWN, 12);
  await bed.clock.advance(200);
  const outages = bed.events.flatMap((event) => event.type === "outage" ? [event] : []);
  assert.deepEqual(outages.map((outage) => outage.down ? outage.forMs : -outage.lastedMs), [
    60,
    -120,
  ]);
  const [down] = outages;
  assert.equal(down.service, "npm");
  assert.match(down.down ? down.cause : "", /NPM answered 502 at http:\/\/npm\/api/);
  const errors = bed.events.filter((event) => event.type === "problem");
  assert.deepEqual(errors, [], "a probe's failure is the outage's to tell");
});

Deno.test("runController() makes a network connect and the start that follows one reconcile", async () => {
  await using bed = await started({ connectSettleMs: 200 });
  const before = bed.reconciles();
  const web = bed.docker.put(container("web", APP));
  bed.docker.emit(web.id, "network_connect");
  await bed.clock.advance(30);
  assert.equal(bed.reconciles(), before, "the connect waits for a start");
  bed.docker.emit(web.id, "start");
  await bed.settled();
  assert.ok(bed.npm.hostFor("app.lan"));
  await bed.clock.advance(500);
  assert.equal(bed.reconciles() - before, 1);
});

Deno.test("runController() names the container of a network event as it names others", async () => {
  await using bed = startController();
  const web = bed.docker.put(container("web", APP));
  await bed.docker.connected();
  await bed.settled();
  bed.docker.emit(web.id, "network_disconnect");
  const named = bed.events.flatMap((event) => event.type === "docker_event" ? [event.event] : []);
  assert.equal(named.at(-1)?.name, "web");
});

Deno.test("runController() probes NPM with a small read, and not when a reconcile just read it", async () => {
  await using bed = await started({ npmProbeIntervalMs: 1_000, resyncIntervalMs: 0 });
  bed.npm.clearCalls();
  await bed.clock.advance(2_000);
  assert.deepEqual(bed.npm.calls, ["GET /access-lists", "GET /access-lists"], "idle: two probes");
  bed.npm.clearCalls();
  const web = bed.docker.put(container("web", APP));
  await bed.clock.advance(500);
  bed.docker.emit(web.id, "start");
  await bed.clock.advance(500);
  const probes = bed.npm.calls.filter((call) => call === "GET /access-lists");
  // The reconcile plans on the resync's listing and lists after its create; the probe at 3 s is
  // skipped, as that read answered.
  assert.equal(probes.length, 1, bed.npm.calls.join());
  assert.ok(bed.npm.hostFor("app.lan"));
});
