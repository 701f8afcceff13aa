import assert from "node:assert/strict";
import {
  EMAIL,
  NOW,
  npmError,
  PASSWORD,
  proxyHostRow,
  testClient,
  tokenReply,
} from "./_scripted_fetch.ts";

const LIST = "GET /api/nginx/proxy-hosts";
const LOGIN = "POST /api/tokens";
const RENEW = "GET /api/tokens";
const HOUR = 3600_000;

Deno.test("login() posts only identity and secret", async () => {
  const { api, script } = testClient([tokenReply("t1", NOW)]);
  assert.ok((await api.login()).isOk());
  assert.deepEqual(script.calls, [{
    method: "POST",
    path: "/api/tokens",
    body: { identity: EMAIL, secret: PASSWORD },
    authorization: null,
  }]);
});

Deno.test("login() with a wrong password fails once with the email, never the password", async () => {
  const { api, script } = testClient([npmError(400, "Invalid email or password")]);
  const error = (await api.login())._unsafeUnwrapErr();
  assert.deepEqual(error, {
    kind: "npm_auth_failed",
    email: EMAIL,
    message: "Invalid email or password",
  });
  assert.ok(!JSON.stringify(error).includes(PASSWORD));
  assert.deepEqual(script.lines(), [LOGIN]);
});

Deno.test("login() of an account with two-factor login fails once with npm_two_factor", async () => {
  const { api, script } = testClient([{
    status: 200,
    body: { requires_2fa: true, challenge_token: "challenge-secret" },
  }]);
  const error = (await api.login())._unsafeUnwrapErr();
  assert.deepEqual(error, { kind: "npm_two_factor", email: EMAIL });
  assert.deepEqual(script.lines(), [LOGIN]);
});

Deno.test("login() retries while NPM is unreachable", async () => {
  const { api, script, sleeps } = testClient([
    { network: "Connection refused" },
    { status: 503 },
    tokenReply("t1", NOW),
  ]);
  assert.ok((await api.login()).isOk());
  assert.deepEqual(script.lines(), [LOGIN, LOGIN, LOGIN]);
  assert.equal(sleeps.length, 2);
});

Deno.test("the first authenticated call logs in, later ones reuse the token", async () => {
  const { api, script } = testClient([
    tokenReply("t1", NOW),
    { status: 200, body: [] },
    { status: 200, body: [] },
  ]);
  assert.ok((await api.listProxyHosts()).isOk());
  assert.ok((await api.listProxyHosts()).isOk());
  assert.deepEqual(script.lines(), [LOGIN, LIST, LIST]);
  assert.deepEqual(script.calls.map((call) => call.authorization), [
    null,
    "Bearer t1",
    "Bearer t1",
  ]);
});

Deno.test("concurrent calls share one login", async () => {
  const { api, script } = testClient([
    tokenReply("t1", NOW),
    { status: 200, body: [] },
    { status: 200, body: [] },
  ]);
  const results = await Promise.all([api.listProxyHosts(), api.listProxyHosts()]);
  assert.ok(results.every((result) => result.isOk()));
  assert.deepEqual(script.lines(), [LOGIN, LIST, LIST]);
});

Deno.test("the token is renewed with GET /api/tokens when most of its life has passed", async () => {
  let now = NOW;
  const { api, script } = testClient([
    tokenReply("t1", NOW, 24 * HOUR),
    { status: 200, body: [] },
    { status: 200, body: [] },
    tokenReply("t2", NOW + 22 * HOUR, 24 * HOUR),
    { status: 200, body: [] },
  ], { now: () => now });
  await api.listProxyHosts();
  now = NOW + 20 * HOUR;
  await api.listProxyHosts();
  now = NOW + 22 * HOUR;
  assert.ok((await api.listProxyHosts()).isOk());
  assert.deepEqual(script.lines(), [LOGIN, LIST, LIST, RENEW, LIST]);
  assert.deepEqual(script.calls.map((call) => call.authorization), [
    null,
    "Bearer t1",
    "Bearer t1",
    "Bearer t1",
    "Bearer t2",
  ]);
});

Deno.test("an expired token is replaced by a login, not renewed", async () => {
  let now = NOW;
  const { api, script } = testClient([
    tokenReply("t1", NOW, HOUR * 24),
    { status: 200, body: [] },
    tokenReply("t2", NOW + 25 * HOUR),
    { status: 200, body: [] },
  ], { now: () => now });
  await api.listProxyHosts();
  now = NOW + 25 * HOUR;
  assert.ok((await api.listProxyHosts()).isOk());
  assert.deepEqual(script.lines(), [LOGIN, LIST, LOGIN, LIST]);
});

for (
  const [desc, refusal] of [
    ['400 "Token has expired"', npmError(400, "Token has expired")],
    ["500", npmError(500, "Internal Error")],
  ] as const
) {
  Deno.test(`a renewal answered ${desc} falls back to a login`, async () => {
    let now = NOW;
    const { api, script } = testClient([
      tokenReply("t1", NOW),
      { status: 200, body: [] },
      refusal,
      tokenReply("t2", NOW + 23 * HOUR),
      { status: 200, body: [] },
    ], { now: () => now });
    await api.listProxyHosts();
    now = NOW + 23 * HOUR;
    assert.ok((await api.listProxyHosts()).isOk());
    assert.deepEqual(script.lines(), [LOGIN, LIST, RENEW, LOGIN, LIST]);
  });
}

for (
  const [desc, stale] of [
    ['400 "Token has expired"', npmError(400, "Token has expired")],
    ['400 "Empty token"', npmError(400, "Empty token")],
    ["500 for a malformed token", npmError(500, "Internal Error")],
    ["401", npmError(401, "Unauthorized")],
  ] as const
) {
  Deno.test(`a call answered ${desc} logs in again once and repeats`, async () => {
    const row = proxyHostRow(1, "a.lan");
    const { api, script, sleeps } = testClient([
      tokenReply("t1", NOW),
      stale,
      tokenReply("t2", NOW),
      { status: 200, body: [row] },
    ]);
    const hosts = (await api.listProxyHosts())._unsafeUnwrap();
    assert.deepEqual(hosts.map((host) => host.id), [1]);
    assert.deepEqual(script.lines(), [LOGIN, LIST, LOGIN, LIST]);
    assert.equal(script.calls[3].authorization, "Bearer t2");
    assert.deepEqual(sleeps, []);
  });
}

Deno.test("a token refused again after a fresh login does not loop", async () => {
  const { api, script } = testClient([
    tokenReply("t1", NOW),
    npmError(400, "Token has expired"),
    tokenReply("t2", NOW),
    npmError(400, "Token has expired"),
  ]);
  const error = (await api.listProxyHosts())._unsafeUnwrapErr();
  assert.equal(error.kind, "npm_rejected");
  assert.deepEqual(script.lines(), [LOGIN, LIST, LOGIN, LIST]);
});

Deno.test("a lasting 500 logs in again only once across the retries", async () => {
  const { api, script } = testClient([
    tokenReply("t1", NOW),
    npmError(500, "Internal Error"),
    tokenReply("t2", NOW),
    npmError(500, "Internal Error"),
    npmError(500, "Internal Error"),
    npmError(500, "Internal Error"),
    npmError(500, "Internal Error"),
    npmError(500, "Internal Error"),
  ], { retry: { attempts: 5 } });
  const error = (await api.listProxyHosts())._unsafeUnwrapErr();
  assert.equal(error.kind, "npm_server_error");
  assert.deepEqual(script.lines(), [LOGIN, LIST, LOGIN, LIST, LIST, LIST, LIST, LIST]);
});
