/** What valid settings become: normalizations, defaults, warnings, and where settings are read from. */
import assert from "node:assert/strict";
import { desiredState } from "../../../lib/desired/mod.ts";
import type { HostFields } from "../../../lib/model/mod.ts";
import { assertDesired, container, type ContainerSpec, NPM_BESIDE } from "./_factories.ts";

Deno.test("desiredState() leaves a container without NPM_HOST unmanaged", () => {
  const state = desiredState(
    container({ env: { NPM_HOST: undefined, NPM_PORT: "80a" } }),
    NPM_BESIDE,
  );
  assert.deepEqual(state, { kind: "unmanaged" });
});

Deno.test("desiredState() builds the host from NPM_HOST and NPM_PORT with defaults", () => {
  const c = container();
  const state = desiredState(c, NPM_BESIDE);
  assert.deepEqual(state, {
    kind: "desired",
    hosts: [{
      containerId: c.id,
      containerName: "web",
      site: "",
      domain: "app.lan",
      fields: {
        domain_names: ["app.lan"],
        forward_scheme: "http",
        forward_host: "172.18.0.5",
        forward_port: 8080,
        allow_websocket_upgrade: false,
        advanced_config: "",
        certificate_id: 0,
        ssl_forced: false,
        http2_support: false,
        hsts_enabled: false,
        hsts_subdomains: false,
        access_list_id: 0,
        block_exploits: false,
        caching_enabled: false,
        trust_forwarded_proto: false,
        locations: [],
      },
    }],
    warnings: [],
  });
});

interface ValidCase extends ContainerSpec {
  readonly desc: string;
  readonly fields: Partial<HostFields>;
  /** The variables warned about, in order; none when absent. */
  readonly warned?: readonly string[];
}

const cases: readonly ValidCase[] = [
  {
    desc: "lower-cases NPM_HOST",
    env: { NPM_HOST: "App.LAN" },
    fields: { domain_names: ["app.lan"] },
  },
  {
    desc: "drops one trailing dot of NPM_HOST",
    env: { NPM_HOST: "app.lan." },
    fields: { domain_names: ["app.lan"] },
  },
  {
    desc: "accepts a wildcard first label",
    env: { NPM_HOST: "*.app.lan" },
    fields: { domain_names: ["*.app.lan"] },
  },
  {
    desc: "accepts a single-label name",
    env: { NPM_HOST: "nas" },
    fields: { domain_names: ["nas"] },
  },
  {
    desc: "accepts 63-character labels",
    env: { NPM_HOST: `${"a".repeat(63)}.lan` },
    fields: { domain_names: [`${"a".repeat(63)}.lan`] },
  },
  {
    desc: "accepts an IPv4 address as NPM_HOST",
    env: { NPM_HOST: "192.168.1.10" },
    fields: { domain_names: ["192.168.1.10"] },
  },
  {
    desc: "converts Unicode NPM_HOST to punycode, with a note",
    env: { NPM_HOST: "Bücher.lan" },
    fields: { domain_names: ["xn--bcher-kva.lan"] },
    warned: ["NPM_HOST"],
  },
  {
    desc: "maps full-width NPM_HOST to ASCII, with a note",
    env: { NPM_HOST: "ａｐｐ．ｌａｎ．" },
    fields: { domain_names: ["app.lan"] },
    warned: ["NPM_HOST"],
  },
  { desc: "accepts port 1", env: { NPM_PORT: "1" }, fields: { forward_port: 1 } },
  { desc: "accepts port 65535", env: { NPM_PORT: "65535" }, fields: { forward_port: 65535 } },
  {
    desc: "accepts leading zeros in NPM_PORT",
    env: { NPM_PORT: "0080" },
    fields: { forward_port: 80 },
  },
  {
    desc: "reads NPM_FORWARD_SCHEME in any case",
    env: { NPM_FORWARD_SCHEME: "HTTPS" },
    fields: { forward_scheme: "https" },
  },
  {
    desc: "reads NPM_ENABLE_WS=TRUE",
    env: { NPM_ENABLE_WS: "TRUE" },
    fields: { allow_websocket_upgrade: true },
  },
  {
    desc: "reads NPM_ENABLE_WS=1",
    env: { NPM_ENABLE_WS: "1" },
    fields: { allow_websocket_upgrade: true },
  },
  {
    desc: "reads NPM_ENABLE_WS=Yes",
    env: { NPM_ENABLE_WS: "Yes" },
    fields: { allow_websocket_upgrade: true },
  },
  {
    desc: "reads NPM_ENABLE_WS=on",
    env: { NPM_ENABLE_WS: "on" },
    fields: { allow_websocket_upgrade: true },
  },
  {
    desc: "reads NPM_ENABLE_WS=Off",
    env: { NPM_ENABLE_WS: "Off" },
    fields: { allow_websocket_upgrade: false },
  },
  {
    desc: "reads NPM_ENABLE_WS=no",
    env: { NPM_ENABLE_WS: "no" },
    fields: { allow_websocket_upgrade: false },
  },
  {
    desc: "reads NPM_ENABLE_WS=0",
    env: { NPM_ENABLE_WS: "0" },
    fields: { allow_websocket_upgrade: false },
  },
  {
    desc: "reads NPM_ENABLE_HSTS=true, and leaves HSTS off with a note (it needs a certificate)",
    env: { NPM_ENABLE_HSTS: "true" },
    fields: { hsts_enabled: false },
    warned: ["NPM_ENABLE_HSTS"],
  },
  {
    desc: "keeps the fields of NPM_SSL=true plain: the plan adds the certificate",
    env: { NPM_SSL: "true" },
    fields: {},
  },
  { desc: "says nothing about NPM_SSL=false", env: { NPM_SSL: "false" }, fields: {} },
  {
    desc: "turns a literal \\n of a one-line NPM_ADVANCED_CONFIG into a newline",
    env: { NPM_ADVANCED_CONFIG: "client_max_body_size 0;\\nproxy_buffering off;" },
    fields: { advanced_config: "client_max_body_size 0;\nproxy_buffering off;" },
  },
  {
    desc: "keeps an escaped \\\\n of a one-line NPM_ADVANCED_CONFIG as a literal \\n",
    env: { NPM_ADVANCED_CONFIG: 'return 200 "a\\\\nb";' },
    fields: { advanced_config: 'return 200 "a\\nb";' },
  },
  {
    desc: "keeps a multi-line NPM_ADVANCED_CONFIG as written, \\n and all",
    env: { NPM_ADVANCED_CONFIG: 'a;\nreturn 200 "x\\ny";\r\n\tb;' },
    fields: { advanced_config: 'a;\nreturn 200 "x\\ny";\r\n\tb;' },
  },
  {
    desc: "keeps other backslashes of NPM_ADVANCED_CONFIG",
    env: { NPM_ADVANCED_CONFIG: "location ~ \\.php$ { deny all; }" },
    fields: { advanced_config: "location ~ \\.php$ { deny all; }" },
  },
  {
    desc: "accepts an NPM_ADVANCED_CONFIG of exactly 64 KiB",
    env: { NPM_ADVANCED_CONFIG: "#".repeat(65536) },
    fields: { advanced_config: "#".repeat(65536) },
  },
  {
    desc: "accepts an empty NPM_ADVANCED_CONFIG",
    env: { NPM_ADVANCED_CONFIG: "" },
    fields: { advanced_config: "" },
  },
  {
    desc: "warns about an envoynpm.* label that is no setting",
    labels: { "envoynpm.prot": "80" },
    fields: {},
    warned: ["envoynpm.prot"],
  },
  {
    desc: "ignores NPM_* env vars of other programs",
    env: { NPM_CONFIG_LOGLEVEL: "info" },
    fields: {},
  },
];

