import assert from "node:assert/strict";
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import type { Action, ActionSubject, OwnerMeta } from "../../../lib/model/mod.ts";
import { type Notification, toNotification } from "../../../lib/notify/mod.ts";
import { createAction, ownerMeta } from "../../support/model_factories.ts";

const NOW = new Date("2025-01-02T03:04:05.000Z");
const SUBJECT: ActionSubject = { domain: "app.lan", containerId: "c0ffee", containerName: "web" };
const META: OwnerMeta = ownerMeta("c0ffee", { created_at: NOW.toISOString() });
const CREATE: Action = createAction(SUBJECT, META);
const UPDATE = {
  ...SUBJECT,
  kind: "update",
  hostId: 7,
  changes: { forward_port: 9090 },
  meta: META,
  diff: [{ field: "forward_port", from: 8080, to: 9090 }],
} as const;
const ENABLE: Action = { ...SUBJECT, kind: "enable", hostId: 7 };
const DISABLE: Action = { ...SUBJECT, kind: "disable", hostId: 7 };

function done(action: Action): ControllerEvent {
  return { type: "action", action, outcome: "ok", durationMs: 12 };
}

function failed(action: Action, error?: string): ControllerEvent {
  return { type: "action", action, outcome: "failed", durationMs: 12, error };
}

const BASE = {
  domain: "app.lan",
  container: "web",
  container_id: "c0ffee",
  time: "2025-01-02T03:04:05.000Z",
  source: "EnvoyNPM",
} as const;

const NOTIFIED: { desc: string; event: ControllerEvent; body: Notification }[] = [
  {
    desc: "a created host",
    event: done(CREATE),
    body: { event: "create", ...BASE, message: "Created proxy host app.lan for container web." },
  },
  {
    desc: "an enabled host",
    event: done(ENABLE),
    body: {
      event: "enable",
      ...BASE,
      host_id: 7,
      message: "Enabled proxy host app.lan for container web.",
    },
  },
  {
    desc: "an update that enables, as enable",
    event: done({ ...UPDATE, enable: true }),
    body: {
      event: "enable",
      ...BASE,
      host_id: 7,
      message: "Enabled proxy host app.lan for container web.",
    },
  },
  {
    desc: "a disabled host",
    event: done(DISABLE),
    body: {
      event: "disable",
      ...BASE,
      host_id: 7,
      message: "Disabled proxy host app.lan for container web.",
    },
  },
  {
    desc: "a domain conflict, reported once as a problem",
    event: {
      type: "problem",
      problem: {
        severity: "warning",
        code: "domain_conflict",
        message: "Containers web and db both ask for app.lan; the one that held it first keeps it",
        containerName: "web",
        containerId: "c0ffee",
        domain: "app.lan",
      },
    },
    body: {
      event: "conflict",
      ...BASE,
      message: "Containers web and db both ask for app.lan; the one that held it first keeps it",
    },
  },
  {
    desc: "a failed create, quoting NPM's error on one line",
    event: failed(
      CREATE,
      'nginx: [emerg] unknown directive\n  "foo" in /data/nginx/proxy_host/7.conf.',
    ),
    body: {
      event: "error",
      ...BASE,
      message:
        'Cannot create proxy host app.lan for container web: nginx: [emerg] unknown directive "foo" in /data/nginx/proxy_host/7.conf.',
    },
  },
  {
    desc: "a failed disable without an error text",
    event: failed(DISABLE),
    body: {
      event: "error",
      ...BASE,
      host_id: 7,
      message: "Cannot disable proxy host app.lan for container web.",
    },
  },
  {
    desc: "a failed update that does not enable",
    event: failed({ ...UPDATE, enable: false }, "status 400"),
    body: {
      event: "error",
      ...BASE,
      host_id: 7,
      message: "Cannot update proxy host app.lan for container web: status 400.",
    },
  },
  {
    desc: "an error problem with its subject",
    event: {
      type: "problem",
      problem: {
        severity: "error",
        code: "nginx_rejected",
        message: "Nginx rejected the config of app.lan.",
        containerName: "web",
        containerId: "c0ffee",
        domain: "app.lan",
      },
    },
    body: { event: "error", ...BASE, message: "Nginx rejected the config of app.lan." },
  },
  {
    desc: "an error problem without a subject",
    event: {
      type: "problem",
      problem: { severity: "error", code: "npm_unreachable", message: "Cannot reach NPM." },
    },
    body: {
      event: "error",
      message: "Cannot reach NPM.",
      time: BASE.time,
      source: "EnvoyNPM",
    },
  },
];

for (const { desc, event, body } of NOTIFIED) {
  Deno.test(`toNotification() reports ${desc}`, () => {
    const notification = toNotification(event, NOW);
    assert.deepEqual(notification, body);
    assert.deepEqual(JSON.parse(JSON.stringify(notification)), body);
  });
}

const SILENT: { desc: string; event: ControllerEvent }[] = [
  { desc: "an update that does not enable", event: done({ ...UPDATE, enable: false }) },
  {
    desc: "a skip for a foreign host",
    event: done({ ...SUBJECT, kind: "skip", reason: "foreign_host", hostId: 3 }),
  },
  {
    desc: "a skip for a redirection host",
    event: done({ ...SUBJECT, kind: "skip", reason: "other_host_kind" }),
  },
  {
    desc: "a warning problem",
    event: {
      type: "problem",
      problem: { severity: "warning", code: "invalid_settings", message: "NPM_PORT is bad." },
    },
  },
  { desc: "a Docker connection change", event: { type: "docker_connection", connected: false } },
  {
    desc: "a Docker event",
    event: { type: "docker_event", event: { id: "c0ffee", action: "die", timeNano: 1 } },
  },
  { desc: "an NPM answer", event: { type: "npm_answer", ok: false } },
  {
    desc: "a container view",
    event: {
      type: "container",
      container: { id: "c0ffee", name: "web", running: true, state: "desired", problems: [] },
    },
  },
  { desc: "a removed container", event: { type: "container_removed", id: "c0ffee" } },
  {
    desc: "an NPM snapshot",
    event: {
      type: "npm_snapshot",
      snapshot: { proxyHosts: [], otherHostDomains: [], certificates: [] },
    },
  },
  { desc: "a reconcile", event: { type: "reconcile", durationMs: 5, containers: 3 } },
];

for (const { desc, event } of SILENT) {
  Deno.test(`toNotification() ignores ${desc}`, () => {
    assert.equal(toNotification(event, NOW), undefined);
  });
}

Deno.test("toNotification() cuts a long error text to one short sentence", () => {
  const notification = toNotification(failed(CREATE, "x".repeat(5000)), NOW);
  assert.ok(notification !== undefined);
  assert.ok(notification.message.length < 400, notification.message);
  assert.ok(notification.message.endsWith("….") && !notification.message.includes("\n"));
});
