import assert from "node:assert/strict";
import { startNpmDouble } from "../../../lib/npm_double/mod.ts";
import { call, failure, hostBody, login, withDouble } from "./_client.ts";

Deno.test("npm double: login answers a JWT-looking token lasting a day", () =>
  withDouble(async (npm) => {
    const answer = await call(npm, "POST", "/api/tokens", {
      body: { identity: npm.email, secret: npm.password },
    });
    const { token, expires } = answer.body as { token: string; expires: string };
    assert.match(token, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const lifetime = Date.parse(expires) - Date.now();
    assert.ok(lifetime > 86_000_000 && lifetime <= 86_400_000);
  }));

Deno.test("npm double: a wrong password is 400 with error.invalid-auth", () =>
  withDouble(async (npm) => {
    const answer = await call(npm, "POST", "/api/tokens", {
      body: { identity: npm.email, secret: "nope" },
    });
    assert.deepEqual(answer, {
      status: 400,
      body: {
        error: {
          code: 400,
          message: "Invalid email or password",
          message_i18n: "error.invalid-auth",
        },
      },
    });
  }));

Deno.test("npm double: expiry in the login body is refused; GET /api/tokens?expiry= renews", () =>
  withDouble(async (npm, token) => {
    const refused = await call(npm, "POST", "/api/tokens", {
      body: { identity: npm.email, secret: npm.password, expiry: "1h" },
    });
    assert.equal(failure(refused), "400 data must NOT have additional properties");
    const renewed = await call(npm, "GET", "/api/tokens?expiry=1h", { token });
    const { token: fresh, expires } = renewed.body as { token: string; expires: string };
    assert.notEqual(fresh, token);
    assert.ok(Math.abs(Date.parse(expires) - Date.now() - 3_600_000) < 5_000);
    assert.equal((await call(npm, "GET", "/api/nginx/proxy-hosts", { token: fresh })).status, 200);
  }));

Deno.test("npm double: two-factor accounts get a challenge instead of a token", () =>
  withDouble(async (npm) => {
    const answer = await call(npm, "POST", "/api/tokens", {
      body: { identity: npm.email, secret: npm.password },
    });
    const body = answer.body as { requires_2fa: boolean; challenge_token: string };
    assert.equal(body.requires_2fa, true);
    assert.match(body.challenge_token, /^eyJ/);
  }, { twoFactor: true }));

Deno.test("npm double: without Authorization a list is 404, a create 500, an invalid body 400", () =>
  withDouble(async (npm) => {
    const list = await call(npm, "GET", "/api/nginx/proxy-hosts");
    assert.equal(failure(list), "404 Not Found - /nginx/proxy-hosts");
    const create = await call(npm, "POST", "/api/nginx/proxy-hosts", { body: hostBody("a.lan") });
    assert.equal(failure(create), "500 Internal Error");
    const invalid = await call(npm, "POST", "/api/nginx/proxy-hosts", { body: { bogus: 1 } });
    assert.match(failure(invalid), /^400 data must have required property/);
    assert.equal(failure(await call(npm, "GET", "/api/tokens")), "500 Internal Error");
  }));

Deno.test("npm double: Bearer null is 400 Empty token, a malformed token 500", () =>
  withDouble(async (npm) => {
    const empty = await call(npm, "GET", "/api/nginx/proxy-hosts", { token: "null" });
    assert.equal(failure(empty), "400 Empty token");
    const malformed = await call(npm, "GET", "/api/nginx/proxy-hosts", { token: "garbage" });
    assert.equal(failure(malformed), "500 Internal Error");
  }));

Deno.test("npm double: expired tokens answer 400 Token has expired; a new login works", () =>
  withDouble(async (npm, token) => {
    npm.faults.expireTokens();
    const answer = await call(npm, "GET", "/api/nginx/proxy-hosts", { token });
    assert.equal(failure(answer), "400 Token has expired");
    const fresh = await login(npm);
    assert.equal((await call(npm, "GET", "/api/nginx/proxy-hosts", { token: fresh })).status, 200);
  }));

Deno.test("npm double: tokenTtlMs makes tokens expire by themselves", async () => {
  const npm = await startNpmDouble({ tokenTtlMs: 30 });
  try {
    const token = await login(npm);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const answer = await call(npm, "GET", "/api/nginx/proxy-hosts", { token });
    assert.equal(failure(answer), "400 Token has expired");
  } finally {
    await npm.close();
  }
});
