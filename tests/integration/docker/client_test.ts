import assert from "node:assert/strict";
import { createDockerClient, type DockerClient } from "../../../lib/docker/client.ts";
import type { ContainerEvent } from "../../../lib/docker/types.ts";
import { createDockerAdmin, type DockerAdmin, uniqueName } from "../../support/docker_admin.ts";
import { engineHost, requireEngine } from "../../support/engine.ts";
import { compareApiVersions } from "../../../lib/docker/api_version.ts";
import { serveFakeEngine, serveRawEngine, slowBody } from "../../support/fake_engine.ts";
import { TEST_IMAGE } from "../../support/test_image.ts";

/** Runs `fn` with a client and an admin on the test engine, removing what `prefix` names after. */
async function withEngine(
  prefix: string,
  fn: (docker: DockerClient, admin: DockerAdmin) => Promise<void>,
): Promise<void> {
  await requireEngine();
  using docker = createDockerClient({ host: engineHost() })._unsafeUnwrap();
  using admin = await createDockerAdmin();
  try {
    await fn(docker, admin);
  } finally {
    await admin.cleanup(prefix);
  }
}

function client(host: string, timeoutMs?: number): DockerClient {
  return createDockerClient({ host, timeoutMs })._unsafeUnwrap();
}

const EVENT = JSON.stringify({
  Type: "container",
  Action: "start",
  Actor: { ID: "c1", Attributes: { name: "web" } },
  timeNano: 1,
}) + "\n";

Deno.test("version() reports the API version negotiated with the engine: its own", async () => {
  await withEngine(uniqueName("version"), async (docker) => {
    const version = (await docker.version())._unsafeUnwrap();
    assert.notEqual(version.version, "");
    assert.match(version.apiVersion, /^1\.\d+$/);
    assert.ok(compareApiVersions(version.apiVersion, "1.41") >= 0);
    assert.match(version.minApiVersion ?? "", /^1\.\d+$/);
  });
});

Deno.test("ping() answers Ok", async () => {
  await withEngine(uniqueName("ping"), async (docker) => {
    assert.ok((await docker.ping()).isOk());
  });
});

Deno.test("listContainers() lists running ones, and stopped ones with all", async () => {
  const name = uniqueName("list");
  await withEngine(name, async (docker, admin) => {
    const id = await admin.run({ name, networkMode: "none" });
    const running = (await docker.listContainers())._unsafeUnwrap();
    assert.deepEqual(running.find((c) => c.id === id), {
      id,
      name,
      image: TEST_IMAGE,
      running: true,
    });
    await admin.stop(id);
    const now = (await docker.listContainers())._unsafeUnwrap();
    assert.equal(now.some((c) => c.id === id), false);
    const all = (await docker.listContainers({ all: true }))._unsafeUnwrap();
    assert.equal(all.find((c) => c.id === id)?.running, false);
  });
});

Deno.test("inspectContainer() reads env, labels and a user network's address", async () => {
  const prefix = uniqueName("inspect");
  await withEngine(prefix, async (docker, admin) => {
    const network = await admin.createNetwork(`${prefix}-net`);
    const id = await admin.run({
      name: `${prefix}-app`,
      env: ["NPM_HOST=app.lan", "URL=http://x/?a=b", "BARE", "NPM_PORT=1", "NPM_PORT=8080"],
      labels: { "com.example.tier": "front" },
      network: network.name,
    });
    const container = (await docker.inspectContainer(id))._unsafeUnwrap();
    assert.ok(container !== null);
    assert.equal(container.id, id);
    assert.equal(container.name, `${prefix}-app`);
    assert.equal(container.image, TEST_IMAGE);
    assert.equal(container.running, true);
    assert.equal(container.env.NPM_HOST, "app.lan");
    assert.equal(container.env.URL, "http://x/?a=b");
    assert.equal(container.env.NPM_PORT, "8080");
    assert.equal("BARE" in container.env, false);
    assert.deepEqual(container.labels, { "com.example.tier": "front" });
    assert.equal(container.networkMode, network.name);
    assert.equal(container.networks.length, 1);
    const [attached] = container.networks;
    assert.equal(attached.name, network.name);
    assert.equal(attached.gateway, network.gateway);
    assert.match(attached.ip, /^\d+\.\d+\.\d+\.\d+$/);
    assert.notEqual(attached.ip, network.gateway);
  });
});

