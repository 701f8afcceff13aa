import assert from "node:assert/strict";
import { loggedInClient, npmError, PASSWORD, proxyHostRow, testClient } from "./_scripted_fetch.ts";
import { WEB_LAN_BODY as BODY } from "../../support/npm_fixtures.ts";

const LOGIN = "POST /api/tokens";
const LIST = "GET /api/nginx/proxy-hosts";
const CREATE = "POST /api/nginx/proxy-hosts";
const OWNED = { managed_by: "EnvoyNPM", container_id: "c1" } as const;

for (
  const [desc, failure] of [
    ["502", { status: 502 }],
    ["503", npmError(503, "Service Unavailable")],
    ["429", { status: 429 }],
    ["a network error", { network: "Connection reset by peer" }],
    ["a timeout", { hang: true }],
  ] as const
) {
  Deno.test(`listProxyHosts() retries after ${desc}, then succeeds`, async () => {
    const { api, script, sleeps } = loggedInClient([
      failure,
      failure,
      { status: 200, body: [proxyHostRow(1, "a.lan")] },
    ], { timeoutMs: 20 });
    assert.equal((await api.listProxyHosts())._unsafeUnwrap().length, 1);
    assert.deepEqual(script.lines(), [LOGIN, LIST, LIST, LIST]);
    assert.deepEqual(sleeps, [125, 250]);
  });
}

for (
  const [desc, failure, kind] of [
    ["502", { status: 502 }, "npm_server_error"],
    ["a network error", { network: "Connection refused" }, "npm_unreachable"],
    ["a timeout", { hang: true }, "npm_timeout"],
  ] as const
) {
  Deno.test(`listProxyHosts() gives up after N tries of ${desc} with ${kind}`, async () => {
    const { api, script } = loggedInClient(
      [failure, failure, failure, failure],
      { timeoutMs: 20, retry: { attempts: 3 } },
    );
    const error = (await api.listProxyHosts())._unsafeUnwrapErr();
    assert.equal(error.kind, kind);
    assert.deepEqual(script.lines(), [LOGIN, LIST, LIST, LIST]);
  });
}

Deno.test("updateProxyHost() does not retry a 400 and puts exactly the body given", async () => {
  const { api, script } = loggedInClient([
    npmError(400, "data must NOT have additional properties"),
  ]);
  const error = (await api.updateProxyHost(5, { forward_port: 8080 }))._unsafeUnwrapErr();
  assert.deepEqual(error, {
    kind: "npm_rejected",
    url: "http://npm:81/api/nginx/proxy-hosts/5",
    status: 400,
    message: "data must NOT have additional properties",
  });
  assert.deepEqual(script.lines(), [LOGIN, "PUT /api/nginx/proxy-hosts/5"]);
  assert.deepEqual(script.calls[1].body, { forward_port: 8080 });
});

Deno.test("updateProxyHost() answers the updated host, and 404 is npm_not_found", async () => {
  const { api } = loggedInClient([
    { status: 200, body: { ...proxyHostRow(5, "a.lan"), forward_port: 8080 } },
    npmError(404, "Not Found - 6"),
  ]);
  assert.equal(
    (await api.updateProxyHost(5, { forward_port: 8080 }))._unsafeUnwrap().forward_port,
    8080,
  );
  assert.equal(
    (await api.updateProxyHost(6, { forward_port: 1 }))._unsafeUnwrapErr().kind,
    "npm_not_found",
  );
});

Deno.test("createProxyHost() posts once and answers the new host", async () => {
  const { api, script } = loggedInClient([
    { status: 201, body: proxyHostRow(9, "web.lan", OWNED) },
  ]);
  assert.equal((await api.createProxyHost(BODY))._unsafeUnwrap().id, 9);
  assert.deepEqual(script.lines(), [LOGIN, CREATE]);
  assert.deepEqual(script.calls[1].body, BODY);
});

for (
  const [desc, lost] of [
    ["timed out", { hang: true }],
    ["was a 502", { status: 502 }],
    ["was a 500", npmError(500, "Internal Error")],
  ] as const
) {
  Deno.test(`createProxyHost() whose answer ${desc} but which happened posts no second time`, async () => {
    const { api, script } = loggedInClient([
      lost,
      { status: 200, body: [proxyHostRow(3, "other.lan"), proxyHostRow(9, "WEB.lan", OWNED)] },
    ], { timeoutMs: 20 });
    assert.equal((await api.createProxyHost(BODY))._unsafeUnwrap().id, 9);
    assert.deepEqual(script.lines(), [LOGIN, CREATE, LIST]);
  });
}

Deno.test("createProxyHost() whose lost answer did not happen posts again after looking", async () => {
  const { api, script } = loggedInClient([
    { network: "Connection reset by peer" },
    { status: 200, body: [proxyHostRow(9, "web.lan", { ...OWNED, container_id: "old" })] },
    { status: 201, body: proxyHostRow(10, "web.lan", OWNED) },
  ]);
  assert.equal((await api.createProxyHost(BODY))._unsafeUnwrap().id, 10);
  assert.deepEqual(script.lines(), [LOGIN, CREATE, LIST, CREATE]);
});

