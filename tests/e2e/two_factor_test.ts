import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { type EnvoyProcess, startEnvoy } from "../support/envoy_process.ts";
import { waitUntil } from "../support/wait.ts";
import { startNpm, startStack } from "./_stack.ts";

/** The two-factor secret of the double's account, as NPM shows it at set-up. */
const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/** A valid base32 secret that is not the account's. */
const OTHER_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
/** A DOCKER_HOST nothing listens on: these runs end before they would reach Docker. */
const NO_DOCKER = "unix:///nonexistent/envoynpm/docker.sock";

/** Everything the process wrote, and its exit code once it ended by itself. */
async function ended(envoy: EnvoyProcess): Promise<{ code: number; text: string }> {
  const code = await waitUntil("EnvoyNPM to exit", () => envoy.running ? undefined : envoy.exited, {
    timeoutMs: 15_000,
  });
  const text = [...envoy.logs.map((line) => JSON.stringify(line)), ...envoy.otherOutput];
  return { code, text: text.join("\n") };
}

Deno.test("e2e: with NPM_API_TOTP_SECRET, EnvoyNPM logs in to a two-factor account and publishes a container", async () => {
  await using stack = await startStack({ npm: { totpSecret: SECRET } });
  const envoy = await stack.startEnvoy({ NPM_API_TOTP_SECRET: SECRET.toLowerCase() });
  assert.ok(envoy.logs.some((line) => line.message.startsWith("Logged in to NPM")));
  await stack.engine.admin.run({
    name: uniqueName("web"),
    env: { NPM_HOST: "totp.lan", NPM_PORT: "8080" },
  });
  const host = await stack.waitForHost("totp.lan", (row) => row.enabled);
  assert.equal(host.forward_port, 8080);
  assert.equal(stack.npm.writes(), 1);
  const text = envoy.logs.map((line) => JSON.stringify(line)).join("\n");
  assert.ok(!text.includes(SECRET) && !text.includes(SECRET.toLowerCase()), "never logged");
});

Deno.test("e2e: a wrong NPM_API_TOTP_SECRET exits 3 naming the variable, never the secret", async () => {
  await using npm = await startNpm({ totpSecret: SECRET });
  await using envoy = startEnvoy({
    npm,
    dockerHost: NO_DOCKER,
    env: { NPM_API_TOTP_SECRET: OTHER_SECRET },
  });
  const { code, text } = await ended(envoy);
  assert.equal(code, 3);
  const line = envoy.logs.find((log) => log.level === "ERROR");
  assert.ok(line, "an error line");
  assert.match(line.message, /Invalid verification code/);
  assert.match(line.message, /NPM_API_TOTP_SECRET/);
  for (const secret of [OTHER_SECRET, SECRET, npm.password]) assert.ok(!text.includes(secret));
});

Deno.test("e2e: a two-factor account without NPM_API_TOTP_SECRET exits 3 advising it", async () => {
  await using npm = await startNpm({ totpSecret: SECRET });
  await using envoy = startEnvoy({ npm, dockerHost: NO_DOCKER });
  const { code } = await ended(envoy);
  assert.equal(code, 3);
  const line = envoy.logs.find((log) => log.level === "ERROR");
  assert.ok(line, "an error line");
  assert.match(line.message, /set NPM_API_TOTP_SECRET/);
});

Deno.test("e2e: an NPM_API_TOTP_SECRET that is not base32 exits 2 naming it, never its value", async () => {
  await using npm = await startNpm({ totpSecret: SECRET });
  const bad = "hunter2-is-not-base32!";
  await using envoy = startEnvoy({ npm, dockerHost: NO_DOCKER, env: { NPM_API_TOTP_SECRET: bad } });
  const { code, text } = await ended(envoy);
  assert.equal(code, 2);
  assert.match(text, /NPM_API_TOTP_SECRET/);
  assert.ok(!text.includes(bad));
});