Deno.test("inspectContainer() of a stopped container shows it not running", async () => {
  const name = uniqueName("stopped");
  await withEngine(name, async (docker, admin) => {
    const id = await admin.run({ name, networkMode: "none" });
    await admin.kill(id);
    const container = (await docker.inspectContainer(id))._unsafeUnwrap();
    assert.equal(container?.running, false);
    assert.equal(container?.networkMode, "none");
  });
});

Deno.test("inspectContainer() of a missing id is null", async () => {
  await withEngine(uniqueName("missing"), async (docker) => {
    assert.equal((await docker.inspectContainer("0".repeat(64)))._unsafeUnwrap(), null);
  });
});

Deno.test("streamEvents() delivers start, die and stop, and resolves Ok when aborted", async () => {
  const name = uniqueName("events");
  await withEngine(name, async (docker, admin) => {
    const controller = new AbortController();
    const seen: ContainerEvent[] = [];
    const { promise: connected, resolve: onConnected } = Promise.withResolvers<void>();
    const { promise: stopped, resolve: onStopped } = Promise.withResolvers<void>();
    const stream = docker.streamEvents((event) => {
      seen.push(event);
      if (event.action === "stop" && event.name === name) onStopped();
    }, { onConnected, signal: controller.signal });
    await connected;
    const id = await admin.run({ name, networkMode: "none" });
    await admin.stop(id);
    const deadline = AbortSignal.timeout(10_000);
    await Promise.race([
      stopped,
      new Promise((_, reject) => deadline.onabort = () => reject(new Error("No stop event"))),
    ]);
    deadline.onabort = null;
    controller.abort();
    assert.ok((await stream).isOk());
    const actions = seen.filter((e) => e.id === id).map((e) => e.action);
    const wanted = ["start", "die", "stop"];
    assert.deepEqual(actions.filter((a) => wanted.includes(a)), wanted);
    const start = seen.find((e) => e.id === id && e.action === "start");
    assert.equal(start?.name, name);
    assert.ok((start?.timeNano ?? 0) > Date.parse("2020-01-01") * 1e6);
  });
});

Deno.test("streamEvents() resolves Ok when aborted before any event", async () => {
  await withEngine(uniqueName("abort"), async (docker) => {
    const controller = new AbortController();
    const stream = docker.streamEvents(() => {}, {
      onConnected: () => controller.abort(),
      signal: controller.signal,
    });
    assert.ok((await stream).isOk());
  });
});

Deno.test("a socket path that does not exist is docker_unreachable, quickly", async () => {
  const dir = await Deno.makeTempDir();
  using docker = client(`unix://${dir}/docker.sock`);
  const started = performance.now();
  const error = (await docker.ping())._unsafeUnwrapErr();
  await Deno.remove(dir);
  assert.ok(performance.now() - started < 1_000);
  assert.equal(error.kind, "docker_unreachable");
  assert.match(error.kind === "docker_unreachable" ? error.cause : "", /dockerd running/);
  const stream = await docker.streamEvents(() => {});
  assert.equal(stream._unsafeUnwrapErr().kind, "docker_unreachable");
});

Deno.test("an engine that accepts and never answers is docker_timeout", async () => {
  await using engine = await serveRawEngine();
  using docker = client(engine.host, 300);
  const started = performance.now();
  assert.deepEqual((await docker.ping())._unsafeUnwrapErr(), {
    kind: "docker_timeout",
    endpoint: engine.host,
    path: "/_ping",
    timeoutMs: 300,
  });
  assert.ok(performance.now() - started < 2_000);
  const stream = await docker.streamEvents(() => {});
  assert.equal(stream._unsafeUnwrapErr().kind, "docker_timeout");
});

