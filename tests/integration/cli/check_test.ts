import assert from "node:assert/strict";
import { startNpmDouble } from "../../../lib/npm_double/mod.ts";
import { uniqueName } from "../../support/docker_admin.ts";
import { requireEngine } from "../../support/engine.ts";
import { runMain, serviceEnv } from "./_run.ts";

Deno.test("envoynpm check reports a hand-made host's location upstream named by host name, exits 1", async () => {
  await requireEngine();
  const npm = await startNpmDouble();
  try {
    const domain = `${uniqueName("check")}.check.test`;
    const hand = npm.addProxyHost({
      domain_names: [domain],
      forward_host: "10.1.1.1",
      locations: [{
        path: "/api",
        forward_scheme: "http",
        forward_host: "backend-svc",
        forward_port: 8080,
      }],
    });
    const text = await runMain(["check"], serviceEnv(npm));
    assert.equal(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, /^Configuration: OK$/m);
    assert.match(text.stdout, /^Docker: engine \S+ \(API 1\.\d+\) at /m);
    assert.match(text.stdout, /^NPM: version 2\.15\.1 /m);
    assert.match(text.stdout, /^NPM: logged in as admin@example\.com$/m);
    const warning = text.stdout.split("\n").find((line) => line.startsWith("warning:"));
    assert.ok(warning, text.stdout);
    assert.ok(warning.includes(`proxy host #${hand.id} (${domain})`), warning);
    assert.ok(warning.includes('"backend-svc"'), warning);
    assert.match(warning, /use an IP address/);
    assert.match(text.stdout, /^1 problem found$/m);

    const json = await runMain(["check", "--json"], serviceEnv(npm));
    assert.equal(json.code, 1);
    const document = JSON.parse(json.stdout);
    assert.equal(document.ok, false);
    assert.deepEqual(document.problems.map((problem: { code: string }) => problem.code), [
      "upstream_by_name",
    ]);
    assert.equal(npm.writes(), 0, "check must not write to NPM");
  } finally {
    await npm.close();
  }
});

Deno.test("envoynpm check lists every enabled host nginx does not serve, nginx's message on one line, exits 1", async () => {
  await requireEngine();
  const npm = await startNpmDouble();
  try {
    const name = uniqueName("offline");
    const hand = npm.addProxyHost({
      domain_names: [`${name}.hand.test`],
      forward_host: "10.1.1.1",
      advanced_config: "this is wrong;",
    });
    const ours = npm.addProxyHost({
      domain_names: [`${name}.ours.test`],
      forward_host: "172.18.0.5",
      advanced_config: "client_max_body_size 0;\nthis is wrong;",
      meta: { managed_by: "EnvoyNPM", container_id: "c0ffee" },
    });
    npm.addProxyHost({
      domain_names: [`${name}.disabled.test`],
      forward_host: "10.1.1.2",
      advanced_config: "this is wrong;",
      enabled: false,
    });
    npm.addProxyHost({ domain_names: [`${name}.fine.test`], forward_host: "10.1.1.3" });
    assert.deepEqual(npm.served(), [`${name}.fine.test`]);

    const text = await runMain(["check"], serviceEnv(npm));
    assert.equal(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, /^NPM: audited 4 proxy hosts and 0 streams$/m);
    const errors = text.stdout.split("\n").filter((line) => line.startsWith("error:"));
    assert.deepEqual(errors, [
      `error: proxy host #${hand.id} (${name}.hand.test, hand-made) is enabled, but nginx ` +
      "refused its configuration and does not serve it: nginx: [emerg] unknown directive " +
      `"this" in /data/nginx/proxy_host/${hand.id}.conf:37 / nginx: configuration file ` +
      "/etc/nginx/nginx.conf test failed. Fix the host in NPM (its Advanced tab, or what else " +
      "nginx names)",
      `error: proxy host #${ours.id} (${name}.ours.test, EnvoyNPM's) is enabled, but nginx ` +
      "refused its configuration and does not serve it: nginx: [emerg] unknown directive " +
      `"this" in /data/nginx/proxy_host/${ours.id}.conf:38 / nginx: configuration file ` +
      "/etc/nginx/nginx.conf test failed. Fix the container's NPM_ADVANCED_CONFIG (or what " +
      "else nginx names)",
    ]);
    assert.doesNotMatch(text.stdout, /disabled\.test/);
    assert.match(text.stdout, /^2 problems found$/m);

    const json = await runMain(["check", "--json"], serviceEnv(npm));
    assert.equal(json.code, 1);
    const document = JSON.parse(json.stdout);
    assert.equal(document.ok, false);
    assert.deepEqual(
      document.problems.map((problem: { severity: string; code: string }) => problem.code),
      ["nginx_offline", "nginx_offline"],
    );
    assert.equal(npm.writes(), 0, "check must not write to NPM");
  } finally {
    await npm.close();
  }
});

