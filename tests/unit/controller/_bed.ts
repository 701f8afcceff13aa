/**
 * A controller over the recording fakes and a fake clock, for the controller tests.
 *
 * @module
 */
import { type ControllerOptions, runController } from "../../../lib/controller/controller.ts";
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import { FakeClock, flush } from "../../support/fake_clock.ts";
import { FakeDocker } from "../../support/fake_docker_api.ts";
import { FakeNpm } from "../../support/fake_npm_api.ts";
import { container } from "../../support/model_factories.ts";

/** A controller over fresh fakes and a fake clock; stop it with `await using`. */
export function startController(options: Partial<ControllerOptions> = {}) {
  const clock = new FakeClock();
  const docker = new FakeDocker();
  // NPM's own container beside the apps on `casaos`, as on a CasaOS host.
  docker.put(container("npm", {}, { image: "jc21/nginx-proxy-manager:2" }));
  const npm = new FakeNpm();
  const events: ControllerEvent[] = [];
  const controller = new AbortController();
  const running = runController({ docker, npm }, {
    signal: controller.signal,
    emit: (event) => events.push(event),
    clock,
    resyncIntervalMs: 0,
    retry: { baseDelayMs: 10, maxDelayMs: 40 },
    reconnectMaxMs: 20,
    pingIntervalMs: 60_000,
    npmProbeIntervalMs: 60_000,
    connectSettleMs: 20,
    ...options,
  });
  const reconciles = () => events.filter((event) => event.type === "reconcile").length;
  return {
    clock,
    docker,
    npm,
    events,
    reconciles,
    /** Lets everything that is due run; no time passes. */
    settled: flush,
    async stop() {
      controller.abort();
      await running;
    },
    async [Symbol.asyncDispose]() {
      controller.abort();
      await running;
    },
  };
}

/** A started bed: connected, first resync done. */
export async function started(options: Partial<ControllerOptions> = {}) {
  const bed = startController(options);
  await bed.docker.connected();
  await bed.settled();
  return bed;
}