Deno.test("streamEvents() reports docker_stream_ended when the engine ends the stream", async () => {
  await using engine = await serveFakeEngine(() => new Response(EVENT));
  using docker = client(engine.host);
  const seen: ContainerEvent[] = [];
  let connected = false;
  const result = await docker.streamEvents((e) => seen.push(e), {
    onConnected: () => connected = true,
  });
  assert.equal(connected, true);
  assert.deepEqual(seen, [{ id: "c1", action: "start", name: "web", timeNano: 1 }]);
  assert.equal(result._unsafeUnwrapErr().kind, "docker_stream_ended");
});

Deno.test("streamEvents() reports docker_stream_ended when the connection resets", async () => {
  const head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n" +
    "transfer-encoding: chunked\r\n\r\n";
  const chunk = `${EVENT.length.toString(16)}\r\n${EVENT}\r\n`;
  await using engine = await serveRawEngine(head + chunk + 'ff\r\n{"Type":');
  using docker = client(engine.host);
  const seen: ContainerEvent[] = [];
  const result = await docker.streamEvents((e) => seen.push(e));
  assert.equal(seen.length, 1);
  assert.equal(result._unsafeUnwrapErr().kind, "docker_stream_ended");
});

Deno.test("streamEvents() times out the headers only, not the stream's life", async () => {
  await using engine = await serveFakeEngine(() =>
    new Response(slowBody([{ delayMs: 500, text: EVENT }]))
  );
  using docker = client(engine.host, 200);
  const seen: ContainerEvent[] = [];
  const result = await docker.streamEvents((e) => seen.push(e));
  assert.equal(seen.length, 1);
  assert.equal(result._unsafeUnwrapErr().kind, "docker_stream_ended");
});

Deno.test("an engine's error status is docker_api_error with its message", async () => {
  await using engine = await serveFakeEngine(() =>
    Response.json({ message: "page not found" }, { status: 500 })
  );
  using docker = client(engine.host);
  assert.deepEqual((await docker.listContainers())._unsafeUnwrapErr(), {
    kind: "docker_api_error",
    path: "/containers/json",
    status: 500,
    message: "page not found",
  });
});

Deno.test("JSON of the wrong shape is docker_bad_response", async () => {
  await using engine = await serveFakeEngine(() => Response.json({ Version: 20 }), {
    versions: false,
  });
  using docker = client(engine.host);
  const error = (await docker.version())._unsafeUnwrapErr();
  assert.equal(error.kind, "docker_bad_response");
  assert.deepEqual(engine.requests, ["/version"]);
});

Deno.test("streamEvents() delivers network_connect and network_disconnect of a container", async () => {
  const prefix = uniqueName("netevents");
  await withEngine(prefix, async (docker, admin) => {
    const network = await admin.createNetwork(`${prefix}-net`);
    const id = await admin.run({ name: `${prefix}-app` });
    const controller = new AbortController();
    const seen: ContainerEvent[] = [];
    const { promise: connected, resolve: onConnected } = Promise.withResolvers<void>();
    const { promise: disconnected, resolve: onDisconnected } = Promise.withResolvers<void>();
    const stream = docker.streamEvents((event) => {
      seen.push(event);
      if (event.id === id && event.action === "network_disconnect") onDisconnected();
    }, { onConnected, signal: controller.signal });
    await connected;
    await admin.connect(network.name, id);
    await admin.disconnect(network.name, id);
    const deadline = AbortSignal.timeout(10_000);
    await Promise.race([
      disconnected,
      new Promise((_, reject) =>
        deadline.onabort = () => reject(new Error("No network_disconnect event"))
      ),
    ]);
    deadline.onabort = null;
    controller.abort();
    assert.ok((await stream).isOk());
    const mine = seen.filter((e) => e.id === id);
    // The engine may report a disconnect twice; what matters is connect, then disconnect.
    const actions = mine.map((e) => e.action);
    assert.equal(actions[0], "network_connect");
    assert.equal(actions[1], "network_disconnect");
    assert.ok(actions.every((a) => a === "network_connect" || a === "network_disconnect"));
    assert.ok(mine.every((e) => !("name" in e) && e.timeNano > Date.parse("2020-01-01") * 1e6));
    assert.ok(seen.every((e) => e.id !== network.id), "no event names the network as a container");
  });
});
