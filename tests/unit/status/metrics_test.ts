import assert from "node:assert/strict";
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import { createMetrics } from "../../../lib/status/metrics.ts";
import { BLOG, container, host, hostView, skipped, snapshot, WEB, write } from "./_reports.ts";

const BUCKETS = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10"];

function histogramLines(counts: readonly number[], sum: string, count: number): string[] {
  return [
    ...BUCKETS.map((le, i) =>
      `envoynpm_reconcile_duration_seconds_bucket{le="${le}"} ${counts[i]}`
    ),
    `envoynpm_reconcile_duration_seconds_bucket{le="+Inf"} ${count}`,
    `envoynpm_reconcile_duration_seconds_sum ${sum}`,
    `envoynpm_reconcile_duration_seconds_count ${count}`,
  ];
}

function expected(parts: {
  dockerEvents?: string[];
  writes?: [number, number, number, number];
  errors?: string[];
  histogram?: string[];
  managed?: number;
  conflicts?: number;
  expiry?: string[];
  connected?: number;
}): string {
  const [create, update, enable, disable] = parts.writes ?? [0, 0, 0, 0];
  return [
    "# HELP envoynpm_docker_events_total Docker container events received, by action (the part before any colon).",
    "# TYPE envoynpm_docker_events_total counter",
    ...(parts.dockerEvents ?? []),
    "# HELP envoynpm_npm_writes_total Successful writes to NPM's proxy hosts, by kind.",
    "# TYPE envoynpm_npm_writes_total counter",
    `envoynpm_npm_writes_total{kind="create"} ${create}`,
    `envoynpm_npm_writes_total{kind="update"} ${update}`,
    `envoynpm_npm_writes_total{kind="enable"} ${enable}`,
    `envoynpm_npm_writes_total{kind="disable"} ${disable}`,
    "# HELP envoynpm_npm_errors_total Failed NPM writes by action kind, and NPM's reported errors (npm_*, nginx_rejected, *_refused) by code.",
    "# TYPE envoynpm_npm_errors_total counter",
    ...(parts.errors ?? []),
    "# HELP envoynpm_reconcile_duration_seconds How long one reconcile took.",
    "# TYPE envoynpm_reconcile_duration_seconds histogram",
    ...(parts.histogram ?? histogramLines(BUCKETS.map(() => 0), "0", 0)),
    "# HELP envoynpm_managed_hosts Proxy hosts EnvoyNPM owns in NPM's last snapshot.",
    "# TYPE envoynpm_managed_hosts gauge",
    `envoynpm_managed_hosts ${parts.managed ?? 0}`,
    "# HELP envoynpm_conflicts Containers asking for a domain another container holds.",
    "# TYPE envoynpm_conflicts gauge",
    `envoynpm_conflicts ${parts.conflicts ?? 0}`,
    "# HELP envoynpm_certificate_expiry_seconds When the certificate of each HTTPS host of a running container expires, in Unix seconds.",
    "# TYPE envoynpm_certificate_expiry_seconds gauge",
    ...(parts.expiry ?? []),
    "# HELP envoynpm_docker_connected 1 while Docker's event stream is connected, else 0.",
    "# TYPE envoynpm_docker_connected gauge",
    `envoynpm_docker_connected ${parts.connected ?? 0}`,
    "# HELP envoynpm_engine_connected 1 while the event stream of each engine is connected, when one EnvoyNPM watches several.",
    "# TYPE envoynpm_engine_connected gauge",
    "",
  ].join("\n");
}

Deno.test("createMetrics() renders every metric at zero before any event", () => {
  assert.equal(createMetrics().render(), expected({}));
});