Deno.test("envoynpm check warns of a hand-made stream forwarding to a host name, not to an IP", async () => {
  await requireEngine();
  const npm = await startNpmDouble();
  try {
    const byIp = npm.addStream({
      incoming_port: 2222,
      forwarding_host: "192.168.1.20",
      forwarding_port: 22,
    });
    const clean = await runMain(["check"], serviceEnv(npm));
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /^NPM: audited 0 proxy hosts and 1 streams$/m);
    assert.doesNotMatch(clean.stdout, /not audited|^warning:/m);
    assert.match(clean.stdout, /^No problems found$/m);

    const byName = npm.addStream({
      incoming_port: 5432,
      forwarding_host: "nas.lan",
      forwarding_port: 5432,
    });
    const text = await runMain(["check"], serviceEnv(npm));
    assert.equal(text.code, 1, text.stdout + text.stderr);
    assert.match(text.stdout, /^NPM: audited 0 proxy hosts and 2 streams$/m);
    const warnings = text.stdout.split("\n").filter((line) => line.startsWith("warning:"));
    assert.equal(warnings.length, 1, text.stdout);
    assert.ok(warnings[0].includes(`stream #${byName.id} (port 5432) forwards`), warnings[0]);
    assert.ok(warnings[0].includes('to "nas.lan" by host name'), warnings[0]);
    assert.ok(!warnings[0].includes(byIp.forwarding_host), warnings[0]);
    assert.match(text.stdout, /^1 problem found$/m);
    assert.equal(npm.writes(), 0, "check must not write to NPM");
  } finally {
    await npm.close();
  }
});

Deno.test("envoynpm check exits 0 when all is well, and 3 when NPM refuses the login", async () => {
  await requireEngine();
  const npm = await startNpmDouble();
  try {
    const clean = await runMain(["check"], serviceEnv(npm));
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /^No problems found$/m);

    const refused = await runMain(["check"], { ...serviceEnv(npm), NPM_API_PASSWORD: "wrong-pw" });
    assert.equal(refused.code, 3, refused.stdout + refused.stderr);
    assert.match(refused.stdout, /^error: NPM refused the login of admin@example\.com/m);
    assert.doesNotMatch(refused.stdout + refused.stderr, /wrong-pw/);
  } finally {
    await npm.close();
  }
});

Deno.test("envoynpm check lists every configuration problem and exits 1", async () => {
  const result = await runMain(["check"], { NPM_API_URL: "ftp://npm", LOG_LEVEL: "loud" });
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^error: NPM_API_URL "ftp:\/\/npm" must be/m);
  assert.match(result.stdout, /^error: NPM_API_EMAIL is required/m);
  assert.match(result.stdout, /^error: LOG_LEVEL "loud"/m);
});

Deno.test("envoynpm check warns of a certificate that expires within 14 days, and prints no key", async () => {
  await requireEngine();
  const npm = await startNpmDouble();
  try {
    const domain = `${uniqueName("tls")}.check.test`;
    const certificate = npm.addCertificate({
      provider: "other",
      nice_name: "Soon",
      domain_names: [domain],
      expires_on: new Date(Date.now() + 5 * 86_400_000 + 3_600_000),
      meta: {
        certificate: "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        certificate_key: "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n",
      },
    });
    const host = npm.addProxyHost({ domain_names: [domain], certificate_id: certificate.id });
    for (const args of [["check"], ["check", "--json"]]) {
      const run = await runMain(args, serviceEnv(npm));
      assert.equal(run.code, 1, run.stdout + run.stderr);
      assert.ok(!/PRIVATE KEY|BEGIN CERTIFICATE/.test(run.stdout + run.stderr), "no PEM printed");
      assert.match(
        run.stdout,
        new RegExp(`proxy host #${host.id} \\(${domain}\\) uses certificate`),
      );
      assert.match(run.stdout, /which expires on \d{4}-\d\d-\d\d \(in 5 days\): upload a new one/);
    }
  } finally {
    await npm.close();
  }
});
