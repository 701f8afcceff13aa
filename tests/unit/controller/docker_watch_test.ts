import assert from "node:assert/strict";
import { errAsync } from "neverthrow";
import { watchDocker } from "../../../lib/controller/docker_watch.ts";
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import { OutageWatch } from "../../../lib/controller/outage.ts";
import { FakeDocker } from "../../support/fake_docker_api.ts";
import { waitUntil } from "../../support/wait.ts";

Deno.test("watchDocker() tells an engine away for the outage time once, and its return once", async () => {
  const docker = new FakeDocker();
  const clock = { ms: 0 };
  let away = true;
  const streamEvents = docker.streamEvents.bind(docker);
  docker.streamEvents = (onEvent, options) => {
    clock.ms += 1_000;
    return away
      ? errAsync({ kind: "docker_unreachable", endpoint: "unix:///x.sock", cause: "ENOENT" })
      : streamEvents(onEvent, options);
  };
  const events: ControllerEvent[] = [];
  const stop = new AbortController();
  const watching = watchDocker(docker, {
    signal: stop.signal,
    emit: (event) => events.push(event),
    onEvent: () => {},
    onConnected: () => {},
    reconnectMaxMs: 1,
    outage: new OutageWatch({ outageMs: 5_000, now: () => clock.ms }),
  });
  const outages = () => events.flatMap((event) => event.type === "outage" ? [event] : []);
  await waitUntil("the outage", () => outages().length === 1);
  await waitUntil("more failed attempts", () => clock.ms >= 9_000);
  away = false;
  await docker.connected();
  stop.abort();
  await watching;
  assert.equal(outages().length, 2, JSON.stringify(outages()));
  const [down, up] = outages();
  assert.equal(down.service, "docker");
  assert.ok(down.down && /unix:\/\/\/x\.sock/.test(down.cause), JSON.stringify(down));
  assert.ok(!up.down && up.lastedMs >= 9_000);
  const errors = events.filter((event) => event.type === "problem");
  assert.equal(errors.length, 1, "the first failure is one error, not one per attempt");
});
