/** NPM's own container is followed live: where it runs decides every forward address. */
import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { FAST_STOP, startStack } from "./_stack.ts";

Deno.test("e2e: NPM's container starting after EnvoyNPM gives a host-network app its host at once", async () => {
  await using stack = await startStack();
  const npmName = uniqueName("npm");
  await stack.startEnvoy({ NPM_CONTAINER: npmName, RESYNC_INTERVAL: "1h" });
  await stack.engine.admin.run({
    name: uniqueName("hostnet"),
    networkMode: "host",
    env: { NPM_HOST: "hostnet.lan", NPM_PORT: "8096" },
    cmd: FAST_STOP,
  });
  await stack.envoy.waitForLog(
    "the no-address warning",
    (line) => line.message.includes("hostnet") && line.message.includes("HOST_ADDRESS"),
  );
  assert.equal(stack.host("hostnet.lan"), undefined, "no address is known yet");

  const net = await stack.engine.admin.createNetwork(uniqueName("proxy"));
  await stack.engine.admin.run({ name: npmName, network: net.name, cmd: FAST_STOP });
  const host = await stack.waitForHost("hostnet.lan", (row) => row.enabled);
  assert.equal(host.forward_host, net.gateway);
});

Deno.test("e2e: NPM's container moving to another network updates forward_host at once", async () => {
  await using stack = await startStack();
  const npmName = uniqueName("npm");
  const first = await stack.engine.admin.createNetwork(uniqueName("proxya"));
  const second = await stack.engine.admin.createNetwork(uniqueName("proxyb"));
  await stack.engine.admin.run({ name: npmName, network: first.name, cmd: FAST_STOP });
  await stack.startEnvoy({ NPM_CONTAINER: npmName, RESYNC_INTERVAL: "1h" });
  await stack.engine.admin.run({
    name: uniqueName("hostnet"),
    networkMode: "host",
    env: { NPM_HOST: "moved.lan", NPM_PORT: "8096" },
    cmd: FAST_STOP,
  });
  await stack.waitForHost("moved.lan", (row) => row.forward_host === first.gateway);
  assert.ok(
    stack.envoy.logs.some((line) =>
      line.level === "INFO" && line.message.includes("NPM runs in container") &&
      line.message.includes(npmName)
    ),
    "one INFO line says where NPM runs",
  );

  await stack.engine.admin.connect(second.name, npmName);
  await stack.engine.admin.disconnect(first.name, npmName);
  const host = await stack.waitForHost("moved.lan", (row) => row.forward_host === second.gateway);
  assert.equal(host.enabled, true);
});
