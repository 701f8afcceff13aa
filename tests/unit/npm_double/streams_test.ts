import assert from "node:assert/strict";
import { call, failure, withDouble } from "./_client.ts";

const SEED = { incoming_port: 5432, forwarding_host: "nas.lan", forwarding_port: 5432 };

Deno.test("npm double: GET /api/nginx/streams answers seeded streams as NPM's rows, no writes", () =>
  withDouble(async (npm, token) => {
    assert.deepEqual(await call(npm, "GET", "/api/nginx/streams", { token }), {
      status: 200,
      body: [],
    });
    const seeded = npm.addStream(SEED);
    const other = npm.addStream({ ...SEED, incoming_port: 53, enabled: false, id: 7 });
    const answer = await call(npm, "GET", "/api/nginx/streams", { token });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, [seeded, other]);
    assert.deepEqual(seeded, {
      ...SEED,
      id: 1,
      created_on: seeded.created_on,
      modified_on: seeded.created_on,
      owner_user_id: 1,
      tcp_forwarding: true,
      udp_forwarding: false,
      certificate_id: 0,
      meta: { nginx_online: true, nginx_err: null },
      enabled: true,
    });
    assert.match(seeded.created_on, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    assert.equal(other.id, 7);
    assert.equal(npm.addStream({ ...SEED, incoming_port: 54 }).id, 8);
    assert.equal(npm.writes(), 0);
  }));

Deno.test("npm double: the streams list needs a token (404 naming the path) and expands as NPM", () =>
  withDouble(async (npm, token) => {
    npm.addStream(SEED);
    assert.equal(
      failure(await call(npm, "GET", "/api/nginx/streams")),
      "404 Not Found - /nginx/streams",
    );
    const expanded = await call(npm, "GET", "/api/nginx/streams?expand=owner,certificate", {
      token,
    });
    const [row] = expanded.body as Record<string, unknown>[];
    assert.equal((row.owner as { email: string }).email, npm.email);
    assert.equal(row.certificate, null);
    const bad = await call(npm, "GET", "/api/nginx/streams?expand=access_list", { token });
    assert.equal(failure(bad), "500 Internal Error");
  }));

Deno.test("npm double: addStream() refuses a port NPM would refuse", () =>
  withDouble((npm) => {
    for (const port of [0, 65536, 80.5]) {
      assert.throws(
        () => npm.addStream({ ...SEED, incoming_port: port }),
        new TypeError(`Cannot seed a stream: port ${port} is not in 1..65535`),
      );
    }
    return Promise.resolve();
  }));
