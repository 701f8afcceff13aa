/**
 * Negotiating the Engine API version with fake engines: Docker 29, which
 * refuses API 1.41, one older than 1.41, failed negotiations and upgrades.
 */
import assert from "node:assert/strict";
import { createDockerClient, type DockerClient } from "../../../lib/docker/client.ts";
import { describeDockerError } from "../../../lib/docker/describe_error.ts";
import type { ContainerEvent } from "../../../lib/docker/types.ts";
import {
  DOCKER_29,
  type EngineVersions,
  serveFakeEngine,
  serveRawEngine,
} from "../../support/fake_engine.ts";

function client(host: string, timeoutMs?: number): DockerClient {
  return createDockerClient({ host, timeoutMs })._unsafeUnwrap();
}

const EVENT = JSON.stringify({
  Type: "network",
  Action: "connect",
  Actor: { ID: "n1", Attributes: { container: "c1", name: "front", type: "bridge" } },
  timeNano: 1,
}) + "\n";

const INSPECT = {
  Id: "c1",
  Name: "/web",
  Config: { Image: "nginx", Env: ["NPM_HOST=web.lan"], Labels: {} },
  State: { Running: true },
  HostConfig: { NetworkMode: "bridge" },
  NetworkSettings: { Networks: { bridge: { IPAddress: "172.17.0.2", Gateway: "172.17.0.1" } } },
};

/** An engine speaking `versions` with one running container, c1, and one event. */
function serveOneContainer(versions: EngineVersions) {
  return serveFakeEngine((request) => {
    const path = new URL(request.url).pathname.replace(/^\/v[\d.]+/, "");
    if (path === "/containers/json") {
      return Response.json([{ Id: "c1", Names: ["/web"], Image: "nginx", State: "running" }]);
    }
    if (path === "/containers/c1/json") return Response.json(INSPECT);
    if (path === "/events") return new Response(EVENT);
    if (path === "/_ping") return new Response("OK");
    return Response.json({ message: `page not found: ${path}` }, { status: 404 });
  }, { versions });
}

/** The requests an engine saw, without their query. */
function paths(requests: readonly string[]): string[] {
  return requests.map((r) => r.split("?")[0]);
}

Deno.test("a Docker 29 engine, which refuses API 1.41, is spoken to in its own version", async () => {
  await using engine = await serveOneContainer(DOCKER_29);
  using docker = client(engine.host);
  const list = (await docker.listContainers())._unsafeUnwrap();
  assert.deepEqual(list, [{ id: "c1", name: "web", image: "nginx", running: true }]);
  const container = (await docker.inspectContainer("c1"))._unsafeUnwrap();
  assert.equal(container?.env.NPM_HOST, "web.lan");
  const seen: ContainerEvent[] = [];
  const stream = await docker.streamEvents((e) => seen.push(e));
  assert.equal(stream._unsafeUnwrapErr().kind, "docker_stream_ended");
  assert.deepEqual(seen, [{ id: "c1", action: "network_connect", timeNano: 1 }]);
  assert.ok((await docker.ping()).isOk());
  assert.deepEqual((await docker.version())._unsafeUnwrap(), {
    version: "0.0.0-fake",
    apiVersion: "1.52",
    minApiVersion: "1.44",
  });
  assert.deepEqual(paths(engine.requests), [
    "/version",
    "/v1.52/containers/json",
    "/v1.52/containers/c1/json",
    "/v1.52/events",
    "/_ping",
    "/version",
  ]);
  const filters = new URL(engine.requests[3], "http://x").searchParams.get("filters");
  assert.deepEqual(JSON.parse(filters ?? ""), { type: ["container", "network"] });
});

Deno.test("an engine that speaks exactly API 1.44 is spoken to in 1.44", async () => {
  await using engine = await serveOneContainer({ apiVersion: "1.44", minApiVersion: "1.44" });
  using docker = client(engine.host);
  assert.equal((await docker.inspectContainer("c1"))._unsafeUnwrap()?.id, "c1");
  assert.deepEqual(paths(engine.requests), ["/version", "/v1.44/containers/c1/json"]);
});

