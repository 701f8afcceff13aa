/**
 * Holds the double's two-factor login to NPM's own schemas (read at run time
 * from `shared/npm-api/schema`, skipped without it as the main contract test
 * says): the challenge, the token it ends in, the errors, and how
 * `POST /api/tokens/2fa` bodies are judged.
 */
import assert from "node:assert/strict";
import { type NpmDouble, startNpmDouble } from "../../lib/npm_double/mod.ts";
import { totp } from "../../lib/npm/totp.ts";
import { assertFits, npmAjv, requestSchema, schemaDirExists, send } from "./_npm_schema.ts";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** [name, body]; "CHALLENGE" and "CODE" stand for a real challenge and the current code. */
const CORPUS: [string, Record<string, unknown>][] = [
  ["challenge and code", { challenge_token: "CHALLENGE", code: "CODE" }],
  ["a backup-code length", { challenge_token: "CHALLENGE", code: "ABCD1234" }],
  ["a numeric code (ajv coerces it)", { challenge_token: "CHALLENGE", code: 123456 }],
  ["a 5-character code", { challenge_token: "CHALLENGE", code: "12345" }],
  ["a 9-character code", { challenge_token: "CHALLENGE", code: "123456789" }],
  ["no code", { challenge_token: "CHALLENGE" }],
  ["no challenge", { code: "CODE" }],
  ["an empty challenge", { challenge_token: "", code: "CODE" }],
  ["an expiry too", { challenge_token: "CHALLENGE", code: "CODE", expiry: "1h" }],
];

async function withChallenge(fn: (npm: NpmDouble, challenge: string) => Promise<void>) {
  const npm = await startNpmDouble({ totpSecret: SECRET });
  try {
    const login = await send(npm, "POST", "/api/tokens", {
      identity: npm.email,
      secret: npm.password,
    });
    assertFits("token-challenge", login.body);
    await fn(npm, login.body.challenge_token);
  } finally {
    await npm.close();
  }
}

/** The current code, after waiting out the last 3 s of its step so it holds for the request. */
async function currentCode(): Promise<string> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 3_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  return (await totp(SECRET, { now: Date.now() }))._unsafeUnwrap();
}

if (!schemaDirExists()) {
  Deno.test({ name: "contract: NPM schemas not found, two-factor skipped", ignore: true, fn() {} });
} else {
  Deno.test("contract: a two-factor login ends in NPM's token object; its refusals fit NPM's error", () =>
    withChallenge(async (npm, challenge) => {
      const wrong = await send(npm, "POST", "/api/tokens/2fa", {
        challenge_token: challenge,
        code: "000000" === await currentCode() ? "111111" : "000000",
      });
      assert.equal(wrong.status, 400);
      // NPM's error handler (app.js) adds `message_i18n`, which its error-object schema omits.
      const { message_i18n, ...rest } = wrong.body.error;
      assert.equal(message_i18n, "error.invalid-2fa");
      assertFits("error", { error: rest });
      const bad = await send(npm, "POST", "/api/tokens/2fa", { challenge_token: "x", code: "1" });
      assertFits("error", bad.body);
      const code = await currentCode();
      const answer = await send(npm, "POST", "/api/tokens/2fa", {
        challenge_token: challenge,
        code,
      });
      assert.equal(answer.status, 200);
      assertFits("token-object", answer.body);
    }));

  const validate = npmAjv.compile(requestSchema("paths/tokens/2fa/post.json") as object);
  for (const [name, template] of CORPUS) {
    Deno.test(`contract: 2fa body "${name}" is judged as NPM judges it`, () =>
      withChallenge(async (npm, challenge) => {
        const code = await currentCode();
        const body = Object.fromEntries(
          Object.entries(template).map((
            [key, value],
          ) => [key, value === "CHALLENGE" ? challenge : value === "CODE" ? code : value]),
        );
        const valid = validate(structuredClone(body));
        const answer = await send(npm, "POST", "/api/tokens/2fa", body);
        if (valid) {
          const message = answer.body.error?.message;
          assert.ok(answer.status === 200 || message === "Invalid verification code", message);
        } else {
          assert.deepEqual(answer, {
            status: 400,
            body: { error: { code: 400, message: npmAjv.errorsText(validate.errors) } },
          });
        }
      }));
  }
}
