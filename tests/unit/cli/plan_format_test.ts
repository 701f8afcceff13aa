import assert from "node:assert/strict";
import { formatPlan, planJson, type PlanReport, planReport } from "../../../lib/cli/plan_format.ts";
import type { ControllerEvent, HostView } from "../../../lib/controller/mod.ts";
import type { Action } from "../../../lib/model/mod.ts";
import { fields, ownMeta, WEB } from "../plan/_factories.ts";

const SUBJECT = { domain: "app.lan", ...WEB } as const;
const CREATE: Action = { ...SUBJECT, kind: "create", fields: fields(), meta: ownMeta() };
const UPDATE: Action = {
  ...SUBJECT,
  kind: "update",
  hostId: 4,
  changes: { forward_host: "172.18.0.9" },
  meta: ownMeta(),
  enable: false,
  diff: [{ field: "forward_host", from: "172.18.0.5", to: "172.18.0.9" }],
};
const INVALID = {
  id: "bad1",
  name: "bad",
  problems: [{ variable: "NPM_PORT", reason: 'NPM_PORT "abc" is not a port' }],
};

/** A host of `domain` (its container's `NPM_HOST`), with overrides. */
function hostOf(domain: string, overrides: Partial<HostView> = {}): HostView {
  return { site: "", domain, domains: [domain], forward: "http://172.18.0.5:8080", ...overrides };
}

function report(overrides: Partial<PlanReport> = {}): PlanReport {
  return {
    actions: [],
    invalid: [],
    warnings: [],
    names: {},
    tls: [],
    lifecycle: [],
    ...overrides,
  };
}

Deno.test("formatPlan() says NPM is in sync when there is nothing to write", () => {
  assert.equal(formatPlan(report()), "Nothing to do: NPM is in sync");
  const onlySkips = report({ actions: [{ ...SUBJECT, kind: "skip", reason: "other_host_kind" }] });
  assert.match(formatPlan(onlySkips), /\nNothing to do: NPM is in sync$/);
});

Deno.test("formatPlan() lists the writes, a tally, then invalid containers and warnings", () => {
  const text = formatPlan(report({
    actions: [CREATE, UPDATE],
    invalid: [INVALID],
    warnings: [{
      id: "web1",
      name: "web",
      domain: "app.lan",
      problems: [{ variable: "NPM_SCHEME", reason: "NPM_SCHEME is ignored" }],
    }],
  }));
  assert.equal(
    text,
    [
      "create app.lan → http://172.18.0.5:8080 (container web)",
      "update app.lan (#4): forward_host: 172.18.0.5 → 172.18.0.9",
      "2 writes to NPM planned; nothing was written",
      'invalid container bad: NPM_PORT "abc" is not a port',
      "warning app.lan (container web): NPM_SCHEME is ignored",
    ].join("\n"),
  );
});

Deno.test("planJson() gives actions with their diffs and invalid containers, and survives JSON", () => {
  const document = JSON.parse(JSON.stringify(planJson(report({
    actions: [CREATE, UPDATE],
    invalid: [INVALID],
  }))));
  assert.equal(document.inSync, false);
  assert.equal(document.writes, 2);
  assert.deepEqual(document.actions[0], {
    kind: "create",
    domain: "app.lan",
    container: { id: "web1", name: "web" },
    forward: "http://172.18.0.5:8080",
    text: ["create app.lan → http://172.18.0.5:8080 (container web)"],
  });
  assert.deepEqual(document.actions[1].diff, [
    { field: "forward_host", from: "172.18.0.5", to: "172.18.0.9" },
  ]);
  assert.equal(document.actions[1].hostId, 4);
  assert.deepEqual(document.invalid, [{
    container: { id: "bad1", name: "bad" },
    problems: [{ variable: "NPM_PORT", reason: 'NPM_PORT "abc" is not a port' }],
  }]);
  assert.deepEqual(planJson(report()), {
    inSync: true,
    writes: 0,
    actions: [],
    invalid: [],
    warnings: [],
    https: [],
    accessLists: [],
    lifecycle: [],
  });
});

Deno.test("planReport() keeps the actions, and the running containers that are invalid or warned", () => {
  const view = (id: string, extra: Record<string, unknown>): ControllerEvent => ({
    type: "container",
    container: { id, name: `n-${id}`, running: true, state: "desired", problems: [], ...extra },
  });
  const events: ControllerEvent[] = [
    { type: "npm_answer", ok: true },
    view("a", { state: "invalid", problems: INVALID.problems }),
    view("b", { state: "invalid", problems: INVALID.problems, running: false }),
    view("c", { hosts: [hostOf("c.lan")], problems: [{ variable: "X", reason: "careful" }] }),
    view("d", { state: "unmanaged" }),
    { type: "action", action: CREATE, outcome: "ok", durationMs: 0, hostId: 9 },
    { type: "reconcile", durationMs: 3, containers: 2 },
  ];
  const got = planReport(events);
  assert.deepEqual(got.actions, [CREATE]);
  assert.deepEqual(got.invalid.map((item) => item.id), ["a"]);
  assert.deepEqual(got.warnings, [{
    id: "c",
    name: "n-c",
    domain: "c.lan",
    problems: [{ variable: "X", reason: "careful" }],
  }]);
  assert.equal(got.names.d, "n-d");
});

