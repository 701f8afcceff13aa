import assert from "node:assert/strict";
import { configure, type LogRecord, reset } from "@logtape/logtape";
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import type { Action } from "../../../lib/model/mod.ts";
import { createNotifier, type Notification } from "../../../lib/notify/mod.ts";

const NOW = new Date("2025-01-02T03:04:05.000Z");
const now = () => NOW;

function created(domain = "app.lan"): ControllerEvent {
  const action: Action = {
    kind: "enable",
    domain,
    containerId: "c0ffee",
    containerName: "web",
    hostId: 7,
  };
  return { type: "action", action, outcome: "ok", durationMs: 3 };
}

const CONFLICT: ControllerEvent = {
  type: "problem",
  problem: {
    severity: "warning",
    code: "domain_conflict",
    message: "Containers web2 and web both ask for app.lan; the one that held it first keeps it",
    domain: "app.lan",
    containerId: "beef",
    containerName: "web2",
  },
};

const NPM_DOWN: ControllerEvent = {
  type: "problem",
  problem: { severity: "error", code: "npm_unreachable", message: "Cannot reach NPM." },
};

const UNRELATED: ControllerEvent[] = [
  { type: "docker_connection", connected: true },
  { type: "npm_answer", ok: true },
  { type: "reconcile", durationMs: 4, containers: 2 },
  { type: "container_removed", id: "c0ffee" },
  {
    type: "problem",
    problem: { severity: "warning", code: "foreign_host", message: "Held by a foreign host." },
  },
];

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("Timed out waiting for the notifier");
    await delay(5);
  }
}

/** A fetch that never answers but rejects when its signal aborts, like a hung webhook. */
function hangingFetch(calls: string[] = []): typeof fetch {
  return (_input, init) => {
    calls.push(String(init?.body));
    return new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason), { once: true });
    });
  };
}

/** A fetch answering each POST with the next status of `statuses` (the last one repeats). */
function answeringFetch(statuses: number[], bodies: Notification[] = []): typeof fetch {
  let call = 0;
  return (_input, init) => {
    bodies.push(JSON.parse(String(init?.body)));
    const status = statuses[Math.min(call++, statuses.length - 1)];
    return Promise.resolve(new Response(status === 204 ? null : "ok", { status }));
  };
}

interface Received {
  method: string;
  contentType: string | null;
  body: unknown;
}

/** A loopback webhook: records each request and answers with `answer()`. */
function receiver(answer: () => Response | Promise<Response> = () => new Response(null)) {
  const received: Received[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request) => {
      received.push({
        method: request.method,
        contentType: request.headers.get("content-type"),
        body: await request.json(),
      });
      return answer();
    },
  );
  return { url: `http://127.0.0.1:${server.addr.port}/hook`, received, server };
}

async function captureLogs(): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  await configure({
    reset: true,
    sinks: { memory: (record) => records.push(record) },
    loggers: [
      { category: ["envoynpm", "notify"], lowestLevel: "debug", sinks: ["memory"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["memory"] },
    ],
  });
  return records;
}

Deno.test("createNotifier() posts each notable event as JSON to a loopback webhook", async () => {
  const { url, received, server } = receiver();
  const notifier = createNotifier({ url, now });
  try {
    for (const event of [created(), UNRELATED[0], CONFLICT, NPM_DOWN]) notifier.listener(event);
    await waitFor(() => notifier.stats().sent === 3);
    const time = NOW.toISOString();
    assert.deepEqual(received, [
      {
        method: "POST",
        contentType: "application/json",
        body: {
          event: "enable",
          domain: "app.lan",
          container: "web",
          container_id: "c0ffee",
          host_id: 7,
          message: "Enabled proxy host app.lan for container web.",
          time,
          source: "EnvoyNPM",
        },
      },
      {
        method: "POST",
        contentType: "application/json",
        body: {
          event: "conflict",
          domain: "app.lan",
          container: "web2",
          container_id: "beef",
          message:
            "Containers web2 and web both ask for app.lan; the one that held it first keeps it",
          time,
          source: "EnvoyNPM",
        },
      },
      {
        method: "POST",
        contentType: "application/json",
        body: { event: "error", message: "Cannot reach NPM.", time, source: "EnvoyNPM" },
      },
    ]);
    assert.deepEqual(notifier.stats(), { sent: 3, failed: 0, dropped: 0, queued: 0 });
  } finally {
    await notifier.close();
    await server.shutdown();
  }
});

