import assert from "node:assert/strict";
import { createDockerClient } from "../../lib/docker/client.ts";
import type { ContainerEvent } from "../../lib/docker/types.ts";
import { uniqueName } from "../support/docker_admin.ts";
import { podmanUnavailable } from "../support/podman_engine.ts";
import { waitUntil } from "../support/wait.ts";
import { disabledComment, FAST_STOP, startStack } from "./_stack.ts";

const unavailable = await podmanUnavailable();
if (unavailable !== undefined) console.log(`Podman e2e skipped: ${unavailable}`);

Deno.test({
  name: "e2e Podman: DOCKER_HOST on podman.sock works as Docker's: events, cycles, missed events",
  ignore: unavailable !== undefined,
  fn: async (t) => {
    await using stack = await startStack({ podman: true });
    const admin = stack.engine.admin;
    const run = (label: string, domain: string) =>
      admin.run({
        name: uniqueName(label),
        cmd: FAST_STOP,
        env: { NPM_HOST: domain, NPM_PORT: "8080" },
      });

    await t.step("the client reads Podman's events under Docker's names", async () => {
      using docker = createDockerClient({ host: stack.engine.host })._unsafeUnwrap();
      const controller = new AbortController();
      const seen: (ContainerEvent & { lateMs: number })[] = [];
      const { promise: connected, resolve: onConnected } = Promise.withResolvers<void>();
      const stream = docker.streamEvents((event) => {
        seen.push({ ...event, lateMs: Date.now() - event.timeNano / 1e6 });
      }, { onConnected, signal: controller.signal });
      await connected;
      const id = await run("events", "events.podman.lan");
      await admin.stop(id);
      await admin.remove(id);
      await waitUntil("Podman's remove, as destroy", () => {
        return seen.some((e) => e.id === id && e.action === "destroy");
      });
      controller.abort();
      assert.ok((await stream).isOk());
      const mine = seen.filter((e) => e.id === id);
      const actions = mine.map((e) => e.action);
      for (const wanted of ["create", "start", "die", "destroy"]) {
        assert.ok(actions.includes(wanted), `${wanted} in ${actions}`);
      }
      assert.ok(!actions.includes("remove"), `remove is mapped: ${actions}`);
      const latest = Math.max(...mine.map((e) => e.lateMs));
      console.log(`Podman events arrived up to ${Math.round(latest)} ms after their time`);
      assert.ok(latest < 2_000, `events ${latest} ms late`);
    });

    await stack.startEnvoy();
    const id = await run("web", "web.podman.lan");
    const created = await stack.waitForHost("web.podman.lan", (row) => row.enabled);

    await t.step("create gives an enabled host forwarding to the container", () => {
      assert.equal(created.meta.container_id, id);
      assert.equal(created.forward_port, 8080);
      assert.match(created.forward_host, /^\d+\.\d+\.\d+\.\d+$/);
    });

    await t.step("stop disables, start enables the same host, five times over", async () => {
      // Podman leaves out `stop` in about half of the stops: `die` must do.
      for (let cycle = 0; cycle < 5; cycle++) {
        await admin.stop(id);
        await stack.waitForHost("web.podman.lan", (row) => !row.enabled);
        await waitUntil(
          "the DISABLED comment",
          () => stack.host("web.podman.lan")?.meta.comments === disabledComment("web.podman.lan"),
        );
        await admin.start(id);
        const enabled = await stack.waitForHost("web.podman.lan", (row) => row.enabled);
        assert.equal(enabled.id, created.id);
      }
      assert.equal(stack.npm.proxyHosts().length, 1);
    });

    await t.step("restart keeps the same host online, three times over", async () => {
      const before = stack.npm.auditLog().length;
      for (let round = 0; round < 3; round++) {
        // Podman's `restart` event comes first, while the container goes down.
        await admin.restart(id);
        await stack.settled();
      }
      const host = await stack.waitForHost("web.podman.lan", (row) => row.enabled);
      assert.equal(host.id, created.id);
      const actions = stack.npm.auditLog().slice(before).map((entry) => entry.action);
      assert.ok(!actions.includes("disabled"), `no disable on a restart: ${actions}`);
      assert.deepEqual(stack.npm.served(), ["web.podman.lan"]);
    });

    await t.step("connecting a container to the network it names is noticed at once", async () => {
      const net = await admin.createNetwork(uniqueName("net"));
      const joiner = await admin.run({
        name: uniqueName("joiner"),
        cmd: FAST_STOP,
        env: { NPM_HOST: "joiner.podman.lan", NPM_PORT: "8080", NPM_NETWORK: net.name },
      });
      await stack.envoy.waitForLog(
        "the not-attached warning",
        (line) => line.level === "WARN" && line.message.includes(net.name),
      );
      await admin.connect(net.name, joiner);
      // RESYNC_INTERVAL is 5 minutes: only the connect event can do this in time.
      const host = await stack.waitForHost("joiner.podman.lan", (row) => row.enabled);
      assert.equal(host.meta.container_id, joiner);
    });

    await t.step("what happened while EnvoyNPM was down is caught at start-up", async () => {
      await stack.envoy.stop();
      await admin.stop(id);
      const late = await run("late", "late.podman.lan");
      await stack.startEnvoy();
      await stack.waitForHost("web.podman.lan", (row) => !row.enabled);
      const host = await stack.waitForHost("late.podman.lan", (row) => row.enabled);
      assert.equal(host.meta.container_id, late);
      assert.deepEqual(stack.npm.served(), ["joiner.podman.lan", "late.podman.lan"]);
    });
  },
});
