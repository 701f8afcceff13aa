import assert from "node:assert/strict";
import { JELLYFIN, PAPERLESS, scenario, type Stack, startStack, TOKEN } from "./_stack.ts";

const AUTH = { headers: { authorization: `Bearer ${TOKEN}` } };

async function withStack(run: (stack: Stack) => Promise<void>): Promise<void> {
  const stack = startStack();
  try {
    await run(stack);
  } finally {
    await stack.close();
  }
}

Deno.test("status server: /healthz turns ready once Docker is connected and NPM answered", async () => {
  await withStack(async (stack) => {
    const before = await fetch(`${stack.base}/healthz`);
    assert.equal(before.status, 503);
    const report = await before.json();
    assert.deepEqual([report.live, report.ready], [true, false]);
    assert.equal(report.detail.readyWindowMs, 60_000);

    stack.feed(scenario());
    const after = await fetch(`${stack.base}/healthz`);
    assert.equal(after.status, 200);
    const ready = await after.json();
    assert.deepEqual([ready.live, ready.ready, ready.detail.reasons], [true, true, []]);
    assert.ok(ready.detail.npmOkAgoMs >= 0 && ready.detail.npmOkAgoMs < 5_000);
  });
});

Deno.test("status server: /api/state shows what the events said", async () => {
  await withStack(async (stack) => {
    stack.feed(scenario());
    const response = await fetch(`${stack.base}/api/state`, AUTH);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "application/json; charset=utf-8");
    const state = await response.json();
    assert.equal(state.dockerConnected, true);
    assert.equal(state.lastNpmAnswer.ok, true);
    assert.deepEqual(
      Object.values(state.containers).map((c) => (c as { name: string }).name),
      [
        "<img src=x onerror=alert(1)>",
        "broken-app",
        "jellyfin-media",
        "paperless-copycat",
        "paperless-ngx-7f3a",
      ],
    );
    assert.deepEqual(state.managedHosts.map((h: { id: number }) => h.id), [42, 41]);
    assert.equal(state.managedHosts[1].containerId, PAPERLESS.containerId);
    assert.deepEqual(state.skippedHosts.map((s: { hostId: number }) => s.hostId), [17]);
    assert.deepEqual(
      state.conflicts.map((s: { holderContainerId: string }) => s.holderContainerId),
      [PAPERLESS.containerId],
    );
    assert.deepEqual(state.recentActions.map((a: { kind: string }) => a.kind), [
      "enable",
      "skip",
      "skip",
      "disable",
      "create",
    ]);
    assert.deepEqual(state.recentErrors.map((e: { code: string }) => e.code), [
      "enable_failed",
      "foreign_host",
    ]);
    assert.equal(state.recentActions[3].containerName, JELLYFIN.containerName);
  });
});

Deno.test("status server: /metrics serves the Prometheus text format", async () => {
  await withStack(async (stack) => {
    stack.feed(scenario());
    const response = await fetch(`${stack.base}/metrics?token=${TOKEN}`);
    assert.equal(response.status, 200);
    assert.equal(
      response.headers.get("content-type"),
      "text/plain; version=0.0.4; charset=utf-8",
    );
    const text = await response.text();
    for (
      const line of [
        'envoynpm_docker_events_total{action="start"} 1',
        'envoynpm_npm_writes_total{kind="create"} 1',
        'envoynpm_npm_writes_total{kind="disable"} 1',
        'envoynpm_npm_errors_total{kind="enable"} 1',
        'envoynpm_reconcile_duration_seconds_bucket{le="0.05"} 1',
        "envoynpm_managed_hosts 2",
        "envoynpm_conflicts 1",
        "envoynpm_docker_connected 1",
      ]
    ) assert.ok(text.split("\n").includes(line), line);
  });
});

Deno.test("status server: / serves the dashboard page, self-contained", async () => {
  await withStack(async (stack) => {
    const response = await fetch(`${stack.base}/?token=${TOKEN}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-type"), "text/html; charset=utf-8");
    assert.match(response.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    assert.equal(response.headers.get("referrer-policy"), "no-referrer");
    const html = await response.text();
    assert.match(html, /<title>EnvoyNPM<\/title>/);
    assert.doesNotMatch(html, /(src|href)="https?:/);
    assert.doesNotMatch(html, /innerHTML/);
  });
});

Deno.test("status server: every route but /healthz refuses a missing token", async () => {
  await withStack(async (stack) => {
    for (const path of ["/", "/api/state", "/metrics"]) {
      const response = await fetch(stack.base + path);
      assert.equal(response.status, 401, path);
      assert.equal((await response.json()).error, "unauthorized");
    }
  });
});
