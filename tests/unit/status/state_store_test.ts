import assert from "node:assert/strict";
import denoJson from "../../../deno.json" with { type: "json" };
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import { createStateStore } from "../../../lib/status/state_store.ts";
import type { StateView } from "../../../lib/status/types.ts";
import {
  BLOG,
  container,
  host,
  hostView,
  skip,
  skipped,
  snapshot,
  T0,
  T0_ISO,
  WEB,
  write,
} from "./_reports.ts";

function fold(events: readonly ControllerEvent[], recentLimit?: number): StateView {
  const store = createStateStore({ now: () => T0, recentLimit });
  events.forEach(store.listener);
  return store.view();
}

const webView = (container(WEB) as Extract<ControllerEvent, { type: "container" }>).container;
const NOT_YET = { status: "pending", did: "Not published yet" };

const cases: {
  desc: string;
  events: ControllerEvent[];
  expect: Partial<StateView>;
  recentLimit?: number;
}[] = [
  {
    desc: "starts disconnected, with NPM not asked and nothing seen",
    events: [],
    expect: {
      dockerConnected: false,
      lastNpmAnswer: null,
      containers: {},
      managedHosts: [],
      skippedHosts: [],
      conflicts: [],
      recentActions: [],
      recentErrors: [],
    },
  },
  {
    desc: "keeps the latest Docker connection and NPM answer",
    events: [
      { type: "docker_connection", connected: true },
      { type: "npm_answer", ok: true },
      { type: "docker_connection", connected: false },
      { type: "npm_answer", ok: false },
    ],
    expect: { dockerConnected: false, lastNpmAnswer: { ok: false, at: T0_ISO } },
  },
  {
    desc: "shows an outage while it lasts, from its first failed read",
    events: [{
      type: "outage",
      service: "npm",
      down: true,
      cause: "NPM at http://npm:81/api is unreachable",
      forMs: 6_000,
    }],
    expect: {
      outages: {
        npm: {
          since: new Date(T0 - 6_000).toISOString(),
          cause: "NPM at http://npm:81/api is unreachable",
        },
        docker: null,
      },
    },
  },
  {
    desc: "forgets an outage that ended",
    events: [
      { type: "outage", service: "docker", down: true, cause: "down", forMs: 6_000 },
      { type: "outage", service: "docker", down: false, lastedMs: 9_000 },
    ],
    expect: { outages: { npm: null, docker: null } },
  },
  {
    desc: "keeps containers by id and forgets removed ones",
    events: [container(WEB), container(BLOG), { type: "container_removed", id: BLOG.containerId }],
    expect: {
      containers: {
        web1: {
          ...webView,
          ...NOT_YET,
          hosts: [{ ...hostView(WEB), ...NOT_YET, https: "", access: "" }],
          lifecycle: "",
        },
      },
    },
  },
  {
    desc: "lists only EnvoyNPM's hosts of the last snapshot (meta it can read), by domain",
    events: [
      snapshot(host(9, null)),
      snapshot(
        host(4, WEB, { enabled: false, meta: { managed_by: "EnvoyNPM", container_id: "web1" } }),
        host(7, null),
        host(8, null, { meta: { managed_by: "EnvoyNPM", container_id: 7 } }),
        host(5, BLOG, { forward_scheme: "https", forward_host: "blog", forward_port: 443 }),
      ),
    ],
    expect: {
      managedHosts: [
        {
          id: 4,
          domain: "app.lan",
          enabled: false,
          forward: "http://172.18.0.5:8080",
          containerId: "web1",
          nginxOnline: null,
        },
        {
          id: 5,
          domain: "blog.lan",
          enabled: true,
          forward: "https://blog:443",
          containerId: "blog1",
          nginxOnline: true,
        },
      ],
    },
  },
  {
    desc: "shows a hand-made host left alone and a conflict apart",
    events: [
      skipped("foreign_host", WEB, { hostId: 7 }),
      skipped("domain_conflict", BLOG, { holderContainerId: "other1" }),
    ],
    expect: {
      skippedHosts: [{
        domain: "app.lan",
        containerId: "web1",
        containerName: "web",
        reason: "foreign_host",
        hostId: 7,
        since: T0_ISO,
      }],
      conflicts: [{
        domain: "blog.lan",
        containerId: "blog1",
        containerName: "blog",
        reason: "domain_conflict",
        holderContainerId: "other1",
        since: T0_ISO,
      }],
    },
  },
  {
    desc: "drops a skip once the container takes the domain, stops or is removed",
    events: [
      skipped("foreign_host", WEB, { hostId: 7 }),
      skipped("other_host_kind", BLOG),
      skipped("domain_conflict", { ...WEB, containerId: "c3", containerName: "c3" }),
      container(WEB),
      skipped("other_host_kind", BLOG),
      container(BLOG, { running: false, state: "stopped", hosts: undefined }),
      { type: "container_removed", id: "c3" },
    ],
    expect: { skippedHosts: [], conflicts: [] },
  },
  {
    desc: "shows a skip while its running container still asks for the domain",
    events: [skipped("other_host_kind", WEB)],
    expect: {
      skippedHosts: [{
        domain: "app.lan",
        containerId: "web1",
        containerName: "web",
        reason: "other_host_kind",
        since: T0_ISO,
      }],
    },
  },
  {
    desc: "records actions newest first, skips included, and a failure as an error",
    events: [
      write("create", WEB, { durationMs: 1100 }),
      skip("foreign_host", BLOG, { hostId: 7 }),
      write("disable", WEB, { hostId: 4, error: "nginx -t failed" }),
    ],
    expect: {
      recentActions: [
        {
          at: T0_ISO,
          kind: "disable",
          domain: "app.lan",
          containerId: "web1",
          containerName: "web",
          hostId: 4,
          outcome: "failed",
          durationMs: 900,
          error: "nginx -t failed",
        },
        {
          at: T0_ISO,
          kind: "skip",
          domain: "blog.lan",
          containerId: "blog1",
          containerName: "blog",
          hostId: 7,
          reason: "foreign_host",
          outcome: "ok",
          durationMs: 0,
        },
        {
          at: T0_ISO,
          kind: "create",
          domain: "app.lan",
          containerId: "web1",
          containerName: "web",
          outcome: "ok",
          durationMs: 1100,
        },
      ],
      recentErrors: [{
        at: T0_ISO,
        severity: "error",
        code: "disable_failed",
        message: "nginx -t failed",
        containerName: "web",
        containerId: "web1",
        domain: "app.lan",
        count: 1,
      }],
    },
  },
  {
    desc: "counts a repeated problem in one entry and moves it to the front",
    events: [
      { type: "problem", problem: { severity: "error", code: "npm_unreachable", message: "down" } },
      { type: "problem", problem: { severity: "warning", code: "invalid_settings", message: "x" } },
      { type: "problem", problem: { severity: "error", code: "npm_unreachable", message: "down" } },
    ],
    expect: {
      recentErrors: [
        { at: T0_ISO, severity: "error", code: "npm_unreachable", message: "down", count: 2 },
        { at: T0_ISO, severity: "warning", code: "invalid_settings", message: "x", count: 1 },
      ],
    },
  },
  {
    desc: "keeps only the newest recentLimit actions",
    recentLimit: 1,
    events: [write("enable", WEB, { hostId: 1 }), write("enable", WEB, { hostId: 2 })],
    expect: {
      recentActions: [{
        at: T0_ISO,
        kind: "enable",
        domain: "app.lan",
        containerId: "web1",
        containerName: "web",
        hostId: 2,
        outcome: "ok",
        durationMs: 900,
      }],
    },
  },
];

