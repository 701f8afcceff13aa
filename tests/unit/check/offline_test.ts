import assert from "node:assert/strict";
import { describeOffline, type OfflineHost, offlineHosts } from "../../../lib/check/mod.ts";

const NGINX_ERR = 'nginx: [emerg] unknown directive "this" in /data/nginx/proxy_host/3.conf:37\n' +
  "nginx: configuration file /etc/nginx/nginx.conf test failed\n";
const ONE_LINE = 'nginx: [emerg] unknown directive "this" in /data/nginx/proxy_host/3.conf:37 / ' +
  "nginx: configuration file /etc/nginx/nginx.conf test failed";

/** A proxy host row as `GET /api/nginx/proxy-hosts` answers, with overrides. */
function host(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 3,
    domain_names: ["app.home.lan", "www.app.home.lan"],
    forward_scheme: "http",
    forward_host: "172.18.0.5",
    forward_port: 80,
    advanced_config: "this is wrong;",
    enabled: true,
    meta: { nginx_online: false, nginx_err: NGINX_ERR },
    ...overrides,
  };
}

const OURS = { managed_by: "EnvoyNPM", container_id: "c1" };

Deno.test("offlineHosts() lists every enabled host nginx does not serve, and no other", () => {
  const cases: { desc: string; rows: unknown[]; want: OfflineHost[] }[] = [
    { desc: "nothing in NPM", rows: [], want: [] },
    {
      desc: "an enabled hand-made host nginx refused, its message on one line",
      rows: [host()],
      want: [{ id: 3, label: "app.home.lan", managed: false, nginxError: ONE_LINE }],
    },
    {
      desc: "an enabled host of EnvoyNPM's nginx refused",
      rows: [host({ meta: { ...OURS, nginx_online: false, nginx_err: NGINX_ERR } })],
      want: [{ id: 3, label: "app.home.lan", managed: true, nginxError: ONE_LINE }],
    },
    {
      desc: "enabled given as 1, as older NPM rows have it",
      rows: [host({ enabled: 1 })],
      want: [{ id: 3, label: "app.home.lan", managed: false, nginxError: ONE_LINE }],
    },
    {
      desc: "a disabled host is not listed, even with nginx_online false",
      rows: [host({ enabled: false }), host({ id: 4, enabled: 0 })],
      want: [],
    },
    {
      desc: "online hosts, and hosts without nginx_online, are not listed",
      rows: [
        host({ meta: { nginx_online: true, nginx_err: null } }),
        host({ id: 5, meta: {} }),
        host({ id: 6, meta: { nginx_online: "false" } }),
      ],
      want: [],
    },
    {
      desc: "no message, or a blank one: none kept",
      rows: [
        host({ meta: { nginx_online: false, nginx_err: null } }),
        host({ id: 7, domain_names: [], meta: { nginx_online: false, nginx_err: "\n" } }),
      ],
      want: [
        { id: 3, label: "app.home.lan", managed: false },
        { id: 7, label: "#7", managed: false },
      ],
    },
    {
      desc: "rows it cannot read are skipped",
      rows: [null, "x", { domain_names: ["no-id.lan"], enabled: true }, host({ meta: null })],
      want: [],
    },
  ];
  for (const { desc, rows, want } of cases) assert.deepEqual(offlineHosts(rows), want, desc);
});

Deno.test("describeOffline() names the host, whose it is, nginx's message on one line and the fix", () => {
  const cases: { desc: string; host: OfflineHost; want: string }[] = [
    {
      desc: "EnvoyNPM's host",
      host: { id: 3, label: "app.home.lan", managed: true, nginxError: ONE_LINE },
      want: "proxy host #3 (app.home.lan, EnvoyNPM's) is enabled, but nginx refused its " +
        `configuration and does not serve it: ${ONE_LINE}. ` +
        "Fix the container's NPM_ADVANCED_CONFIG (or what else nginx names)",
    },
    {
      desc: "a hand-made host whose message ends with a full stop",
      host: { id: 9, label: "nas.lan", managed: false, nginxError: "nginx: bad." },
      want: "proxy host #9 (nas.lan, hand-made) is enabled, but nginx refused its " +
        "configuration and does not serve it: nginx: bad. " +
        "Fix the host in NPM (its Advanced tab, or what else nginx names)",
    },
    {
      desc: "no message kept",
      host: { id: 7, label: "#7", managed: false },
      want: "proxy host #7 (#7, hand-made) is enabled, but nginx refused its " +
        "configuration and does not serve it: NPM kept no message from nginx. " +
        "Fix the host in NPM (its Advanced tab, or what else nginx names)",
    },
  ];
  for (const { desc, host, want } of cases) {
    const line = describeOffline(host);
    assert.equal(line, want, desc);
    assert.doesNotMatch(line, /[\r\n]/, desc);
  }
});
