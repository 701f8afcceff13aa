/**
 * The test socket proxy itself: what it lets through and what it refuses,
 * so that the read-only test's "nothing was refused" means something.
 */
import assert from "node:assert/strict";
import { createDockerAdmin, uniqueName } from "../../support/docker_admin.ts";
import { requireEngine } from "../../support/engine.ts";
import { isAllowedRequest, startSocketProxy } from "../../support/socket_proxy.ts";

Deno.test("isAllowedRequest() allows only reads of pings, versions, info, events and containers", () => {
  const table: [method: string, path: string, allowed: boolean][] = [
    ["GET", "/_ping", true],
    ["HEAD", "/_ping", true],
    ["GET", "/v1.41/_ping", true],
    ["GET", "/version", true],
    ["GET", "/v1.41/info", true],
    ["GET", "/v1.41/events", true],
    ["GET", "/v1.41/containers/json", true],
    ["GET", "/containers/abc123/json", true],
    ["POST", "/v1.41/containers/create", false],
    ["POST", "/v1.41/containers/abc123/start", false],
    ["DELETE", "/v1.41/containers/abc123", false],
    ["PUT", "/v1.41/containers/abc123/archive", false],
    ["GET", "/v1.41/images/json", false],
    ["GET", "/v1.41/networks", false],
    ["GET", "/v1.41/secrets", false],
    ["GET", "/v1.41/containersx", false],
    ["GET", "/v1.41/_pingx", false],
    ["GET", "/", false],
  ];
  for (const [method, path, allowed] of table) {
    assert.equal(isAllowedRequest(method, path), allowed, `${method} ${path}`);
  }
});

Deno.test("startSocketProxy() forwards reads to the engine and refuses writes with 403", async () => {
  await requireEngine();
  await using proxy = startSocketProxy();
  const base = proxy.dockerHost.replace("tcp://", "http://");

  const ping = await fetch(`${base}/_ping`);
  assert.equal(ping.status, 200);
  assert.equal(await ping.text(), "OK");

  const list = await fetch(`${base}/v1.41/containers/json?limit=1`);
  assert.equal(list.status, 200);
  assert.ok(Array.isArray(await list.json()));

  const create = await fetch(`${base}/v1.41/containers/create?name=envoynpm-t-never`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ Image: "envoynpm-test:busybox" }),
  });
  assert.equal(create.status, 403);
  await create.body?.cancel();

  const images = await fetch(`${base}/v1.41/images/json`);
  assert.equal(images.status, 403);
  await images.body?.cancel();

  assert.deepEqual(proxy.requests.map((r) => [r.method, r.path, r.allowed]), [
    ["GET", "/_ping", true],
    ["GET", "/v1.41/containers/json?limit=1", true],
    ["POST", "/v1.41/containers/create?name=envoynpm-t-never", false],
    ["GET", "/v1.41/images/json", false],
  ]);
});

Deno.test("startSocketProxy() streams /events as they happen, without waiting for the end", async () => {
  using admin = await createDockerAdmin();
  await using proxy = startSocketProxy();
  const base = proxy.dockerHost.replace("tcp://", "http://");
  const name = uniqueName("proxy-events");
  const reading = new AbortController();
  const response = await fetch(`${base}/v1.41/events`, { signal: reading.signal });
  try {
    assert.equal(response.status, 200);
    assert.ok(response.body, "events answered with a body");
    await admin.createNetwork(name);
    const text = response.body.pipeThrough(new TextDecoderStream());
    let seen = "";
    const found = await waitFor(async () => {
      for await (const chunk of text) {
        seen += chunk;
        if (seen.includes(name)) return true;
      }
      return false;
    }, 10_000);
    assert.ok(found, `the event of network ${name} came through the open stream`);
  } finally {
    reading.abort();
    await admin.removeNetwork(name);
  }
});

/** Resolves `run()`'s answer, or false when it takes longer than `ms`. */
function waitFor(run: () => Promise<boolean>, ms: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => timer = setTimeout(() => resolve(false), ms));
  return Promise.race([run().catch(() => false), timeout]).finally(() => clearTimeout(timer));
}
