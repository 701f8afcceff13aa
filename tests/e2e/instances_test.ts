/**
 * Two EnvoyNPM instances, each on its own Docker engine, one NPM: every host is owned by exactly
 * one instance, nothing flaps, and neither touches the other's hosts.
 */
import assert from "node:assert/strict";
import type { ProxyHostRow } from "../../lib/npm_double/mod.ts";
import { uniqueName } from "../support/docker_admin.ts";
import { type EnvoyProcess, startEnvoy } from "../support/envoy_process.ts";
import { startPrivateEngine } from "../support/private_engine.ts";
import { waitUntil } from "../support/wait.ts";
import { FAST_STOP, startNpm } from "./_stack.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ready(envoy: EnvoyProcess): Promise<void> {
  await envoy.waitForLog("first reconcile", (line) => line.message.startsWith("Reconciled"), {
    timeoutMs: 45_000,
  });
}

Deno.test("e2e: two instances on two engines share one NPM, each owning only its own hosts", async () => {
  await using npm = await startNpm();
  const a = await startPrivateEngine();
  const b = await startPrivateEngine();
  try {
    // Explicit ids: engines started from one machine's Docker share the engine id of
    // /etc/docker/key.json (Docker 20.10), as cloned machines do; see the README.
    const envA = { RESYNC_INTERVAL: "1s", INSTANCE_ID: "nas" };
    let envoyA = startEnvoy({ npm, dockerHost: a.host, env: envA });
    await using envoyB = startEnvoy({
      npm,
      dockerHost: b.host,
      env: { RESYNC_INTERVAL: "1s", INSTANCE_ID: "minipc" },
    });
    await Promise.all([ready(envoyA), ready(envoyB)]);
    const run = (engine: typeof a, label: string, domain: string) =>
      engine.admin.run({
        name: uniqueName(label),
        cmd: FAST_STOP,
        env: { NPM_HOST: domain, NPM_PORT: "80" },
      });
    const onlyA = await run(a, "a", "a-only.lan");
    await run(b, "b", "b-only.lan");
    await run(a, "shared-a", "shared.lan");
    const host = (domain: string) =>
      npm.proxyHosts().find((row) => row.domain_names.includes(domain));
    await waitUntil(
      "the hosts",
      () => ["a-only.lan", "b-only.lan", "shared.lan"].every((d) => host(d)?.enabled),
    );
    // Claimed on B too, after A holds it.
    await run(b, "shared-b", "shared.lan");
    await envoyB.waitForLog(
      "the other instance's host",
      (line) => line.level === "WARN" && line.message.includes("another EnvoyNPM instance"),
    );

    const instanceOf = (row: ProxyHostRow | undefined) => row?.meta.instance_id;
    const idA = instanceOf(host("a-only.lan"));
    assert.equal(idA, "nas");
    assert.equal(instanceOf(host("b-only.lan")), "minipc");
    assert.equal(instanceOf(host("shared.lan")), idA, "the first claimant keeps it");
    assert.equal(
      npm.proxyHosts().filter((row) => row.domain_names.includes("shared.lan")).length,
      1,
    );

    // No flapping: resyncs every second on both sides write nothing.
    const writes = npm.writes();
    await sleep(4_000);
    assert.equal(npm.writes(), writes, "no write in 4 s of resyncs");

    // A stops: B's resyncs never touch A's hosts, though A's containers are not on B.
    await envoyA.stop("SIGTERM");
    await sleep(3_000);
    assert.equal(host("a-only.lan")?.enabled, true);
    assert.equal(host("shared.lan")?.enabled, true);
    assert.equal(instanceOf(host("shared.lan")), idA);
    assert.equal(npm.writes(), writes, "B wrote nothing of A's");

    // A's own hosts are disabled by its own stop events, once it runs again.
    envoyA = startEnvoy({ npm, dockerHost: a.host, env: envA });
    await using _again = envoyA;
    await ready(envoyA);
    await a.admin.stop(onlyA);
    await waitUntil("a-only.lan disabled", () => host("a-only.lan")?.enabled === false, {
      timeoutMs: 15_000,
    });
    assert.equal(host("b-only.lan")?.enabled, true);
  } finally {
    await a.close();
    await b.close();
  }
});
