import assert from "node:assert/strict";
import { readEvents } from "../../../lib/docker/event_stream.ts";
import type { ContainerEvent } from "../../../lib/docker/types.ts";

const encoder = new TextEncoder();
const OPTIONS = { endpoint: "unix:///var/run/docker.sock", path: "/events" };

function event(id: string, action: string): string {
  return JSON.stringify({
    Type: "container",
    Action: action,
    Actor: { ID: id, Attributes: { name: `n-${id}` } },
    timeNano: 5,
  }) + "\n";
}

/** A body that sends `chunks`, then ends (or fails with `failWith`). */
function body(chunks: string[], failWith?: Error): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (failWith) controller.error(failWith);
      else controller.close();
    },
  });
}

Deno.test("readEvents() delivers events split across chunks, then reports the end", async () => {
  const seen: ContainerEvent[] = [];
  const text = event("a", "start") + event("b", "die");
  const result = await readEvents(
    body([text.slice(0, 30), text.slice(30)]),
    (e) => seen.push(e),
    OPTIONS,
  );
  assert.deepEqual(seen.map((e) => [e.id, e.action, e.name]), [["a", "start", "n-a"], [
    "b",
    "die",
    "n-b",
  ]]);
  assert.deepEqual(result._unsafeUnwrapErr(), {
    kind: "docker_stream_ended",
    endpoint: OPTIONS.endpoint,
    cause: "The engine closed it",
  });
});

function networkEvent(action: string, container?: string): string {
  const attributes = { name: "front", type: "bridge", ...(container ? { container } : {}) };
  return JSON.stringify({
    Type: "network",
    Action: action,
    Actor: { ID: "net1", Attributes: attributes },
    timeNano: 6,
  }) + "\n";
}

Deno.test("readEvents() skips messages that are not container or network events and says why", async () => {
  const seen: ContainerEvent[] = [];
  const bad: string[] = [];
  const image = '{"Type":"image","Action":"pull","Actor":{"ID":"busybox"},"timeNano":1}\n';
  const chunks = ["{oops}\n", image, event("a", "stop")];
  await readEvents(body(chunks), (e) => seen.push(e), {
    ...OPTIONS,
    onBadEvent: (d) => bad.push(d),
  });
  assert.deepEqual(seen.map((e) => e.id), ["a"]);
  assert.equal(bad.length, 2);
  assert.match(bad[0], /Invalid JSON/);
  assert.match(bad[1], /Type/);
});

Deno.test("readEvents() delivers network (dis)connects of a container and drops other network events quietly", async () => {
  const seen: ContainerEvent[] = [];
  const bad: string[] = [];
  const chunks = [
    networkEvent("create"),
    networkEvent("connect", "a"),
    event("a", "start"),
    networkEvent("disconnect", "a"),
    networkEvent("connect"),
    networkEvent("destroy"),
  ];
  await readEvents(body(chunks), (e) => seen.push(e), {
    ...OPTIONS,
    onBadEvent: (d) => bad.push(d),
  });
  assert.deepEqual(seen, [
    { id: "a", action: "network_connect", timeNano: 6 },
    { id: "a", action: "start", name: "n-a", timeNano: 5 },
    { id: "a", action: "network_disconnect", timeNano: 6 },
  ]);
  assert.deepEqual(bad, []);
});

Deno.test("readEvents() turns a reset into docker_stream_ended", async () => {
  const result = await readEvents(
    body([event("a", "start")], new Error("connection reset")),
    () => {},
    OPTIONS,
  );
  assert.deepEqual(result._unsafeUnwrapErr(), {
    kind: "docker_stream_ended",
    endpoint: OPTIONS.endpoint,
    cause: "connection reset",
  });
});

Deno.test("readEvents() resolves Ok when its signal was aborted", async () => {
  const controller = new AbortController();
  controller.abort();
  const result = await readEvents(body([], new Error("aborted")), () => {}, {
    ...OPTIONS,
    signal: controller.signal,
  });
  assert.ok(result.isOk());
});

Deno.test("readEvents() treats a missing body as an ended stream", async () => {
  const result = await readEvents(null, () => {}, OPTIONS);
  assert.equal(result._unsafeUnwrapErr().kind, "docker_stream_ended");
});
