import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { type EnvoyProcess, startEnvoy } from "../support/envoy_process.ts";
import { waitUntil } from "../support/wait.ts";
import { startNpm, startStack } from "./_stack.ts";

/** A DOCKER_HOST nothing listens on: these runs end before they would reach Docker. */
const NO_DOCKER = "unix:///nonexistent/envoynpm/docker.sock";

/** Everything the process wrote, logs and other output, as one text. */
function output(envoy: EnvoyProcess): string {
  return [...envoy.logs.map((line) => JSON.stringify(line)), ...envoy.otherOutput].join("\n");
}

/** Waits for the process to exit by itself, at most `ms`. */
async function exitCode(envoy: EnvoyProcess, ms = 15_000): Promise<number> {
  return await waitUntil("EnvoyNPM to exit", () => envoy.running ? undefined : envoy.exited, {
    timeoutMs: ms,
  });
}

Deno.test("e2e: invalid own configuration exits 2 naming each variable, never the password", async (t) => {
  const cases = [
    {
      name: "relative URL, empty password, unknown log level",
      env: { NPM_API_URL: "/npm/api", NPM_API_PASSWORD: "", LOG_LEVEL: "loud" },
      variables: ["NPM_API_URL", "NPM_API_PASSWORD", "LOG_LEVEL"],
    },
    {
      name: "relative URL and unknown log level, with a password set",
      env: { NPM_API_URL: "npm.lan/api", NPM_API_PASSWORD: "Sup3r-Secret-pw!", LOG_LEVEL: "loud" },
      variables: ["NPM_API_URL", "LOG_LEVEL"],
    },
  ];
  for (const { name, env, variables } of cases) {
    await t.step(name, async () => {
      const npm = { url: "", email: "admin@example.com", password: "" };
      await using envoy = startEnvoy({ npm, dockerHost: NO_DOCKER, env });
      assert.equal(await exitCode(envoy), 2);
      const text = envoy.otherOutput.join("\n");
      for (const variable of variables) assert.match(text, new RegExp(variable));
      assert.match(text, /"\/npm\/api"|"npm\.lan\/api"/, "the bad URL is quoted");
      assert.match(text, /"loud"/);
      if (env.NPM_API_PASSWORD !== "") assert.ok(!output(envoy).includes(env.NPM_API_PASSWORD));
    });
  }
});

Deno.test("e2e: a wrong NPM password exits 3 naming the email and NPM's answer, never the password", async () => {
  await using npm = await startNpm({ email: "ops@example.com", password: "the-right-one" });
  const password = "Wr0ng-Passw0rd-4e2b";
  await using envoy = startEnvoy({ npm: { ...npm, password }, dockerHost: NO_DOCKER });
  const started = performance.now();
  assert.equal(await exitCode(envoy), 3);
  const line = envoy.logs.find((log) => log.level === "ERROR");
  assert.ok(line, "an error line");
  assert.match(line.message, /ops@example\.com/);
  assert.match(line.message, /Invalid email or password/);
  assert.match(line.message, /NPM_API_PASSWORD/);
  assert.ok(!output(envoy).includes(password), "the password appears nowhere");
  assert.ok(performance.now() - started < 10_000, "a refused login is not retried");
});

Deno.test("e2e: a two-factor NPM account exits 3 with advice to use a dedicated account", async () => {
  await using npm = await startNpm({ twoFactor: true });
  await using envoy = startEnvoy({ npm, dockerHost: NO_DOCKER });
  assert.equal(await exitCode(envoy), 3);
  const line = envoy.logs.find((log) => log.level === "ERROR");
  assert.ok(line, "an error line");
  assert.match(line.message, /two-factor/);
  assert.match(line.message, /dedicated (NPM )?account without two-factor/);
  assert.match(line.message, /NPM_API_TOTP_SECRET/);
  assert.ok(!output(envoy).includes(npm.password));
});

Deno.test("e2e: SIGTERM while a create is in flight exits within 2 s, and a restart makes no duplicate", async () => {
  await using stack = await startStack({ npm: { writeDelayMs: 3_000 } });
  const envoy = await stack.startEnvoy();
  const id = await stack.engine.admin.run({
    name: uniqueName("slow"),
    env: { NPM_HOST: "inflight.lan", NPM_PORT: "80" },
  });
  // The double applies a write first, then takes 3 s to answer: the row shows the create in flight.
  await waitUntil("the create to be in flight", () => stack.host("inflight.lan"), {
    intervalMs: 10,
  });
  assert.equal(
    envoy.logs.filter((line) => line.message.startsWith("Created proxy host")).length,
    0,
    "the create has not answered yet",
  );
  const { code, ms } = await envoy.stop("SIGTERM");
  console.log(`SIGTERM during a write: exited ${code} after ${Math.round(ms)} ms`);
  assert.equal(code, 0);
  assert.ok(ms < 2_000, `took ${Math.round(ms)} ms`);

  await stack.startEnvoy();
  await stack.settled({ timeoutMs: 20_000 });
  const hosts = stack.npm.proxyHosts().filter((row) => row.domain_names.includes("inflight.lan"));
  assert.equal(hosts.length, 1);
  assert.equal(hosts[0].enabled, true);
  assert.equal(hosts[0].meta.container_id, id);
  assert.equal(stack.npm.writes(), 1, "the lost answer's create is adopted, not repeated");
});
