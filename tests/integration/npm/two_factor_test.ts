import assert from "node:assert/strict";
import { createNpmClient, describeNpmError, type NpmClientOptions } from "../../../lib/npm/mod.ts";
import { type NpmDouble, startNpmDouble } from "../../../lib/npm_double/mod.ts";
import { WEB_LAN_BODY as BODY } from "../../support/npm_fixtures.ts";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/** Another valid secret: NPM refuses its codes. */
const OTHER_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** A two-factor double and a client of it with `options`; closes the double after. */
async function withTwoFactorDouble(
  fn: (npm: NpmDouble, options: NpmClientOptions) => Promise<void>,
): Promise<void> {
  const npm = await startNpmDouble({ totpSecret: SECRET });
  try {
    await fn(npm, {
      url: npm.url,
      email: npm.email,
      password: npm.password,
      timeoutMs: 1_000,
      retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    });
  } finally {
    await npm.close();
  }
}

Deno.test("createNpmClient() with the TOTP secret logs in through the challenge and creates a host", () =>
  withTwoFactorDouble(async (npm, options) => {
    const api = createNpmClient({
      ...options,
      totpSecret: "jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp",
    });
    assert.ok((await api.login()).isOk());
    const created = (await api.createProxyHost(BODY))._unsafeUnwrap();
    assert.deepEqual(created.domain_names, ["web.lan"]);
    assert.equal(npm.writes(), 1);
  }));

Deno.test("createNpmClient() logs in through the challenge again after its tokens expire", () =>
  withTwoFactorDouble(async (npm, options) => {
    const causes: string[] = [];
    const api = createNpmClient({
      ...options,
      totpSecret: SECRET,
      onRelogin: (cause) => causes.push(cause),
    });
    assert.ok((await api.listProxyHosts()).isOk());
    npm.faults.expireTokens();
    assert.ok((await api.listProxyHosts()).isOk());
    assert.equal(causes.length, 1);
    assert.match(causes[0], /Token has expired/);
  }));

Deno.test("createNpmClient() with a wrong secret fails with NPM's refusal, naming the variable only", () =>
  withTwoFactorDouble(async (_npm, options) => {
    const api = createNpmClient({ ...options, totpSecret: OTHER_SECRET });
    const error = (await api.login())._unsafeUnwrapErr();
    assert.deepEqual(error, {
      kind: "npm_two_factor",
      email: options.email,
      refused: "Invalid verification code",
    });
    const message = describeNpmError(error);
    assert.match(message, /NPM_API_TOTP_SECRET/);
    for (const secret of [OTHER_SECRET, SECRET, options.password]) {
      assert.ok(!message.includes(secret));
    }
  }));

Deno.test("createNpmClient() of a two-factor account without the secret fails fast", () =>
  withTwoFactorDouble(async (_npm, options) => {
    const error = (await createNpmClient(options).login())._unsafeUnwrapErr();
    assert.deepEqual(error, { kind: "npm_two_factor", email: options.email });
  }));
