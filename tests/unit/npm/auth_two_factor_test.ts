import assert from "node:assert/strict";
import { describeNpmError } from "../../../lib/npm/mod.ts";
import { totp } from "../../../lib/npm/totp.ts";
import { EMAIL, NOW, npmError, PASSWORD, testClient, tokenReply } from "./_scripted_fetch.ts";

const LIST = "GET /api/nginx/proxy-hosts";
const LOGIN = "POST /api/tokens";
const CODE = "POST /api/tokens/2fa";
const RENEW = "GET /api/tokens";
const HOUR = 3600_000;
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const CHALLENGE = { status: 200, body: { requires_2fa: true, challenge_token: "challenge-1" } };

const codeAt = async (now: number) => (await totp(SECRET, { now }))._unsafeUnwrap();

Deno.test("login() answers NPM's challenge with the current code and uses the token it gets", async () => {
  const { api, script } = testClient([CHALLENGE, tokenReply("t1", NOW), {
    status: 200,
    body: [],
  }], { totpSecret: SECRET });
  assert.ok((await api.listProxyHosts()).isOk());
  assert.deepEqual(script.lines(), [LOGIN, CODE, LIST]);
  assert.deepEqual(script.calls[0].body, { identity: EMAIL, secret: PASSWORD });
  assert.deepEqual(script.calls[1].body, {
    challenge_token: "challenge-1",
    code: await codeAt(NOW),
  });
  assert.equal(script.calls[1].authorization, null);
  assert.equal(script.calls[2].authorization, "Bearer t1");
});

Deno.test("a refused code fails once with NPM's reason and names the variable, never the secret", async () => {
  const { api, script } = testClient([CHALLENGE, npmError(400, "Invalid verification code")], {
    totpSecret: SECRET,
  });
  const error = (await api.login())._unsafeUnwrapErr();
  assert.deepEqual(error, {
    kind: "npm_two_factor",
    email: EMAIL,
    refused: "Invalid verification code",
  });
  assert.deepEqual(script.lines(), [LOGIN, CODE]);
  const message = describeNpmError(error);
  assert.match(message, /NPM_API_TOTP_SECRET/);
  assert.match(message, /Invalid verification code/);
  for (const secret of [SECRET, PASSWORD, "challenge-1"]) {
    assert.ok(!message.includes(secret) && !JSON.stringify(error).includes(secret));
  }
});

Deno.test("an expired challenge is a refused login too", async () => {
  const { api } = testClient([CHALLENGE, npmError(400, "Invalid or expired challenge token")], {
    totpSecret: SECRET,
  });
  const error = (await api.login())._unsafeUnwrapErr();
  assert.deepEqual(error, {
    kind: "npm_two_factor",
    email: EMAIL,
    refused: "Invalid or expired challenge token",
  });
});

Deno.test("a code refused because its 30 s step ended meanwhile is sent once more, fresh", async () => {
  // Each read of the clock is a second later: the first code is of the step before NOW.
  let clock = NOW - 1_500;
  const now = () => (clock += 1_000);
  const { api, script } = testClient([
    CHALLENGE,
    npmError(400, "Invalid verification code"),
    tokenReply("t1", NOW),
  ], { totpSecret: SECRET, now });
  assert.ok((await api.login()).isOk());
  assert.deepEqual(script.lines(), [LOGIN, CODE, CODE]);
  const [first, second] = [script.calls[1].body, script.calls[2].body] as { code: string }[];
  assert.equal(first.code, await codeAt(NOW - 500));
  assert.equal(second.code, await codeAt(NOW + 1_500));
  assert.notEqual(first.code, second.code);
});

Deno.test("a refusal is not retried while the step has not changed, nor a second time", async () => {
  let clock = NOW - 1_500;
  const now = () => (clock += 1_000);
  const { api, script } = testClient([
    CHALLENGE,
    npmError(400, "Invalid verification code"),
    npmError(400, "Invalid verification code"),
  ], { totpSecret: SECRET, now });
  assert.equal((await api.login())._unsafeUnwrapErr().kind, "npm_two_factor");
  assert.deepEqual(script.lines(), [LOGIN, CODE, CODE]);
});

Deno.test("renewal needs no code (NPM's GET /api/tokens takes the bearer only)", async () => {
  let now = NOW;
  const { api, script } = testClient([
    CHALLENGE,
    tokenReply("t1", NOW, 24 * HOUR),
    { status: 200, body: [] },
    tokenReply("t2", NOW + 22 * HOUR, 24 * HOUR),
    { status: 200, body: [] },
  ], { totpSecret: SECRET, now: () => now });
  await api.listProxyHosts();
  now = NOW + 22 * HOUR;
  assert.ok((await api.listProxyHosts()).isOk());
  assert.deepEqual(script.lines(), [LOGIN, CODE, LIST, RENEW, LIST]);
});

Deno.test("a stale token is replaced by a new login through a new challenge", async () => {
  let now = NOW;
  const { api, script } = testClient([
    CHALLENGE,
    tokenReply("t1", NOW),
    { status: 200, body: [] },
    CHALLENGE,
    tokenReply("t2", NOW + 25 * HOUR),
    { status: 200, body: [] },
  ], { totpSecret: SECRET, now: () => now });
  await api.listProxyHosts();
  now = NOW + 25 * HOUR;
  assert.ok((await api.listProxyHosts()).isOk());
  assert.deepEqual(script.lines(), [LOGIN, CODE, LIST, LOGIN, CODE, LIST]);
  assert.equal((script.calls[4].body as { code: string }).code, await codeAt(NOW + 25 * HOUR));
});

Deno.test("without a secret the challenge fails fast, advising NPM_API_TOTP_SECRET", async () => {
  const { api, script } = testClient([CHALLENGE]);
  const error = (await api.login())._unsafeUnwrapErr();
  assert.deepEqual(error, { kind: "npm_two_factor", email: EMAIL });
  assert.deepEqual(script.lines(), [LOGIN]);
  assert.match(describeNpmError(error), /NPM_API_TOTP_SECRET/);
  assert.match(describeNpmError(error), /dedicated account without two-factor login/);
});

Deno.test("an unusable secret given in code fails before sending anything", async () => {
  const { api, script } = testClient([CHALLENGE], { totpSecret: "not base32!" });
  const error = (await api.login())._unsafeUnwrapErr();
  assert.equal(error.kind, "npm_two_factor");
  assert.deepEqual(script.lines(), [LOGIN]);
  assert.ok(!JSON.stringify(error).includes("not base32!"));
});
