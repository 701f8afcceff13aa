import assert from "node:assert/strict";
import {
  auditUpstreams,
  describeFinding,
  type UpstreamFinding,
  upstreamName,
} from "../../../lib/check/mod.ts";

/** A proxy host row as `GET /api/nginx/proxy-hosts` answers, with overrides. */
function host(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 3,
    domain_names: ["media.home.lan"],
    forward_scheme: "http",
    forward_host: "jellyfin",
    forward_port: 8096,
    advanced_config: "",
    enabled: true,
    locations: null,
    meta: {},
    ...overrides,
  };
}

/** A location of a proxy host. */
function location(forwardHost: string, overrides: Record<string, unknown> = {}) {
  return {
    path: "/api",
    forward_scheme: "http",
    forward_host: forwardHost,
    forward_port: 80,
    ...overrides,
  };
}

/** A stream row as `GET /api/nginx/streams` answers. */
function stream(forwardingHost: string, overrides: Record<string, unknown> = {}) {
  return {
    id: 2,
    incoming_port: 9000,
    forwarding_host: forwardingHost,
    forwarding_port: 5432,
    tcp_forwarding: true,
    udp_forwarding: false,
    enabled: true,
    meta: {},
    ...overrides,
  };
}

const AT_HOST = { object: "proxy-host", id: 3, label: "media.home.lan", enabled: true } as const;

Deno.test("auditUpstreams() finds upstreams named by host name where nginx resolves them at start-up", () => {
  const cases: {
    desc: string;
    proxyHosts?: unknown[];
    streams?: unknown[];
    want: UpstreamFinding[];
  }[] = [
    { desc: "nothing in NPM", want: [] },
    {
      desc: "the host's own forward_host by name is fine (NPM resolves it at request time)",
      proxyHosts: [host()],
      want: [],
    },
    {
      desc: "a custom location forwarding to a name",
      proxyHosts: [host({ locations: [location("backend")] })],
      want: [{ ...AT_HOST, place: "location", upstream: "backend", path: "/api" }],
    },
    {
      desc: "locations to IPv4, IPv6, localhost, a variable: fine",
      proxyHosts: [host({
        locations: [
          location("192.168.1.20"),
          location("[fd00::1]"),
          location("fd00::1"),
          location("localhost"),
          location("$upstream"),
        ],
      })],
      want: [],
    },
    {
      desc: "a location forward_host with port and path keeps only the name, lower-cased",
      proxyHosts: [host({ locations: [location("NAS.lan:5000/photo", { path: "/photo" })] })],
      want: [{ ...AT_HOST, place: "location", upstream: "nas.lan", path: "/photo" }],
    },
    {
      desc: "proxy_pass by name in advanced_config",
      proxyHosts: [
        host({ advanced_config: "location /x {\n  proxy_pass http://jellyfin:8096/;\n}" }),
      ],
      want: [{ ...AT_HOST, place: "advanced_config", upstream: "jellyfin" }],
    },
    {
      desc: "other *_pass directives too, each name once",
      proxyHosts: [host({
        advanced_config:
          "location ~ \\.php$ { fastcgi_pass php-fpm:9000; }\nlocation /g { grpc_pass grpc://api:50051; }\n" +
          "location /y { proxy_pass https://api:8443; }",
      })],
      want: [
        { ...AT_HOST, place: "advanced_config", upstream: "php-fpm" },
        { ...AT_HOST, place: "advanced_config", upstream: "api" },
      ],
    },
    {
      desc:
        "proxy_pass to an IP, a variable, a unix socket, an upstream block or in a comment: fine",
      proxyHosts: [host({
        advanced_config: [
          "proxy_pass http://10.0.0.4:8080;",
          "proxy_pass http://$forward_scheme_host;",
          "proxy_pass http://unix:/run/app.sock;",
          "upstream pool { server 10.0.0.5; }",
          "proxy_pass http://pool;",
          "# proxy_pass http://oldbox:80;",
          "add_header X-Upstream backend;",
        ].join("\n"),
      })],
      want: [],
    },
    {
      desc: "proxy_pass in a location's own advanced_config",
      proxyHosts: [host({
        locations: [location("10.0.0.9", { advanced_config: "proxy_pass http://sidecar;" })],
      })],
      want: [{ ...AT_HOST, place: "advanced_config", upstream: "sidecar", path: "/api" }],
    },
    {
      desc: "a disabled host is reported, marked disabled",
      proxyHosts: [host({ enabled: false, locations: [location("backend")] })],
      want: [{ ...AT_HOST, enabled: false, place: "location", upstream: "backend", path: "/api" }],
    },
    {
      desc: "a stream forwarding to a name",
      streams: [stream("postgres")],
      want: [{
        object: "stream",
        id: 2,
        label: "port 9000",
        enabled: true,
        place: "stream",
        upstream: "postgres",
      }],
    },
    {
      desc: "a stream forwarding to an IP",
      streams: [stream("172.18.0.4")],
      want: [],
    },
    {
      desc: "rows it cannot read are skipped; odd fields are tolerated",
      proxyHosts: [
        null,
        "x",
        { domain_names: ["no-id.lan"] },
        host({ id: 7, domain_names: null, advanced_config: null, locations: [null, { path: 1 }] }),
      ],
      streams: [{ forwarding_host: "db" }],
      want: [],
    },
  ];
  for (const { desc, proxyHosts = [], streams = [], want } of cases) {
    assert.deepEqual(auditUpstreams({ proxyHosts, streams }), want, desc);
  }
});

Deno.test("upstreamName() keeps names and drops what needs no DNS", () => {
  const cases: [string, string | undefined][] = [
    ["jellyfin", "jellyfin"],
    ["Jellyfin.LAN.", "jellyfin.lan"],
    ["db:5432", "db"],
    ["web/sub/path", "web"],
    ["10.1.2.3", undefined],
    ["10.1.2.3:80", undefined],
    ["::1", undefined],
    ["[::1]:80", undefined],
    ["localhost", undefined],
    ["$host", undefined],
    ["unix:/tmp/a.sock", undefined],
    ["  ", undefined],
  ];
  for (const [input, want] of cases) assert.equal(upstreamName(input), want, input);
});

Deno.test("describeFinding() names the object, its domain and the upstream, and says what to do", () => {
  const line = describeFinding({
    ...AT_HOST,
    place: "location",
    upstream: "backend",
    path: "/api",
  });
  assert.match(
    line,
    /^proxy host #3 \(media\.home\.lan\): custom location \/api forwards to "backend"/,
  );
  assert.match(line, /use an IP address/);
  assert.match(line, /resolves inside NPM's container/);
  assert.match(line, /nginx resolves such names\s+when it starts/);
  const streamLine = describeFinding({
    object: "stream",
    id: 2,
    label: "port 9000",
    enabled: false,
    place: "stream",
    upstream: "postgres",
  });
  assert.match(
    streamLine,
    /^stream #2 \(port 9000\) forwards to "postgres" by host name \(disabled now/,
  );
  const advanced = describeFinding({ ...AT_HOST, place: "advanced_config", upstream: "jellyfin" });
  assert.match(advanced, /advanced config passes to "jellyfin"/);
});