Deno.test("createProxyHost() answers npm_domain_in_use when another host holds the domain", async () => {
  const { api, script } = loggedInClient([
    npmError(400, "web.lan is already in use"),
    { status: 200, body: [proxyHostRow(2, "web.lan", { owner: "someone" })] },
  ]);
  const error = (await api.createProxyHost(BODY))._unsafeUnwrapErr();
  assert.deepEqual(error, {
    kind: "npm_domain_in_use",
    domain: "web.lan",
    message: "web.lan is already in use",
  });
  assert.deepEqual(script.lines(), [LOGIN, CREATE, LIST]);
});

Deno.test("createProxyHost() retried after a lost answer takes 'already in use' by its own host as success", async () => {
  const { api, script } = loggedInClient([
    { status: 502 },
    { status: 200, body: [] },
    npmError(400, "web.lan is already in use"),
    { status: 200, body: [proxyHostRow(9, "web.lan", OWNED)] },
  ]);
  assert.equal((await api.createProxyHost(BODY))._unsafeUnwrap().id, 9);
  assert.deepEqual(script.lines(), [LOGIN, CREATE, LIST, CREATE, LIST]);
});

for (const action of ["enable", "disable"] as const) {
  const method = action === "enable" ? "enableProxyHost" : "disableProxyHost";
  Deno.test(`${method}() posts …/${action} and takes "Host is already ${action}d" as success`, async () => {
    const { api, script } = loggedInClient([
      { status: 200, body: true },
      { status: 502 },
      npmError(400, `Host is already ${action}d`),
    ]);
    assert.ok((await api[method](4)).isOk());
    assert.ok((await api[method](4)).isOk());
    const path = `POST /api/nginx/proxy-hosts/4/${action}`;
    assert.deepEqual(script.lines(), [LOGIN, path, path, path]);
  });
}

Deno.test("enableProxyHost() of a missing host is npm_not_found", async () => {
  const { api } = loggedInClient([npmError(404, "Not Found - 4")]);
  assert.equal((await api.enableProxyHost(4))._unsafeUnwrapErr().kind, "npm_not_found");
});

Deno.test("listOtherHostDomains() unites redirection and dead hosts, lower-cased", async () => {
  const { api, script } = loggedInClient([
    { status: 200, body: [{ id: 1, domain_names: ["Old.lan", "b.lan"] }] },
    { status: 200, body: [{ id: 1, domain_names: ["gone.LAN", "b.lan"], meta: {} }] },
  ]);
  assert.deepEqual((await api.listOtherHostDomains())._unsafeUnwrap(), [
    "old.lan",
    "b.lan",
    "gone.lan",
  ]);
  assert.deepEqual(script.lines(), [
    LOGIN,
    "GET /api/nginx/redirection-hosts",
    "GET /api/nginx/dead-hosts",
  ]);
});

Deno.test("listProxyHosts() answers npm_bad_response naming the field, without retrying", async () => {
  const { api, script } = loggedInClient([
    { status: 200, body: [{ ...proxyHostRow(1, "a.lan"), enabled: "yes" }] },
  ]);
  const error = (await api.listProxyHosts())._unsafeUnwrapErr();
  assert.ok(error.kind === "npm_bad_response" && error.detail.startsWith("0.enabled: "));
  assert.deepEqual(script.lines(), [LOGIN, LIST]);
});

Deno.test("status() reads NPM's version without logging in", async () => {
  const { api, script } = testClient([{
    status: 200,
    body: { status: "OK", setup: true, version: { major: 2, minor: 15, revision: 1 } },
  }]);
  assert.deepEqual((await api.status())._unsafeUnwrap(), { status: "OK", version: "2.15.1" });
  assert.deepEqual(script.calls.map((call) => call.authorization), [null]);
  assert.deepEqual(script.lines(), ["GET /api/"]);
});

Deno.test("aborting the client's signal stops retries at once", async () => {
  const controller = new AbortController();
  const { api, script } = loggedInClient(
    [{ status: 503 }, { status: 503 }, { status: 503 }],
    { signal: controller.signal, sleep: undefined, retry: { baseDelayMs: 60_000 } },
  );
  const started = Date.now();
  setTimeout(() => controller.abort(), 20);
  const error = (await api.listProxyHosts())._unsafeUnwrapErr();
  assert.equal(error.kind, "npm_server_error");
  assert.ok(Date.now() - started < 1000);
  assert.deepEqual(script.lines(), [LOGIN, LIST]);
});

Deno.test("no error of any failing call holds the password", async () => {
  const { api } = testClient([
    npmError(400, "Invalid email or password"),
    { network: "Connection refused" },
  ], { retry: { attempts: 1 } });
  const errors = [
    (await api.listProxyHosts())._unsafeUnwrapErr(),
    (await api.login())._unsafeUnwrapErr(),
  ];
  assert.ok(!JSON.stringify(errors).includes(PASSWORD));
});