Deno.test("an engine older than API 1.41 is a clear error, and nothing else is asked of it", async () => {
  await using engine = await serveOneContainer({ apiVersion: "1.40", minApiVersion: "1.12" });
  using docker = client(engine.host);
  const error = (await docker.listContainers())._unsafeUnwrapErr();
  assert.equal(error.kind, "docker_api_error");
  assert.match(
    describeDockerError(error),
    /^Docker refused \/version: status 400: The Docker engine 0\.0\.0-fake speaks API 1\.40 at most, but EnvoyNPM needs API 1\.41/,
  );
  assert.deepEqual((await docker.version())._unsafeUnwrapErr(), error);
  assert.equal((await docker.streamEvents(() => {}))._unsafeUnwrapErr().kind, "docker_api_error");
  assert.deepEqual(paths(engine.requests), ["/version", "/version", "/version"]);
});

Deno.test("concurrent first requests share one negotiation", async () => {
  await using engine = await serveOneContainer(DOCKER_29);
  using docker = client(engine.host);
  const results = await Promise.all([
    docker.listContainers(),
    docker.inspectContainer("c1"),
    docker.listContainers({ all: true }),
  ]);
  assert.ok(results.every((r) => r.isOk()));
  assert.equal(paths(engine.requests).filter((p) => p === "/version").length, 1);
  assert.equal(paths(engine.requests).filter((p) => p.startsWith("/v1.52/")).length, 3);
});

Deno.test("a failed negotiation is tried again on the next request", async () => {
  let versionAnswers = 0;
  await using engine = await serveFakeEngine((request) => {
    const path = new URL(request.url).pathname;
    if (path !== "/version") return Response.json([]);
    versionAnswers += 1;
    return versionAnswers === 1
      ? Response.json({ message: "starting up" }, { status: 503 })
      : Response.json({ Version: "29.0.0", ApiVersion: "1.52", MinAPIVersion: "1.44" });
  }, { versions: false });
  using docker = client(engine.host);
  assert.deepEqual((await docker.listContainers())._unsafeUnwrapErr(), {
    kind: "docker_api_error",
    path: "/version",
    status: 503,
    message: "starting up",
  });
  assert.deepEqual((await docker.listContainers())._unsafeUnwrap(), []);
  assert.deepEqual(paths(engine.requests), ["/version", "/version", "/v1.52/containers/json"]);
});

Deno.test("a negotiation that times out is docker_timeout naming /version", async () => {
  await using engine = await serveRawEngine(undefined);
  using docker = client(engine.host, 200);
  assert.deepEqual((await docker.listContainers())._unsafeUnwrapErr(), {
    kind: "docker_timeout",
    endpoint: engine.host,
    path: "/version",
    timeoutMs: 200,
  });
});

Deno.test("after a connection failure, the client negotiates again with the engine that comes back", async () => {
  await using engine = await serveOneContainer({ apiVersion: "1.41", minApiVersion: "1.12" });
  using docker = client(engine.host);
  assert.ok((await docker.listContainers()).isOk());
  await engine.stop();
  assert.equal((await docker.listContainers())._unsafeUnwrapErr().kind, "docker_unreachable");
  engine.start({ versions: DOCKER_29 });
  assert.ok((await docker.inspectContainer("c1"))._unsafeUnwrap() !== null);
  assert.deepEqual(paths(engine.requests), [
    "/version",
    "/v1.41/containers/json",
    "/version",
    "/v1.52/containers/c1/json",
  ]);
});

Deno.test("an engine upgraded unnoticed refuses the kept version once, then the request is sent again in its own", async () => {
  await using engine = await serveOneContainer({ apiVersion: "1.41", minApiVersion: "1.12" });
  using docker = client(engine.host);
  assert.ok((await docker.listContainers()).isOk());
  engine.speak(DOCKER_29);
  assert.equal((await docker.inspectContainer("c1"))._unsafeUnwrap()?.id, "c1");
  assert.deepEqual(paths(engine.requests), [
    "/version",
    "/v1.41/containers/json",
    "/v1.41/containers/c1/json",
    "/version",
    "/v1.52/containers/c1/json",
  ]);
});