Deno.test("createMetrics() counts events, writes, errors and reconciles exactly", () => {
  const metrics = createMetrics();
  const events = [
    { type: "docker_connection", connected: true },
    { type: "docker_event", event: { id: "web1", action: "start", timeNano: 1 } },
    { type: "docker_event", event: { id: "web1", action: "health_status: healthy", timeNano: 2 } },
    { type: "docker_event", event: { id: "web1", action: "start", timeNano: 3 } },
    write("create", WEB),
    write("enable", BLOG, { hostId: 5 }),
    write("disable", WEB, { error: "Internal Error" }),
    skipped("foreign_host", BLOG, { hostId: 7 }),
    skipped("domain_conflict", WEB, { holderContainerId: "other1" }),
    { type: "problem", problem: { severity: "error", code: "npm_unreachable", message: "down" } },
    { type: "problem", problem: { severity: "warning", code: "invalid_settings", message: "x" } },
    // Docker's errors are not NPM's.
    { type: "problem", problem: { severity: "error", code: "docker_unreachable", message: "x" } },
    { type: "reconcile", durationMs: 3, containers: 2 },
    { type: "reconcile", durationMs: 250, containers: 2 },
    { type: "reconcile", durationMs: 20_000, containers: 2 },
    snapshot(host(4, WEB), host(5, BLOG), host(7, null)),
  ] as const;
  events.forEach(metrics.listener);
  assert.equal(
    metrics.render(),
    expected({
      dockerEvents: [
        'envoynpm_docker_events_total{action="start"} 2',
        'envoynpm_docker_events_total{action="health_status"} 1',
      ],
      writes: [1, 0, 1, 0],
      errors: [
        'envoynpm_npm_errors_total{kind="disable"} 1',
        'envoynpm_npm_errors_total{kind="npm_unreachable"} 1',
      ],
      histogram: histogramLines([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2], "20.253", 3),
      managed: 2,
      conflicts: 1,
      connected: 1,
    }),
  );
});

Deno.test("createMetrics() lowers the conflicts gauge when the conflict goes", () => {
  const metrics = createMetrics();
  metrics.listener(skipped("domain_conflict", WEB));
  metrics.listener({ type: "container_removed", id: WEB.containerId });
  assert.match(metrics.render(), /^envoynpm_conflicts 0$/m);
});

const CERTIFICATE = { id: 3, name: "*.lan", expiresAt: "2025-04-02T00:00:00.000Z" };
const SECURE = hostView(WEB, { tls: { certificate: CERTIFICATE } });
const EXPIRY = "envoynpm_certificate_expiry_seconds";

const expiryCases: { desc: string; events: ControllerEvent[]; series: string[] }[] = [
  {
    desc: "an HTTPS host of a running container, none for an HTTP-only one",
    events: [
      container(WEB, { hosts: [SECURE] }),
      container(BLOG, { hosts: [hostView(BLOG, { tls: { httpOnly: "no" } })] }),
    ],
    series: [`${EXPIRY}{domain="app.lan"} 1743552000`],
  },
  {
    desc: "none once its container stops",
    events: [
      container(WEB, { hosts: [SECURE] }),
      container(WEB, { running: false, state: "stopped", hosts: [SECURE] }),
    ],
    series: [],
  },
  {
    desc: "one per HTTPS host of a container, by its first domain",
    events: [container(WEB, {
      hosts: [
        { ...SECURE, domains: ["app.lan", "www.app.lan"] },
        { ...SECURE, site: "1", domain: "blog.lan", domains: ["blog.lan"] },
        hostView(WEB, { site: "2", domain: "plain.lan" }),
      ],
    })],
    series: [`${EXPIRY}{domain="app.lan"} 1743552000`, `${EXPIRY}{domain="blog.lan"} 1743552000`],
  },
];

for (const { desc, events, series } of expiryCases) {
  Deno.test(`createMetrics() shows when a certificate expires: ${desc}`, () => {
    const metrics = createMetrics();
    events.forEach(metrics.listener);
    const lines = metrics.render().split("\n").filter((line) => line.startsWith(`${EXPIRY}{`));
    assert.deepEqual(lines, series);
  });
}
