/** NPM_ADOPT end to end: a hand-made host becomes EnvoyNPM's in one write, keeping its id. */
import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { FAST_STOP, startStack } from "./_stack.ts";

Deno.test("e2e: NPM_ADOPT takes over a hand-made host in one write, keeping its id, told once", async () => {
  await using stack = await startStack();
  const hand = stack.npm.addProxyHost({ domain_names: ["adopt.lan"], forward_host: "10.9.9.9" });
  const envoy = await stack.startEnvoy();
  await stack.engine.admin.run({
    name: uniqueName("adopter"),
    cmd: FAST_STOP,
    env: { NPM_HOST: "adopt.lan", NPM_PORT: "80", NPM_ADOPT: "true" },
  });
  const host = await stack.waitForHost("adopt.lan", (row) => row.meta.managed_by === "EnvoyNPM");
  await stack.settled();
  assert.equal(host.id, hand.id, "the same host");
  assert.notEqual(host.forward_host, "10.9.9.9");
  assert.equal(stack.npm.writes(), 1, "one write");
  const told = envoy.logs.filter((line) => line.message.startsWith("Adopted hand-made proxy host"));
  assert.equal(told.length, 1);
});
