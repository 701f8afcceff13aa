import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { startEnvoy } from "../support/envoy_process.ts";
import { startNpm, startStack } from "./_stack.ts";

const PLAIN_TCP = /is plain TCP/;

Deno.test("e2e: over TLS (--tlsverify), a started container gets its proxy host", async () => {
  await using stack = await startStack({ engine: { tls: true } });
  const envoy = await stack.startEnvoy();
  await stack.engine.admin.run({
    name: uniqueName("tls"),
    env: { NPM_HOST: "remote.home.lan", NPM_PORT: "8080" },
  });
  const host = await stack.waitForHost("remote.home.lan", (row) => row.enabled);
  assert.equal(host.forward_port, 8080);
  const started = envoy.logs.find((line) => line.message.startsWith("EnvoyNPM starting"));
  assert.match(started?.message ?? "", /tcp:\/\/127\.0\.0\.1:\d+/);
  assert.ok(!envoy.logs.some((line) => PLAIN_TCP.test(line.message)));
});

Deno.test("e2e: plain tcp:// beyond loopback warns once, unless DOCKER_PLAIN_TCP=trusted", async () => {
  await using npm = await startNpm();
  // `.invalid` never resolves (RFC 6761): no engine is ever reached.
  const dockerHost = "tcp://envoynpm-test.invalid:2375";
  await using warned = startEnvoy({ npm, dockerHost });
  await warned.waitForLog("the plain TCP warning", (line) => PLAIN_TCP.test(line.message));
  await warned.waitForLog("login", (line) => line.message.startsWith("Logged in to NPM"));
  const warnings = warned.logs.filter((line) => PLAIN_TCP.test(line.message));
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0].level, "WARN");
  assert.match(warnings[0].message, /DOCKER_PLAIN_TCP=trusted/);

  await using trusted = startEnvoy({ npm, dockerHost, env: { DOCKER_PLAIN_TCP: "trusted" } });
  await trusted.waitForLog("login", (line) => line.message.startsWith("Logged in to NPM"));
  assert.ok(!trusted.logs.some((line) => PLAIN_TCP.test(line.message)));
});

Deno.test("e2e: a TLS file that cannot be read stops EnvoyNPM at once with exit 2", async () => {
  await using npm = await startNpm();
  const certPath = await Deno.makeTempDir({ prefix: "envoynpm-certs-" });
  try {
    await Deno.writeTextFile(`${certPath}/ca.pem`, "-----BEGIN CERTIFICATE-----\n");
    await using envoy = startEnvoy({
      npm,
      dockerHost: "tcp://127.0.0.1:2376",
      env: { DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: certPath },
    });
    assert.equal(await envoy.exited, 2);
    const said = envoy.otherOutput.join("\n");
    assert.match(said, /DOCKER_CERT_PATH: cannot read cert\.pem at .*\/cert\.pem/);
    assert.match(said, /DOCKER_CERT_PATH: cannot read key\.pem at .*\/key\.pem/);
    assert.equal(npm.writes(), 0);
  } finally {
    await Deno.remove(certPath, { recursive: true });
  }
});