for (const c of cases) {
  Deno.test(`desiredState() ${c.desc}`, () => {
    const state = desiredState(container(c), NPM_BESIDE);
    assertDesired(state);
    const expected = { ...state.hosts[0].fields, ...c.fields };
    assert.deepEqual(state.hosts[0].fields, expected);
    assert.equal(state.hosts[0].domain, state.hosts[0].fields.domain_names[0]);
    assert.deepEqual(state.warnings.map((w) => w.variable), c.warned ?? []);
  });
}

Deno.test("desiredState() names the punycode form in its note", () => {
  const state = desiredState(container({ env: { NPM_HOST: "bücher.lan" } }), NPM_BESIDE);
  assertDesired(state);
  assert.match(state.warnings[0].reason, /"bücher\.lan" was converted .*"xn--bcher-kva\.lan"/);
});

const precedence: readonly (ContainerSpec & { desc: string; port: number })[] = [
  {
    desc: "the env var over both labels",
    env: { NPM_PORT: "1" },
    labels: { NPM_PORT: "2", "envoynpm.port": "3" },
    port: 1,
  },
  {
    desc: "label NPM_X over label envoynpm.x",
    env: { NPM_PORT: undefined },
    labels: { NPM_PORT: "2", "envoynpm.port": "3" },
    port: 2,
  },
  {
    desc: "label envoynpm.x alone",
    env: { NPM_PORT: undefined },
    labels: { "envoynpm.port": "3" },
    port: 3,
  },
];

for (const c of precedence) {
  Deno.test(`desiredState() reads NPM_PORT from ${c.desc}`, () => {
    const state = desiredState(container(c), NPM_BESIDE);
    assertDesired(state);
    assert.equal(state.hosts[0].fields.forward_port, c.port);
  });
}

Deno.test("desiredState() manages a container whose only setting is labels", () => {
  const state = desiredState(
    container({
      env: { NPM_HOST: undefined, NPM_PORT: undefined },
      labels: { "envoynpm.host": "app.lan", "envoynpm.port": "8080", "envoynpm.enable_ws": "yes" },
    }),
    NPM_BESIDE,
  );
  assertDesired(state);
  assert.equal(state.hosts[0].domain, "app.lan");
  assert.equal(state.hosts[0].fields.allow_websocket_upgrade, true);
});

Deno.test("desiredState() lets a good env var win over a bad label", () => {
  const state = desiredState(
    container({ labels: { "envoynpm.port": "80a", NPM_HOST: "x:80" } }),
    NPM_BESIDE,
  );
  assertDesired(state);
  assert.equal(state.hosts[0].fields.forward_port, 8080);
});

Deno.test("desiredState() does not read env vars in other cases", () => {
  const state = desiredState(
    container({ env: { NPM_HOST: undefined, npm_host: "app.lan" } }),
    NPM_BESIDE,
  );
  assert.deepEqual(state, { kind: "unmanaged" });
});