for (const { desc, events, expect, recentLimit } of cases) {
  Deno.test(`createStateStore() ${desc}`, () => {
    const view = fold(events, recentLimit);
    const picked = Object.fromEntries(
      Object.keys(expect).map((key) => [key, view[key as keyof StateView]]),
    );
    assert.deepEqual(picked, expect);
  });
}

Deno.test("createStateStore() gives a JSON-able copy that later events do not change", () => {
  const store = createStateStore({ now: () => T0 });
  store.listener(container(WEB));
  const before = store.view();
  store.listener({ type: "container_removed", id: WEB.containerId });
  assert.deepEqual(JSON.parse(JSON.stringify(before)), before);
  assert.deepEqual(Object.keys(before.containers), ["web1"]);
  assert.deepEqual(store.view().containers, {});
});

Deno.test("createStateStore() shows a create's new host id and a whole-millisecond duration", () => {
  const created = { ...write("create"), hostId: 12, durationMs: 17.1658 } as ControllerEvent;
  const [record] = fold([created]).recentActions;
  assert.equal(record.hostId, 12);
  assert.equal(record.durationMs, 17);
});

Deno.test("createStateStore() view includes the version of deno.json", () => {
  assert.equal(fold([]).version, denoJson.version);
  assert.match(denoJson.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
});
