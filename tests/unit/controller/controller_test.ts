import assert from "node:assert/strict";
import { type ControllerOptions, runController } from "../../../lib/controller/controller.ts";
import type { ControllerEvent } from "../../../lib/controller/events.ts";
import { container, FakeDocker, FakeNpm, id, NPM_DOWN } from "../../support/fakes.ts";
import { waitUntil } from "../../support/wait.ts";

/** A controller over fresh fakes, with short timers; stop it with `await using`. */
function startController(options: Partial<ControllerOptions> = {}) {
  const docker = new FakeDocker();
  // NPM's own container beside the apps on `casaos`, as on a CasaOS host.
  docker.put(container("npm", {}, { image: "jc21/nginx-proxy-manager:2" }));
  const npm = new FakeNpm();
  const events: ControllerEvent[] = [];
  const controller = new AbortController();
  const running = runController({ docker, npm }, {
    signal: controller.signal,
    emit: (event) => events.push(event),
    resyncIntervalMs: 0,
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    reconnectMaxMs: 20,
    pingIntervalMs: 60_000,
    npmProbeIntervalMs: 60_000,
    connectSettleMs: 20,
    ...options,
  });
  const reconciles = () => events.filter((event) => event.type === "reconcile").length;
  return {
    docker,
    npm,
    events,
    running,
    reconciles,
    /** Waits until no reconcile has started for `quietMs`. */
    async settled(quietMs = 80) {
      let count = -1;
      let since = Date.now();
      await waitUntil("the controller to go quiet", () => {
        if (npm.calls.length !== count) {
          count = npm.calls.length;
          since = Date.now();
        }
        return Date.now() - since >= quietMs;
      });
    },
    async stop() {
      controller.abort();
      await running;
    },
    async [Symbol.asyncDispose]() {
      controller.abort();
      await running;
    },
  };
}

Deno.test("runController() resyncs at connection: every running container gets its host", async () => {
  await using bed = startController();
  bed.docker.put(container("a", { NPM_HOST: "a.lan", NPM_PORT: "1" }));
  bed.docker.put(container("b", { NPM_HOST: "b.lan", NPM_PORT: "2" }));
  await bed.docker.connected();
  await bed.settled();
  assert.deepEqual(bed.npm.writes().sort(), ["POST /proxy-hosts a.lan", "POST /proxy-hosts b.lan"]);
  assert.equal(bed.reconciles(), 1, "one batch for the whole resync");
});

Deno.test("runController() coalesces a burst of events for one container into one or two reconciles", async () => {
  await using bed = startController();
  await bed.docker.connected();
  await bed.settled();
  const before = bed.reconciles();
  const web = bed.docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  bed.docker.inspectDelayMs = 40;
  bed.docker.calls.length = 0;

  bed.docker.emit(web.id, "die");
  bed.docker.emit(web.id, "stop");
  bed.docker.emit(web.id, "start");
  await new Promise((resolve) => setTimeout(resolve, 10));
  // A second burst while the first reconcile runs: at most one more reconcile.
  for (const action of ["die", "stop", "start", "health_status: healthy", "start"]) {
    bed.docker.emit(web.id, action);
  }
  await bed.settled(150);
  const reconciles = bed.reconciles() - before;
  assert.ok(reconciles >= 1 && reconciles <= 2, `${reconciles} reconciles for 8 events`);
  assert.ok(bed.docker.calls.filter((call) => call === "inspect web").length <= 2);
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"]);
});

Deno.test("runController() lets a restart settle: a stop is acted on only if no start follows", async () => {
  await using bed = startController({ stopSettleMs: 300 });
  const web = bed.docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  await bed.docker.connected();
  await waitUntil("the host", () => bed.npm.hostFor("app.lan"));
  await bed.settled();
  // A restart whose app ignores SIGTERM: kill, then (much later) die and stop, then start.
  bed.docker.emit(web.id, "kill");
  await new Promise((resolve) => setTimeout(resolve, 250));
  bed.docker.stop(web.id);
  bed.docker.emit(web.id, "die");
  bed.docker.emit(web.id, "stop");
  await new Promise((resolve) => setTimeout(resolve, 200));
  bed.docker.start(web.id);
  bed.docker.emit(web.id, "start");
  await bed.settled(400);
  assert.deepEqual(bed.npm.writes(), ["POST /proxy-hosts app.lan"], "no disable, no enable");
  // A real stop is acted on once it has settled.
  bed.docker.stop(web.id);
  bed.docker.emit(web.id, "die");
  await waitUntil("the disable", () => bed.npm.writes().some((w) => w.endsWith("/disable")));
});

Deno.test("runController() ignores events that cannot change a host", async () => {
  await using bed = startController();
  await bed.docker.connected();
  await bed.settled();
  const before = bed.reconciles();
  const web = bed.docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  for (const action of ["exec_start: sh", "health_status: healthy", "attach", "top"]) {
    bed.docker.emit(web.id, action);
  }
  await bed.settled();
  assert.equal(bed.reconciles(), before);
  assert.equal(bed.events.filter((event) => event.type === "docker_event").length, 4);
});

