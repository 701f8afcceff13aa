/** One EnvoyNPM watching two engines: each engine is its own instance, and one down never stalls the other. */
import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { startEnvoy } from "../support/envoy_process.ts";
import { startPrivateEngine } from "../support/private_engine.ts";
import { waitUntil } from "../support/wait.ts";
import { FAST_STOP, startNpm } from "./_stack.ts";

Deno.test("e2e: one EnvoyNPM watches two engines in DOCKER_HOST; one engine down never stalls the other", async () => {
  await using npm = await startNpm();
  const a = await startPrivateEngine();
  const b = await startPrivateEngine();
  try {
    await using envoy = startEnvoy({
      npm,
      dockerHost: `${a.host},${b.host}`,
      env: { INSTANCE_ID: "engine-a,engine-b" },
    });
    await envoy.waitForLog(
      "both engines",
      () =>
        envoy.logs.filter((line) =>
          line.message.startsWith("Connected to Docker's event stream of")
        )
          .length >= 2,
      { timeoutMs: 45_000 },
    );
    const run = (engine: typeof a, domain: string) =>
      engine.admin.run({
        name: uniqueName("app"),
        cmd: FAST_STOP,
        env: { NPM_HOST: domain, NPM_PORT: "80" },
      });
    await run(a, "on-a.lan");
    await run(b, "on-b.lan");
    const host = (domain: string) =>
      npm.proxyHosts().find((row) => row.domain_names.includes(domain));
    await waitUntil("both hosts", () => host("on-a.lan")?.enabled && host("on-b.lan")?.enabled);
    assert.equal(host("on-a.lan")?.meta.instance_id, "engine-a");
    assert.equal(host("on-b.lan")?.meta.instance_id, "engine-b");

    // Engine B goes away: A goes on.
    await b.stop();
    await envoy.waitForLog(
      "B lost",
      (line) => line.message.startsWith("Lost Docker's event stream of"),
    );
    await run(a, "later-a.lan");
    await waitUntil("a host on A while B is down", () => host("later-a.lan")?.enabled);
    assert.equal(host("on-b.lan")?.enabled, true, "B's host is left as it is while B is away");
    await b.start();
    await waitUntil(
      "B back",
      () =>
        envoy.logs.filter((line) =>
          line.message.startsWith("Connected to Docker's event stream of")
        )
          .length >= 3,
      { timeoutMs: 30_000 },
    );
  } finally {
    await a.close();
    await b.close();
  }
});