Deno.test("formatPlan() says what each host does about HTTPS", () => {
  const text = formatPlan(report({
    tls: [
      {
        name: "web",
        domain: "app.lan",
        tls: { certificate: { id: 3, name: "*.lan", expiresAt: "2025-04-02T00:00:00.000Z" } },
      },
      {
        name: "blog",
        domain: "blog.lan",
        tls: { httpOnly: "No valid certificate covers blog.lan" },
      },
    ],
  }));
  assert.match(
    text,
    /^https app\.lan \(container web\): certificate "\*\.lan" \(#3\), expires 2025-04-02$/m,
  );
  assert.match(text, /^https blog\.lan \(container blog\): HTTP only: No valid certificate/m);
});

Deno.test("planReport() and formatPlan() show each host's access list, or why it is not published", () => {
  const events: ControllerEvent[] = [
    {
      type: "container",
      container: {
        id: "a",
        name: "web",
        running: true,
        state: "desired",
        problems: [],
        hosts: [hostOf("app.lan", { accessList: { id: 2, name: "staff" } })],
      },
    },
    {
      type: "container",
      container: {
        id: "b",
        name: "blog",
        running: true,
        state: "desired",
        problems: [],
        hosts: [hostOf("blog.lan", { accessList: { missing: 'NPM has no access list "x"' } })],
      },
    },
  ];
  const text = formatPlan(planReport(events));
  assert.match(text, /^access list app\.lan \(container web\): "staff" \(#2\)$/m);
  assert.match(text, /^access list blog\.lan \(container blog\): none: NPM has no access list/m);
});

Deno.test("planReport() and formatPlan() show each managed container's stop action and health", () => {
  const view = (name: string, extra: Record<string, unknown>): ControllerEvent => ({
    type: "container",
    container: { id: name, name, running: true, state: "desired", problems: [], ...extra },
  });
  const built = planReport([
    view("plain", { stopAction: "disable" }),
    view("paused", { stopAction: "maintenance" }),
    view("checked", { stopAction: "disable", health: { status: "starting", followed: true } }),
    view("loose", { stopAction: "keep", health: { status: "unhealthy", followed: false } }),
    view("other", {}),
  ]);
  assert.equal(built.lifecycle.length, 4, "unmanaged containers have none");
  const lines = formatPlan(built).split("\n").slice(1);
  assert.deepEqual(lines, [
    "container paused: on stop maintenance",
    "container checked: on stop disable, health starting",
    "container loose: on stop keep, health unhealthy (ignored: NPM_HEALTH)",
  ]);
});

const CERTIFICATE = { id: 3, name: "*.lan", expiresAt: "2025-04-02T00:00:00.000Z" };
const HTTP_ONLY = { httpOnly: "No valid certificate covers api.lan" };

const hostCases: { desc: string; hosts: HostView[]; lines: string[]; https: unknown[] }[] = [
  {
    desc: "one host: its HTTPS, and the warning naming its domain",
    hosts: [hostOf("app.lan", { tls: { certificate: CERTIFICATE } })],
    lines: [
      "warning app.lan (container web): careful",
      'https app.lan (container web): certificate "*.lan" (#3), expires 2025-04-02',
    ],
    https: [{ container: "web", domain: "app.lan", certificate: CERTIFICATE }],
  },
  {
    desc: "two hosts: the HTTPS and access list of each, the warning naming the first",
    hosts: [
      hostOf("app.lan", { domains: ["app.lan", "www.lan"], tls: { certificate: CERTIFICATE } }),
      hostOf("api.lan", { site: "1", tls: HTTP_ONLY, accessList: { id: 2, name: "staff" } }),
    ],
    lines: [
      "warning app.lan (container web): careful",
      'https app.lan (container web): certificate "*.lan" (#3), expires 2025-04-02',
      "https api.lan (container web): HTTP only: No valid certificate covers api.lan",
      'access list api.lan (container web): "staff" (#2)',
    ],
    https: [
      { container: "web", domain: "app.lan", certificate: CERTIFICATE },
      { container: "web", domain: "api.lan", ...HTTP_ONLY },
    ],
  },
];

for (const { desc, hosts, lines, https } of hostCases) {
  Deno.test(`planReport(), formatPlan() and planJson() show each host of a container: ${desc}`, () => {
    const built = planReport([{
      type: "container",
      container: {
        id: "w",
        name: "web",
        running: true,
        state: "desired",
        problems: [{ variable: "NPM_SCHEME", reason: "careful" }],
        hosts,
      },
    }]);
    assert.deepEqual(formatPlan(built).split("\n").slice(1), lines);
    assert.deepEqual(planJson(built).https, https);
  });
}