Deno.test("runController() reconnects when the event stream ends, and resyncs what it missed", async () => {
  await using bed = startController();
  await bed.docker.connected();
  await bed.settled();
  // Started while the stream is down: no event will ever tell.
  const missed = bed.docker.put(container("missed", { NPM_HOST: "missed.lan", NPM_PORT: "80" }));
  bed.docker.endStream();
  await bed.docker.connected(2);
  await bed.settled();
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
  bed.docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  await bed.docker.connected();
  await waitUntil("the host", () => bed.npm.hostFor("app.lan"));
  await bed.settled();
  assert.deepEqual(bed.npm.writes(), Array(4).fill("POST /proxy-hosts app.lan"));
});

Deno.test("runController() retries at once when NPM returns after an outage, not after the backoff", async () => {
  await using bed = startController({
    retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
    npmProbeIntervalMs: 20,
    npmOutageMs: 50,
  });
  bed.npm.failNext("GET /proxy-hosts", NPM_DOWN, 6);
  bed.docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  await bed.docker.connected();
  // The key backs off for 10 s; the probe sees NPM back well before that.
  await waitUntil("the host", () => bed.npm.hostFor("app.lan"), { timeoutMs: 3_000 });
});

Deno.test("runController() repeats the resync every interval", async () => {
  await using bed = startController({ resyncIntervalMs: 30 });
  await bed.docker.connected();
  await waitUntil("three reconciles", () => bed.reconciles() >= 3, { timeoutMs: 2_000 });
  assert.deepEqual(bed.npm.writes(), []);
});

Deno.test("runController() resolves promptly on abort, even while a key backs off", async () => {
  const bed = startController({ retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } });
  bed.npm.failNext("POST /proxy-hosts", NPM_DOWN, 100);
  bed.docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  await bed.docker.connected();
  await waitUntil("the failed create", () => bed.npm.writes().length === 1);
  const started = performance.now();
  await bed.stop();
  const ms = performance.now() - started;
  assert.ok(ms < 500, `took ${Math.round(ms)} ms`);
  const calls = bed.npm.calls.length;
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.equal(bed.npm.calls.length, calls, "nothing after the abort");
});

Deno.test("runController() follows NPM's container: its network change re-plans every host at once", async () => {
  await using bed = startController();
  bed.docker.put(
    container("app", { NPM_HOST: "app.lan", NPM_PORT: "80" }, {
      networkMode: "host",
      networks: [],
    }),
  );
  await bed.docker.connected();
  await bed.settled();
  assert.equal(bed.npm.hostFor("app.lan")?.forward_host, "172.18.0.1", "the gateway of casaos");
  const npm = bed.docker.put(container("npm", {}, {
    image: "jc21/nginx-proxy-manager:2",
    networks: [{ name: "proxy", ip: "172.20.0.2", gateway: "172.20.0.1" }],
  }));
  const before = bed.reconciles();
  bed.docker.emit(npm.id, "network_connect");
  await bed.settled();
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
  bed.docker.put(
    container("app", { NPM_HOST: "app.lan", NPM_PORT: "80" }, {
      networkMode: "host",
      networks: [],
    }),
  );
  await bed.docker.connected();
  await bed.settled();
  assert.equal(bed.npm.hostFor("app.lan"), undefined, "no address known for a host-network app");
  const npm = bed.docker.put(container("npm", {}, { image: "jc21/nginx-proxy-manager:2" }));
  bed.docker.emit(npm.id, "start");
  await bed.settled();
  assert.equal(bed.npm.hostFor("app.lan")?.forward_host, "172.18.0.1");
});

Deno.test("runController() tells an NPM outage with no event pending once, and its end once", async () => {
  await using bed = startController({ npmProbeIntervalMs: 10, npmOutageMs: 60 });
  await bed.docker.connected();
  await waitUntil("the first resync", () => bed.reconciles() === 1);
  bed.npm.failNext("GET /proxy-hosts", NPM_DOWN, 12);
  await waitUntil("NPM back", () => {
    const outages = bed.events.filter((event) => event.type === "outage");
    return outages.length === 2 ? outages : undefined;
  }, { timeoutMs: 3_000 });
  const outages = bed.events.flatMap((event) => event.type === "outage" ? [event] : []);
  assert.equal(outages[0].service, "npm");
  assert.equal(outages[0].down, true);
  assert.match(outages[0].down ? outages[0].cause : "", /NPM answered 502 at http:\/\/npm\/api/);
  assert.equal(outages[1].down, false);
});

Deno.test("runController() makes a network connect and the start that follows one reconcile", async () => {
  await using bed = startController({ connectSettleMs: 200 });
  await bed.docker.connected();
  await bed.settled();
  const before = bed.reconciles();
  const web = bed.docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  bed.docker.emit(web.id, "network_connect");
  await new Promise((resolve) => setTimeout(resolve, 30));
  bed.docker.emit(web.id, "start");
  await waitUntil("the host", () => bed.npm.hostFor("app.lan"));
  await bed.settled(250);
  assert.equal(bed.reconciles() - before, 1);
});

Deno.test("runController() names the container of a network event as it names others", async () => {
  await using bed = startController();
  const web = bed.docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  await bed.docker.connected();
  await bed.settled();
  bed.docker.emit(web.id, "network_disconnect");
  const named = bed.events.flatMap((event) => event.type === "docker_event" ? [event.event] : []);
  assert.equal(named.at(-1)?.name, "web");
});
