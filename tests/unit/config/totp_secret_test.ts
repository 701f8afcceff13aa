import assert from "node:assert/strict";
import { getLogger, reset } from "@logtape/logtape";
import { formatConfigProblems, loadConfig } from "../../../lib/config/mod.ts";
import { configureLogging } from "../../../lib/log/mod.ts";

const VALID = {
  NPM_API_URL: "http://npm:81",
  NPM_API_EMAIL: "admin@example.com",
  NPM_API_PASSWORD: "s3cret-Pa55",
};
/** A 20-byte base32 key, as NPM generates for two-factor login. */
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

Deno.test("loadConfig() reads NPM_API_TOTP_SECRET into npm.totpSecret, as written", () => {
  const config = loadConfig({ ...VALID, NPM_API_TOTP_SECRET: SECRET })._unsafeUnwrap();
  assert.equal(config.npm.totpSecret, SECRET);
  const spaced = "jbsw y3dp ehpk 3pxp jbsw y3dp ehpk 3pxp";
  const tolerant = loadConfig({ ...VALID, NPM_API_TOTP_SECRET: spaced })._unsafeUnwrap();
  assert.equal(tolerant.npm.totpSecret, spaced);
});

Deno.test("loadConfig() without NPM_API_TOTP_SECRET (or with it empty) has no totpSecret", () => {
  assert.ok(!("totpSecret" in loadConfig(VALID)._unsafeUnwrap().npm));
  const empty = loadConfig({ ...VALID, NPM_API_TOTP_SECRET: "" })._unsafeUnwrap();
  assert.ok(!("totpSecret" in empty.npm));
});

Deno.test("loadConfig() refuses a secret that is not base32, naming the variable, never the value", () => {
  for (const bad of ["hunter2-s3cr3t!", "JBSWY3DP0HPK1PXP", "ABC"]) {
    const problems = loadConfig({ ...VALID, NPM_API_TOTP_SECRET: bad })._unsafeUnwrapErr();
    assert.deepEqual(problems.map((p) => p.variable), ["NPM_API_TOTP_SECRET"]);
    const message = formatConfigProblems(problems);
    assert.match(message, /NPM_API_TOTP_SECRET/);
    assert.ok(!message.includes(bad), message);
  }
});

Deno.test("a logged config shows neither the password nor the two-factor secret", async () => {
  const config = loadConfig({ ...VALID, NPM_API_TOTP_SECRET: SECRET })._unsafeUnwrap();
  for (const format of ["text", "json"] as const) {
    const lines: string[] = [];
    await configureLogging({ level: "debug", format, write: (line) => lines.push(line) });
    try {
      const logger = getLogger(["envoynpm", "test"]);
      logger.info("config {config}, npm {npm}", { config, npm: config.npm });
      logger.info("secret {totpSecret}", { totpSecret: config.npm.totpSecret });
    } finally {
      await reset();
    }
    const text = lines.join("\n");
    assert.match(text, /admin@example\.com/, "the log shows the config");
    assert.ok(!text.includes(SECRET), `${format}: ${text}`);
    assert.ok(!text.includes("s3cret-Pa55"), `${format}: ${text}`);
  }
});