Deno.test("createNotifier() posts nothing for unrelated events", async () => {
  const bodies: Notification[] = [];
  const notifier = createNotifier({
    url: "http://127.0.0.1:9/",
    fetch: answeringFetch([204], bodies),
  });
  for (const event of UNRELATED) notifier.listener(event);
  await delay(20);
  await notifier.close();
  assert.deepEqual(bodies, []);
  assert.deepEqual(notifier.stats(), { sent: 0, failed: 0, dropped: 0, queued: 0 });
});

Deno.test("createNotifier() listener returns at once while the webhook hangs, dropping the oldest", async () => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => release = resolve);
  const bodies: Notification[] = [];
  const answer = answeringFetch([204], bodies);
  const gated: typeof fetch = async (input, init) => {
    await gate;
    return answer(input, init);
  };
  const notifier = createNotifier({ url: "http://127.0.0.1:9/", fetch: gated, maxQueue: 10 });
  try {
    const started = performance.now();
    for (let i = 0; i < 1000; i++) notifier.listener(created(`app${i}.lan`));
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 250, `1000 listener calls took ${elapsed} ms`);
    assert.deepEqual(notifier.stats(), { sent: 0, failed: 0, dropped: 990, queued: 10 });
    await delay(10);
    assert.deepEqual(notifier.stats(), { sent: 0, failed: 0, dropped: 990, queued: 9 });
    release();
    await waitFor(() => notifier.stats().sent === 10);
    const expected = Array.from({ length: 10 }, (_, i) => `app${990 + i}.lan`);
    assert.deepEqual(bodies.map((body) => body.domain), expected);
  } finally {
    release();
    await notifier.close();
  }
});

Deno.test("createNotifier() keeps the queue bounded while every POST hangs", async () => {
  const calls: string[] = [];
  const notifier = createNotifier({
    url: "http://127.0.0.1:9/",
    fetch: hangingFetch(calls),
    maxQueue: 5,
  });
  const started = performance.now();
  for (let i = 0; i < 1000; i++) notifier.listener(NPM_DOWN);
  assert.ok(performance.now() - started < 250);
  await delay(10);
  assert.equal(calls.length, 1);
  assert.ok(notifier.stats().queued <= 5);
  await notifier.close();
  assert.deepEqual(notifier.stats(), { sent: 0, failed: 0, dropped: 1000, queued: 0 });
});

Deno.test("createNotifier() counts a 500 answer as failed", async () => {
  const { url, received, server } = receiver(() => new Response("boom", { status: 500 }));
  const notifier = createNotifier({ url, now });
  try {
    notifier.listener(NPM_DOWN);
    await waitFor(() => notifier.stats().failed === 1);
    assert.equal(received.length, 1);
    assert.deepEqual(notifier.stats(), { sent: 0, failed: 1, dropped: 0, queued: 0 });
  } finally {
    await notifier.close();
    await server.shutdown();
  }
});

Deno.test("createNotifier() counts a POST that exceeds timeoutMs as failed and moves on", async () => {
  const calls: string[] = [];
  const notifier = createNotifier({
    url: "http://127.0.0.1:9/",
    fetch: hangingFetch(calls),
    timeoutMs: 20,
  });
  try {
    notifier.listener(NPM_DOWN);
    notifier.listener(NPM_DOWN);
    await waitFor(() => notifier.stats().failed === 2);
    assert.equal(calls.length, 2);
  } finally {
    await notifier.close();
  }
});

