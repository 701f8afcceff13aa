import assert from "node:assert/strict";
import type { WriteReport } from "../../../lib/npm_double/mod.ts";
import { type Answer, call, failure, hostBody, withDouble } from "./_client.ts";

const HOSTS = "/api/nginx/proxy-hosts";

Deno.test("npm double: failNext fails the next matching requests only", () =>
  withDouble(async (npm, token) => {
    npm.faults.failNext(2, { status: 503, methods: ["POST"], paths: /proxy-hosts$/ });
    assert.equal((await call(npm, "GET", HOSTS, { token })).status, 200);
    assert.equal((await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") })).status, 503);
    assert.equal(
      failure(await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") })),
      "503 undefined",
    );
    assert.equal((await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") })).status, 201);
    npm.faults.failNext(1);
    assert.equal(failure(await call(npm, "GET", HOSTS, { token })), "500 Internal Error");
    assert.equal(npm.writes(), 1);
  }));

Deno.test("npm double: a hang answers nothing until the client gives up", () =>
  withDouble(async (npm, token) => {
    npm.faults.failNext(1, { hang: true });
    const started = Date.now();
    await assert.rejects(call(npm, "GET", HOSTS, { token, signal: AbortSignal.timeout(100) }));
    assert.ok(Date.now() - started >= 90);
    assert.equal((await call(npm, "GET", HOSTS, { token })).status, 200);
  }));

Deno.test("npm double: close() ends a hang still waiting with a 504", async () => {
  let pending: Promise<unknown> = Promise.resolve();
  const started = Date.now();
  await withDouble(async (npm, token) => {
    npm.faults.failNext(1, { hang: true });
    pending = call(npm, "GET", HOSTS, { token }).catch((error) => error);
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  const answer = await pending;
  assert.ok(Date.now() - started < 5_000, "the hang ends with the double, not later");
  assert.equal((answer as Answer).status, 504);
  assert.match(String((answer as Answer).body), /504 Gateway Time-out/);
});

Deno.test("npm double: applyThenFail makes the write and then fails its answer", () =>
  withDouble(async (npm, token) => {
    npm.faults.failNext(1, { status: 502, applyThenFail: true });
    const answer = await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") });
    assert.equal(answer.status, 502);
    assert.deepEqual(npm.served(), ["a.lan"]);
    assert.equal(npm.writes(), 1);
    const again = await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") });
    assert.equal(failure(again), "400 a.lan is already in use");
  }));

Deno.test("npm double: a write that hangs after applying has still happened", () =>
  withDouble(async (npm, token) => {
    npm.faults.setRandom({ errorRate: 0, hangRate: 1, writesOnly: true, applyThenFail: true });
    const signal = AbortSignal.timeout(50);
    await assert.rejects(call(npm, "POST", HOSTS, { token, body: hostBody("a.lan"), signal }));
    assert.equal((await call(npm, "GET", HOSTS, { token })).status, 200);
    assert.equal(npm.proxyHosts().length, 1);
  }));

Deno.test("npm double: random faults repeat from the seed and follow the rate", async () => {
  const outcomes: number[][] = [];
  for (let run = 0; run < 2; run++) {
    await withDouble(async (npm, token) => {
      npm.faults.setRandom({ errorRate: 0.3, hangRate: 0, status: 500 });
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) {
        statuses.push((await call(npm, "GET", HOSTS, { token })).status);
      }
      outcomes.push(statuses);
    }, { seed: 42 });
  }
  assert.deepEqual(outcomes[0], outcomes[1]);
  const errors = outcomes[0].filter((s) => s === 500).length;
  assert.ok(errors > 15 && errors < 45, `${errors} errors of 100`);
});

Deno.test("npm double: writesOnly random faults leave reads alone", () =>
  withDouble(async (npm, token) => {
    npm.faults.setRandom({ errorRate: 1, hangRate: 0, writesOnly: true });
    assert.equal((await call(npm, "GET", HOSTS, { token })).status, 200);
    assert.equal((await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") })).status, 500);
    assert.equal(npm.proxyHosts().length, 0);
    npm.faults.clear();
    assert.equal((await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") })).status, 201);
  }));

Deno.test("npm double: down answers 502 Bad Gateway until it is up again", () =>
  withDouble(async (npm, token) => {
    npm.faults.down(true);
    const answer = await call(npm, "GET", "/api/");
    assert.equal(answer.status, 502);
    assert.match(String(answer.body), /502 Bad Gateway/);
    npm.faults.down(false);
    assert.equal((await call(npm, "GET", HOSTS, { token })).status, 200);
    npm.faults.down(0.05);
    assert.equal((await call(npm, "GET", HOSTS, { token })).status, 502);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal((await call(npm, "GET", HOSTS, { token })).status, 200);
  }));

Deno.test("npm double: writeDelayMs makes each write cost that long, reads stay fast", () =>
  withDouble(async (npm, token) => {
    let started = Date.now();
    await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") });
    assert.ok(Date.now() - started >= 140, "a create costs the delay");
    started = Date.now();
    await call(npm, "POST", `${HOSTS}/1/disable`, { token });
    assert.ok(Date.now() - started >= 140, "a disable costs the delay");
    started = Date.now();
    await call(npm, "GET", HOSTS, { token });
    assert.ok(Date.now() - started < 100, "a read does not");
  }, { writeDelayMs: 150 }));

Deno.test("npm double: close() cuts a write delay short", async () => {
  let pending: Promise<unknown> = Promise.resolve();
  const started = Date.now();
  await withDouble(async (npm, token) => {
    pending = call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") }).catch((e) => e);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }, { writeDelayMs: 60_000 });
  await pending;
  assert.ok(Date.now() - started < 5_000);
});

Deno.test("npm double: delays give each operation its own cost, the list included", () =>
  withDouble(async (npm, token) => {
    const timed = async (method: string, path: string, body?: unknown) => {
      const started = performance.now();
      await call(npm, method, path, { token, body });
      return performance.now() - started;
    };
    assert.ok(await timed("POST", HOSTS, hostBody("a.lan")) >= 115, "create");
    assert.ok(await timed("POST", `${HOSTS}/1/disable`) < 100, "disable keeps writeDelayMs");
    assert.ok(await timed("GET", HOSTS) >= 55, "list");
    npm.setDelays({ list: 0, disable: 120 });
    assert.ok(await timed("GET", HOSTS) < 50, "setDelays changes the list's cost");
    assert.ok(await timed("POST", `${HOSTS}/1/enable`) >= 115, "enable");
    assert.ok(await timed("POST", `${HOSTS}/1/disable`) >= 115, "disable");
  }, { writeDelayMs: 5, delays: { create: 120, enable: 120, list: 60 } }));

Deno.test("npm double: onWrite reports each successful write once its cost is paid", async () => {
  const reports: WriteReport[] = [];
  await withDouble(async (npm, token) => {
    const before = performance.timeOrigin + performance.now();
    await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") });
    await call(npm, "POST", `${HOSTS}/1/disable`, { token });
    await call(npm, "PUT", `${HOSTS}/1`, { token, body: { forward_port: 81 } });
    await call(npm, "DELETE", `${HOSTS}/1`, { token });
    await call(npm, "DELETE", `${HOSTS}/1`, { token }); // 404: no write, no report
    await call(npm, "GET", HOSTS, { token });
    assert.deepEqual(
      reports.map((r) => [r.op, r.id, r.domains]),
      [["create", 1, ["a.lan"]], ["disable", 1, []], ["update", 1, ["a.lan"]], ["delete", 1, []]],
    );
    assert.ok(reports.every((r) => r.receivedAt >= before && r.doneAt - r.receivedAt >= 25));
  }, { writeDelayMs: 30, onWrite: (report) => reports.push(report) });
});
