import assert from "node:assert/strict";
import { Auth } from "../../../lib/npm_double/auth.ts";
import type { NpmDouble } from "../../../lib/npm_double/mod.ts";
import { totp } from "../../../lib/npm/totp.ts";
import { call, failure, withDouble } from "./_client.ts";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const INVALID_CODE = {
  status: 400,
  body: {
    error: { code: 400, message: "Invalid verification code", message_i18n: "error.invalid-2fa" },
  },
};

const codeAt = async (now: number) => (await totp(SECRET, { now }))._unsafeUnwrap();

/** Waits out the last 3 s of a 30 s step, so a code computed now still holds for the request. */
async function awayFromStepEnd(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

async function challengeOf(npm: NpmDouble): Promise<string> {
  const answer = await call(npm, "POST", "/api/tokens", {
    body: { identity: npm.email, secret: npm.password },
  });
  return (answer.body as { challenge_token: string }).challenge_token;
}

function twoFactor(challenge_token: string, code: unknown) {
  return { body: { challenge_token, code } };
}

Deno.test("npm double: the current code completes the challenge with a day-long token", () =>
  withDouble(async (npm) => {
    const challenge = await challengeOf(npm);
    await awayFromStepEnd();
    const answer = await call(
      npm,
      "POST",
      "/api/tokens/2fa",
      twoFactor(challenge, await codeAt(Date.now())),
    );
    assert.equal(answer.status, 200);
    const { token, expires } = answer.body as { token: string; expires: string };
    assert.match(token, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const lifetime = Date.parse(expires) - Date.now();
    assert.ok(lifetime > 86_000_000 && lifetime <= 86_400_000);
    assert.equal((await call(npm, "GET", "/api/nginx/proxy-hosts", { token })).status, 200);
    assert.equal((await call(npm, "GET", "/api/tokens", { token })).status, 200, "renewal");
    const asBearer = await call(npm, "GET", "/api/nginx/proxy-hosts", { token: challenge });
    assert.equal(failure(asBearer), "403 Permission Denied");
  }, { totpSecret: SECRET }));

Deno.test("npm double: a wrong code is 400 error.invalid-2fa, and the challenge still serves", () =>
  withDouble(async (npm) => {
    const challenge = await challengeOf(npm);
    await awayFromStepEnd();
    const now = Date.now();
    const wrong = String((Number(await codeAt(now)) + 1) % 1_000_000).padStart(6, "0");
    assert.deepEqual(await call(npm, "POST", "/api/tokens/2fa", twoFactor(challenge, wrong)), {
      ...INVALID_CODE,
    });
    // NPM's challenge is a JWT lasting 5 minutes: nothing marks it used.
    const again = await call(
      npm,
      "POST",
      "/api/tokens/2fa",
      twoFactor(challenge, await codeAt(now)),
    );
    assert.equal(again.status, 200);
    const twice = await call(
      npm,
      "POST",
      "/api/tokens/2fa",
      twoFactor(challenge, await codeAt(now)),
    );
    assert.equal(twice.status, 200);
  }, { totpSecret: SECRET }));

Deno.test("npm double: the body is judged as NPM's schema judges it", () =>
  withDouble(async (npm) => {
    const challenge = await challengeOf(npm);
    const short = await call(npm, "POST", "/api/tokens/2fa", twoFactor(challenge, "12345"));
    assert.equal(failure(short), "400 data/code must NOT have fewer than 6 characters");
    const missing = await call(npm, "POST", "/api/tokens/2fa", { body: { code: "123456" } });
    assert.equal(failure(missing), "400 data must have required property 'challenge_token'");
    const backup = await call(npm, "POST", "/api/tokens/2fa", twoFactor(challenge, "ABCD1234"));
    assert.deepEqual(backup, INVALID_CODE, "the double's account has no backup codes");
  }, { totpSecret: SECRET }));

Deno.test("npm double: an unknown, expired or non-challenge token is refused before the code", async () => {
  const auth = new Auth({ email: "a@b.c", password: "pw", totpSecret: SECRET, ttlMs: 60_000 });
  const login = auth.login("a@b.c", "pw").body as { challenge_token: string };
  const now = Date.now();
  const code = await codeAt(now);
  assert.equal(
    failure(await auth.verifyTwoFactor("eyJnope", code, now)),
    "400 Invalid or expired challenge token",
  );
  const late = now + 5 * 60_000 + 1_000;
  const expired = await auth.verifyTwoFactor(login.challenge_token, await codeAt(late), late);
  assert.equal(failure(expired), "400 Invalid or expired challenge token");
  const plain = new Auth({ email: "a@b.c", password: "pw", ttlMs: 60_000 });
  const token = (plain.login("a@b.c", "pw").body as { token: string }).token;
  assert.equal(
    failure(await plain.verifyTwoFactor(token, code, now)),
    "400 Invalid challenge token",
  );
  assert.equal((await auth.verifyTwoFactor(login.challenge_token, code, now)).status, 200);
});

Deno.test("npm double: only the current 30 s step's code counts, as otplib's default for NPM", async () => {
  const auth = new Auth({ email: "a@b.c", password: "pw", totpSecret: SECRET, ttlMs: 60_000 });
  const { challenge_token } = auth.login("a@b.c", "pw").body as { challenge_token: string };
  const now = Math.floor(Date.now() / 30_000) * 30_000 + 15_000;
  for (const offset of [-30_000, 30_000]) {
    const answer = await auth.verifyTwoFactor(challenge_token, await codeAt(now + offset), now);
    assert.deepEqual(answer, INVALID_CODE, `a code ${offset / 1000} s away`);
  }
  assert.equal((await auth.verifyTwoFactor(challenge_token, await codeAt(now), now)).status, 200);
});

Deno.test("npm double: twoFactor alone makes a random base32 secret it exposes", () =>
  withDouble(async (npm) => {
    assert.match(npm.totpSecret ?? "", /^[A-Z2-7]{32}$/);
    const challenge = await challengeOf(npm);
    await awayFromStepEnd();
    const code = (await totp(npm.totpSecret!, { now: Date.now() }))._unsafeUnwrap();
    assert.equal(
      (await call(npm, "POST", "/api/tokens/2fa", twoFactor(challenge, code))).status,
      200,
    );
  }, { twoFactor: true }));

Deno.test("npm double: an account without two-factor login has no secret", () =>
  withDouble((npm) => {
    assert.equal(npm.totpSecret, undefined);
    return Promise.resolve();
  }));
