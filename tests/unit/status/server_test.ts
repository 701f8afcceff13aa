import assert from "node:assert/strict";
import denoJson from "../../../deno.json" with { type: "json" };
import { startStatusServer, type StatusServerOptions } from "../../../lib/status/server.ts";
import { createStateStore } from "../../../lib/status/state_store.ts";
import type { HealthReport } from "../../../lib/status/types.ts";

const TOKEN = "s3cret-token";

function health(ready: boolean): () => HealthReport {
  return () => ({
    live: true,
    ready,
    detail: { dockerConnected: ready, npmOkAgoMs: null, readyWindowMs: 60_000, reasons: [] },
  });
}

async function withServer(
  overrides: Partial<StatusServerOptions>,
  run: (base: string) => Promise<void> | void,
): Promise<void> {
  const started = startStatusServer({
    addr: "127.0.0.1:0",
    state: createStateStore().view,
    metrics: () => "up 1\n",
    health: health(true),
    ...overrides,
  });
  if (started.isErr()) throw new Error(started.error.message);
  try {
    await run(`http://127.0.0.1:${started.value.port}`);
  } finally {
    await started.value.close();
  }
}

async function status(url: string, init?: RequestInit): Promise<number> {
  const response = await fetch(url, init);
  await response.body?.cancel();
  return response.status;
}

const tokenCases: { desc: string; path: string; init?: RequestInit; status: number }[] = [
  { desc: "leaves /healthz open", path: "/healthz", status: 200 },
  { desc: "refuses /api/state without a token", path: "/api/state", status: 401 },
  { desc: "refuses / without a token", path: "/", status: 401 },
  { desc: "refuses /metrics with a wrong token", path: "/metrics?token=nope", status: 401 },
  {
    desc: "refuses a bearer token of the wrong length",
    path: "/metrics",
    init: { headers: { authorization: `Bearer ${TOKEN}x` } },
    status: 401,
  },
  {
    desc: "accepts the bearer token",
    path: "/api/state",
    init: { headers: { authorization: `Bearer ${TOKEN}` } },
    status: 200,
  },
  { desc: "accepts ?token=", path: `/?token=${TOKEN}`, status: 200 },
  { desc: "answers 404 for an unknown path", path: "/nope", status: 404 },
  { desc: "answers 405 for a POST", path: "/api/state", init: { method: "POST" }, status: 405 },
  {
    desc: "answers 405 for a DELETE of /healthz",
    path: "/healthz",
    init: { method: "DELETE" },
    status: 405,
  },
];

Deno.test("startStatusServer() with a token protects all but /healthz", async (t) => {
  await withServer({ token: TOKEN }, async (base) => {
    for (const { desc, path, init, status: expected } of tokenCases) {
      await t.step(desc, async () => {
        assert.equal(await status(base + path, init), expected);
      });
    }
  });
});

Deno.test("startStatusServer() answers 401 with a JSON body that asks for the token", async () => {
  await withServer({ token: TOKEN }, async (base) => {
    const response = await fetch(`${base}/metrics`);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
    assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="EnvoyNPM"');
    const body = await response.json();
    assert.equal(body.error, "unauthorized");
    assert.doesNotMatch(JSON.stringify(body), new RegExp(TOKEN));
  });
});

Deno.test("startStatusServer() without a token serves every route openly", async () => {
  await withServer({}, async (base) => {
    for (const path of ["/", "/api/state", "/metrics", "/healthz"]) {
      assert.equal(await status(base + path), 200, path);
    }
    const allow = await fetch(`${base}/`, { method: "PUT" });
    await allow.body?.cancel();
    assert.equal(allow.headers.get("allow"), "GET");
  });
});

Deno.test("startStatusServer() answers /api/state with the version", async () => {
  await withServer({}, async (base) => {
    const response = await fetch(`${base}/api/state`);
    assert.equal(response.status, 200);
    assert.equal((await response.json()).version, denoJson.version);
  });
});

Deno.test("startStatusServer() answers 503 on /healthz when not ready", async () => {
  await withServer({ health: health(false), token: TOKEN }, async (base) => {
    const response = await fetch(`${base}/healthz`);
    assert.equal(response.status, 503);
    assert.equal((await response.json()).ready, false);
  });
});

Deno.test("startStatusServer() answers 500 when a source throws", async () => {
  const state = () => {
    throw new Error("boom");
  };
  await withServer({ state }, async (base) => {
    assert.equal(await status(`${base}/api/state`), 500);
  });
});

Deno.test("startStatusServer() names HTTP_ADDR when the address is in use", async () => {
  await withServer({}, (base) => {
    const port = new URL(base).port;
    const second = startStatusServer({
      addr: `127.0.0.1:${port}`,
      state: createStateStore().view,
      metrics: () => "",
      health: health(true),
    });
    assert.ok(second.isErr());
    assert.equal(second.error.kind, "addr_in_use");
    assert.match(second.error.message, new RegExp(`HTTP_ADDR "127.0.0.1:${port}"`));
  });
});

Deno.test("startStatusServer() refuses an address that is not [host]:port", () => {
  for (const addr of ["8787", "host:", ":99999", "a:b"]) {
    const started = startStatusServer({
      addr,
      state: createStateStore().view,
      metrics: () => "",
      health: health(true),
    });
    assert.ok(started.isErr(), addr);
    assert.equal(started.error.kind, "invalid_addr");
    assert.match(started.error.message, /^HTTP_ADDR /);
  }
});

Deno.test("startStatusServer() stops when its signal is aborted", async () => {
  const controller = new AbortController();
  const started = startStatusServer({
    addr: "127.0.0.1:0",
    state: createStateStore().view,
    metrics: () => "",
    health: health(true),
    signal: controller.signal,
  });
  assert.ok(started.isOk());
  const url = `http://127.0.0.1:${started.value.port}/healthz`;
  assert.equal(await status(url), 200);
  controller.abort();
  await started.value.close();
  await assert.rejects(() => status(url));
});
