/** HTTPS end to end: real dockerd, the NPM double, EnvoyNPM as a user runs it. */
import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { freePort } from "../support/envoy_process.ts";
import { waitUntil } from "../support/wait.ts";
import { runMain } from "../integration/cli/_run.ts";
import { FAST_STOP, startStack } from "./_stack.ts";

const DAY = 86_400_000;
const KEY = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----\n";
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

Deno.test("e2e: a wildcard certificate is picked over an expired exact one, in the create itself", async () => {
  await using stack = await startStack();
  stack.npm.addCertificate({ domain_names: ["shop.lan"], expires_on: new Date(Date.now() - DAY) });
  const wildcard = stack.npm.addCertificate({
    domain_names: ["*.lan"],
    expires_on: new Date(Date.now() + 60 * DAY),
  });
  await stack.startEnvoy();
  await stack.engine.admin.run({
    name: uniqueName("shop"),
    cmd: FAST_STOP,
    env: { NPM_HOST: "shop.lan", NPM_PORT: "80", NPM_SSL: "true", NPM_ENABLE_HSTS: "true" },
  });
  const host = await stack.waitForHost("shop.lan", (row) => row.enabled);
  assert.equal(host.certificate_id, wildcard.id);
  assert.equal(host.ssl_forced, true);
  assert.equal(host.http2_support, true);
  assert.equal(host.hsts_enabled, true);
  await stack.settled();
  assert.equal(stack.npm.writes(), 1, "one create, already with its certificate");
});

Deno.test("e2e: NPM_CERTIFICATE names the certificate to use", async () => {
  await using stack = await startStack();
  const named = stack.npm.addCertificate({ nice_name: "Home", domain_names: ["*.home.lan"] });
  stack.npm.addCertificate({
    nice_name: "Later",
    domain_names: ["*.home.lan"],
    expires_on: new Date(Date.now() + 80 * DAY),
  });
  await stack.startEnvoy();
  await stack.engine.admin.run({
    name: uniqueName("named"),
    cmd: FAST_STOP,
    env: { NPM_HOST: "nas.home.lan", NPM_PORT: "80", NPM_CERTIFICATE: "Home" },
  });
  const host = await stack.waitForHost("nas.home.lan", (row) => row.enabled);
  assert.equal(host.certificate_id, named.id);
});

Deno.test("e2e: a Let's Encrypt certificate is requested in two steps, with exactly three writes", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  await stack.engine.admin.run({
    name: uniqueName("le"),
    cmd: FAST_STOP,
    env: { NPM_HOST: "le.lan", NPM_PORT: "80", NPM_SSL_REQUEST: "true" },
  });
  const host = await stack.waitForHost("le.lan", (row) => row.certificate_id > 0);
  await stack.settled();
  const writes = stack.npm.auditLog().map((entry) => `${entry.object_type} ${entry.action}`);
  assert.deepEqual(writes, ["proxy-host created", "certificate created", "proxy-host updated"]);
  const [certificate] = stack.npm.certificates();
  assert.equal(host.certificate_id, certificate.id);
  assert.deepEqual(certificate.domain_names, ["le.lan"]);
  assert.equal(host.ssl_forced, true);
});

Deno.test("e2e: a failed Let's Encrypt request is asked again once per backoff, not at every resync", async () => {
  await using stack = await startStack();
  stack.npm.letsencrypt(false);
  const envoy = await stack.startEnvoy({ RESYNC_INTERVAL: "1s" });
  await stack.engine.admin.run({
    name: uniqueName("fail"),
    cmd: FAST_STOP,
    env: { NPM_HOST: "fail.lan", NPM_PORT: "80", NPM_SSL_REQUEST: "true" },
  });
  await stack.waitForHost("fail.lan", (row) => row.enabled);
  const failed = (line: { message: string }) =>
    line.message.includes("Could not get a Let's Encrypt certificate");
  await envoy.waitForLog("the failed request", failed);
  // Five resyncs go by.
  const reconciles = () =>
    envoy.logs.filter((line) => line.message.startsWith("Reconciled")).length;
  const start = reconciles();
  await waitUntil("five resyncs", () => reconciles() >= start + 5, { timeoutMs: 20_000 });
  assert.equal(envoy.logs.filter(failed).length, 1, "asked once");
  assert.equal(stack.host("fail.lan")?.certificate_id, 0, "served over HTTP meanwhile");
  const warned = envoy.logs.filter((line) =>
    line.level === "WARN" && /served over HTTP only/.test(line.message)
  );
  assert.equal(warned.length, 1, "told once");
});

Deno.test("e2e: no private key reaches a log line, the status page, /metrics, a webhook, plan or check", async () => {
  await using stack = await startStack();
  const domain = "secret.lan";
  stack.npm.addCertificate({
    provider: "other",
    nice_name: "Custom",
    domain_names: [domain],
    meta: { certificate: PEM, certificate_key: KEY },
  });
  const received: string[] = [];
  const hook = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    received.push(await request.text());
    return new Response("ok");
  });
  const port = freePort();
  const envoy = await stack.startEnvoy({
    HTTP_ADDR: `127.0.0.1:${port}`,
    NOTIFY_URL: `http://127.0.0.1:${hook.addr.port}/hook`,
  });
  await stack.engine.admin.run({
    name: uniqueName("secret"),
    cmd: FAST_STOP,
    env: { NPM_HOST: domain, NPM_PORT: "80", NPM_SSL: "true" },
  });
  await stack.waitForHost(domain, (row) => row.certificate_id > 0);
  await waitUntil("the webhook", () => received.length > 0);
  await stack.settled();
  const base = `http://127.0.0.1:${port}`;
  const pages = await Promise.all(["/", "/api/state", "/metrics"].map(async (path) => {
    const response = await fetch(base + path);
    return await response.text();
  }));
  assert.match(pages[1], /"name":"Custom"/, "the status page names the certificate");
  const env = {
    NPM_API_URL: stack.npm.url,
    NPM_API_EMAIL: stack.npm.email,
    NPM_API_PASSWORD: stack.npm.password,
    DOCKER_HOST: stack.engine.host,
    HTTP_ADDR: "",
  };
  const plan = await runMain(["plan"], env);
  const planJson = await runMain(["plan", "--json"], env);
  const check = await runMain(["check"], env);
  assert.match(plan.stdout, /https secret\.lan \(container \S+\): certificate "Custom"/);
  await hook.shutdown();
  const outputs = [
    ...envoy.logs.map((line) => JSON.stringify(line)),
    ...envoy.otherOutput,
    ...pages,
    ...received,
    plan.stdout + plan.stderr,
    planJson.stdout + planJson.stderr,
    check.stdout + check.stderr,
  ];
  for (const output of outputs) {
    assert.ok(!/PRIVATE KEY|BEGIN CERTIFICATE|c2VjcmV0/.test(output), output.slice(0, 300));
  }
});