Deno.test("createNotifier() logs one warning per failure streak, then the recovery, without the URL's path", async () => {
  const records = await captureLogs();
  const url = "http://127.0.0.1:9/hooks/SECRET-TOKEN";
  const notifier = createNotifier({ url, fetch: answeringFetch([500, 503, 500, 204, 500]) });
  try {
    for (let i = 0; i < 5; i++) notifier.listener(NPM_DOWN);
    await waitFor(() => notifier.stats().sent + notifier.stats().failed === 5);
    assert.deepEqual(notifier.stats(), { sent: 1, failed: 4, dropped: 0, queued: 0 });
    assert.deepEqual(records.map((record) => [record.level, record.properties]), [
      ["warning", { url: "http://127.0.0.1:9/…", error: "Status 500" }],
      ["info", { url: "http://127.0.0.1:9/…", failures: 3 }],
      ["warning", { url: "http://127.0.0.1:9/…", error: "Status 500" }],
    ]);
  } finally {
    await notifier.close();
    await reset();
  }
});

Deno.test("createNotifier() counts an unreachable webhook as failed and keeps its path out of the log", async () => {
  const records = await captureLogs();
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  closed.close();
  const url = `http://127.0.0.1:${closed.addr.port}/hooks/SECRET-TOKEN`;
  const notifier = createNotifier({ url });
  try {
    notifier.listener(NPM_DOWN);
    await waitFor(() => notifier.stats().failed === 1);
    assert.equal(records.length, 1);
    assert.equal(records[0].level, "warning");
    assert.ok(!JSON.stringify(records).includes("SECRET-TOKEN"), JSON.stringify(records));
  } finally {
    await notifier.close();
    await reset();
  }
});

Deno.test("close() is prompt with a request in flight to a hung webhook", async () => {
  let release = () => {};
  const hung = new Promise<void>((resolve) => release = resolve);
  const { url, received, server } = receiver(async () => {
    await hung;
    return new Response(null);
  });
  const notifier = createNotifier({ url, timeoutMs: 10_000 });
  try {
    notifier.listener(NPM_DOWN);
    notifier.listener(NPM_DOWN);
    await waitFor(() => received.length === 1);
    const started = performance.now();
    await notifier.close();
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 500, `close() took ${elapsed} ms`);
    assert.deepEqual(notifier.stats(), { sent: 0, failed: 0, dropped: 2, queued: 0 });
  } finally {
    release();
    await server.shutdown();
  }
});

Deno.test("close() is prompt even when fetch ignores the abort signal", async () => {
  let called = false;
  const deaf: typeof fetch = () => {
    called = true;
    return new Promise<Response>(() => {});
  };
  const notifier = createNotifier({ url: "http://127.0.0.1:9/", fetch: deaf, timeoutMs: 10_000 });
  notifier.listener(NPM_DOWN);
  await waitFor(() => called);
  const started = performance.now();
  await notifier.close();
  assert.ok(performance.now() - started < 500);
  assert.deepEqual(notifier.stats(), { sent: 0, failed: 0, dropped: 1, queued: 0 });
});

Deno.test("createNotifier() listener drops events after close()", async () => {
  const bodies: Notification[] = [];
  const notifier = createNotifier({
    url: "http://127.0.0.1:9/",
    fetch: answeringFetch([204], bodies),
  });
  await notifier.close();
  notifier.listener(NPM_DOWN);
  notifier.listener(UNRELATED[0]);
  await notifier.close();
  assert.deepEqual(bodies, []);
  assert.deepEqual(notifier.stats(), { sent: 0, failed: 0, dropped: 1, queued: 0 });
});

Deno.test("createNotifier() listener logs instead of throwing when it cannot build a notification", async () => {
  const records = await captureLogs();
  const notifier = createNotifier({
    url: "http://127.0.0.1:9/",
    fetch: answeringFetch([204]),
    now: () => {
      throw new Error("Clock broke");
    },
  });
  try {
    assert.doesNotThrow(() => notifier.listener(NPM_DOWN));
    assert.deepEqual(records.map((record) => [record.level, record.properties]), [
      ["error", { error: "Error: Clock broke" }],
    ]);
  } finally {
    await notifier.close();
    await reset();
  }
});
