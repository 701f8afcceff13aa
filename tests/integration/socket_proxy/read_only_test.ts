/**
 * EnvoyNPM behind a read-only socket proxy (as in examples/socket-proxy):
 * it must do its whole job with `GET` on `/_ping`, `/version`, `/info`,
 * `/events` and `/containers/…`, and its event stream must work through the
 * proxy. Test containers are made directly on the engine, not through the proxy.
 */
import assert from "node:assert/strict";
import { startNpmDouble } from "../../../lib/npm_double/mod.ts";
import { createDockerAdmin, uniqueName } from "../../support/docker_admin.ts";
import { startEnvoy } from "../../support/envoy_process.ts";
import { startSocketProxy } from "../../support/socket_proxy.ts";
import { waitUntil } from "../../support/wait.ts";

/** The calls EnvoyNPM makes, each with or without the `/v1.xx` prefix. */
const ENVOY_CALLS =
  /^(\/v\d+\.\d+)?\/(_ping|version|info|events|containers\/json|containers\/[0-9a-f]{12,64}\/json)$/;

Deno.test("EnvoyNPM syncs through a read-only socket proxy with GETs on the allow-list only", async () => {
  using admin = await createDockerAdmin();
  await using proxy = startSocketProxy();
  const npm = await startNpmDouble();
  const name = uniqueName("proxied");
  const domain = `${name}.proxy.test`;
  let id: string | undefined;
  try {
    await using envoy = startEnvoy({ npm, dockerHost: proxy.dockerHost });
    await envoy.waitForLog("the event stream", (l) => l.message.includes("Connected to Docker's"));
    await envoy.waitForLog("the first reconcile", (l) => l.message.startsWith("Reconciled"));

    // Started after the stream is open, and long before a resync: only an event finds it.
    id = await admin.run({ name, env: { NPM_HOST: domain, NPM_PORT: "8080" } });
    const created = await waitUntil(
      `proxy host ${domain}`,
      () => npm.proxyHosts().find((row) => row.domain_names.includes(domain)),
      { timeoutMs: 15_000 },
    );
    assert.equal(created.forward_port, 8080);
    assert.equal(created.enabled, true);

    await admin.stop(id);
    await waitUntil(
      `proxy host ${domain} disabled`,
      () => npm.proxyHosts().some((row) => row.domain_names.includes(domain) && !row.enabled),
      {
        timeoutMs: 15_000,
      },
    );

    const requests = [...proxy.requests];
    assert.deepEqual(requests.filter((r) => !r.allowed), [], "the proxy refused nothing");
    assert.deepEqual(requests.filter((r) => r.method !== "GET" && r.method !== "HEAD"), []);
    const unexpected = requests.filter((r) => !ENVOY_CALLS.test(r.path.split("?")[0]));
    assert.deepEqual(
      unexpected,
      [],
      "only pings, versions, the engine's id, events and container reads",
    );
    const streams = requests.filter((r) => r.path.split("?")[0].endsWith("/events"));
    assert.equal(streams.length, 1, "one event stream, kept open through the proxy");
    assert.ok(envoy.logs.every((l) => !l.message.startsWith("Lost Docker's event stream")));
  } finally {
    if (id !== undefined) await admin.remove(id);
    await npm.close();
  }
});
