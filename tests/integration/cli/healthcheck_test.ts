import assert from "node:assert/strict";
import { createHealth, startStatusServer } from "../../../lib/status/mod.ts";
import { freePort, runMain } from "./_run.ts";

Deno.test("envoynpm healthcheck exits 1 when nothing listens on HTTP_ADDR", async () => {
  const result = await runMain(["healthcheck"], { HTTP_ADDR: `127.0.0.1:${freePort()}` });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /^Not healthy: http:\/\/127\.0\.0\.1:\d+\/healthz/);
});

Deno.test("envoynpm healthcheck exits 0 against a healthy status server, with only HTTP_ADDR set", async () => {
  const health = createHealth({ resyncIntervalMs: 60_000 });
  health.listener({ type: "docker_connection", connected: true });
  health.listener({ type: "npm_answer", ok: true });
  const server = startStatusServer({
    addr: "127.0.0.1:0",
    token: "secret-token",
    state: () => {
      throw new Error("not asked");
    },
    metrics: () => "",
    health: health.check,
  });
  if (server.isErr()) throw new Error(server.error.message);
  try {
    const result = await runMain(["healthcheck"], { HTTP_ADDR: `127.0.0.1:${server.value.port}` });
    assert.equal(result.code, 0, result.stderr);
    const wildcard = await runMain(["healthcheck"], { HTTP_ADDR: `:${server.value.port}` });
    assert.equal(wildcard.code, 0, wildcard.stderr);
  } finally {
    await server.value.close();
  }
});

Deno.test("envoynpm healthcheck exits 1 when HTTP_ADDR is empty (status server off)", async () => {
  const result = await runMain(["healthcheck"], { HTTP_ADDR: "" });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /HTTP_ADDR is empty/);
});
