/**
 * Every way a managed container's settings can be wrong: each case must be
 * `invalid` with exactly one problem, naming the offending variable, with a
 * reason that shows the bad value and says how to fix it.
 */
import assert from "node:assert/strict";
import { desiredState } from "../../../lib/desired/mod.ts";
import { assertInvalid, container, type ContainerSpec, network, NPM_BESIDE } from "./_factories.ts";

interface BadCase extends ContainerSpec {
  readonly desc: string;
  /** NPM is not a container EnvoyNPM sees (else it is on the container's network). */
  readonly npmUnseen?: boolean;
  readonly variable: string;
  /** Text the reason must contain: the bad value as shown, or the word for a missing one. */
  readonly mentions: string;
  /** Text of the fix the reason must contain. */
  readonly fix: string;
}

const LONG_LABEL = "a".repeat(64);
const LONG_NAME = Array.from({ length: 4 }, () => "b".repeat(62)).join(".") + ".lan"; // 255 chars
const NAME_254 = Array.from({ length: 4 }, () => "c".repeat(62)).join(".") + ".ab"; // 253 + 1
const RANGE = "use a whole number from 1 to 65535";

const cases: readonly BadCase[] = [
  // NPM_HOST
  {
    desc: "an empty NPM_HOST",
    env: { NPM_HOST: "" },
    variable: "NPM_HOST",
    mentions: "is empty",
    fix: "e.g. app.lan",
  },
  {
    desc: "a leading space in NPM_HOST",
    env: { NPM_HOST: " app.lan" },
    variable: "NPM_HOST",
    mentions: '" app.lan"',
    fix: "remove them",
  },
  {
    desc: "a trailing space in NPM_HOST",
    env: { NPM_HOST: "app.lan " },
    variable: "NPM_HOST",
    mentions: '"app.lan "',
    fix: "remove them",
  },
  {
    desc: "a tab in NPM_HOST",
    env: { NPM_HOST: "app\tlan" },
    variable: "NPM_HOST",
    mentions: '"app\\tlan"',
    fix: "cannot hold spaces",
  },
  {
    desc: "a no-break space before NPM_HOST, shown escaped",
    env: { NPM_HOST: "\u00a0app.lan" },
    variable: "NPM_HOST",
    mentions: '"\\u00a0app.lan"',
    fix: "remove them",
  },
  {
    desc: "a space inside NPM_HOST",
    env: { NPM_HOST: "my app.lan" },
    variable: "NPM_HOST",
    mentions: '"my app.lan"',
    fix: "cannot hold spaces",
  },
  {
    desc: "an underscore in NPM_HOST",
    env: { NPM_HOST: "my_app.lan" },
    variable: "NPM_HOST",
    mentions: '"my_app.lan"',
    fix: 'use "-" instead',
  },
  {
    desc: "a scheme in NPM_HOST",
    env: { NPM_HOST: "http://x" },
    variable: "NPM_HOST",
    mentions: '"http://x"',
    fix: 'remove "http://"',
  },
  {
    desc: "an https scheme and slash in NPM_HOST",
    env: { NPM_HOST: "HTTPS://app.lan/" },
    variable: "NPM_HOST",
    mentions: '"HTTPS://app.lan/"',
    fix: "remove",
  },
  {
    desc: "a path in NPM_HOST",
    env: { NPM_HOST: "app.lan/admin" },
    variable: "NPM_HOST",
    mentions: '"app.lan/admin"',
    fix: 'remove "/admin"',
  },
  {
    desc: "a port in NPM_HOST",
    env: { NPM_HOST: "x:80" },
    variable: "NPM_HOST",
    mentions: '"x:80"',
    fix: "put the port in NPM_PORT",
  },
  {
    desc: "a 64-character label in NPM_HOST",
    env: { NPM_HOST: `${LONG_LABEL}.lan` },
    variable: "NPM_HOST",
    mentions: '"aaaaaaaaaa',
    fix: "at most 63",
  },
  {
    desc: "a 254-character NPM_HOST",
    env: { NPM_HOST: NAME_254 },
    variable: "NPM_HOST",
    mentions: "(254 characters)",
    fix: "at most 253",
  },
  {
    desc: "a 255-character NPM_HOST",
    env: { NPM_HOST: LONG_NAME },
    variable: "NPM_HOST",
    mentions: "(255 characters)",
    fix: "at most 253",
  },
  {
    desc: "two dots in a row in NPM_HOST",
    env: { NPM_HOST: "a..b" },
    variable: "NPM_HOST",
    mentions: '"a..b"',
    fix: "remove the extra dot",
  },
  {
    desc: "a leading dot in NPM_HOST",
    env: { NPM_HOST: ".app.lan" },
    variable: "NPM_HOST",
    mentions: '".app.lan"',
    fix: "remove the extra dot",
  },
  {
    desc: "two trailing dots in NPM_HOST",
    env: { NPM_HOST: "app.lan.." },
    variable: "NPM_HOST",
    mentions: '"app.lan.."',
    fix: "remove the extra dot",
  },
  {
    desc: "a label starting with a hyphen",
    env: { NPM_HOST: "-a.lan" },
    variable: "NPM_HOST",
    mentions: '"-a.lan"',
    fix: "remove the hyphen",
  },
  {
    desc: "a label ending with a hyphen",
    env: { NPM_HOST: "a-.lan" },
    variable: "NPM_HOST",
    mentions: '"a-.lan"',
    fix: "remove the hyphen",
  },
  {
    desc: "an empty entry in an NPM_HOST list",
    env: { NPM_HOST: "a.lan,,b.lan" },
    variable: "NPM_HOST",
    mentions: '"a.lan,,b.lan"',
    fix: "one comma each",
  },
  {
    desc: "a bad domain in an NPM_HOST list",
    env: { NPM_HOST: "a.lan,b..lan" },
    variable: "NPM_HOST",
    mentions: '"b..lan"',
    fix: "",
  },
  {
    desc: "a wildcard that is not the first label",
    env: { NPM_HOST: "a.*.lan" },
    variable: "NPM_HOST",
    mentions: '"a.*.lan"',
    fix: "*.example.com",
  },
  {
    desc: "a bare wildcard",
    env: { NPM_HOST: "*" },
    variable: "NPM_HOST",
    mentions: '"*"',
    fix: "*.example.com",
  },
  {
    desc: "punctuation in NPM_HOST",
    env: { NPM_HOST: "app!.lan" },
    variable: "NPM_HOST",
    mentions: '"app!.lan"',
    fix: "only letters, digits, hyphens",
  },
  {
    desc: "a port number as NPM_HOST",
    env: { NPM_HOST: "8080" },
    variable: "NPM_HOST",
    mentions: '"8080"',
    fix: "NPM_PORT",
  },
  {
    desc: "an IPv6 address as NPM_HOST",
    env: { NPM_HOST: "::1" },
    variable: "NPM_HOST",
    mentions: '"::1"',
    fix: "domain name like app.lan",
  },
  {
    desc: "Unicode that has no punycode form",
    env: { NPM_HOST: "ab\u200d.lan" },
    variable: "NPM_HOST",
    mentions: '"ab\\u200d.lan"',
    fix: "stray symbols",
  },
  {
    desc: "a soft hyphen that leaves an empty label",
    env: { NPM_HOST: "\u00ad.lan" },
    variable: "NPM_HOST",
    mentions: '"\\u00ad.lan"',
    fix: "extra dot",
  },
  // NPM_PORT
  {
    desc: "a missing NPM_PORT",
    env: { NPM_PORT: undefined },
    variable: "NPM_PORT",
    mentions: "is not set",
    fix: "e.g. 8080",
  },
  {
    desc: "an empty NPM_PORT",
    env: { NPM_PORT: "" },
    variable: "NPM_PORT",
    mentions: "is empty",
    fix: "e.g. 8080",
  },
  { desc: "port 0", env: { NPM_PORT: "0" }, variable: "NPM_PORT", mentions: '"0"', fix: RANGE },
  {
    desc: "port 65536",
    env: { NPM_PORT: "65536" },
    variable: "NPM_PORT",
    mentions: '"65536"',
    fix: RANGE,
  },
  {
    desc: "a negative port",
    env: { NPM_PORT: "-1" },
    variable: "NPM_PORT",
    mentions: '"-1"',
    fix: RANGE,
  },
  {
    desc: "a port with a letter",
    env: { NPM_PORT: "80a" },
    variable: "NPM_PORT",
    mentions: '"80a"',
    fix: RANGE,
  },
  {
    desc: "a port with a leading space",
    env: { NPM_PORT: " 80" },
    variable: "NPM_PORT",
    mentions: '" 80"',
    fix: "remove them",
  },
  {
    desc: "a decimal port",
    env: { NPM_PORT: "8.0" },
    variable: "NPM_PORT",
    mentions: '"8.0"',
    fix: RANGE,
  },
  {
    desc: "a port in exponent notation",
    env: { NPM_PORT: "1e3" },
    variable: "NPM_PORT",
    mentions: '"1e3"',
    fix: RANGE,
  },
  {
    desc: "a hexadecimal port",
    env: { NPM_PORT: "0x50" },
    variable: "NPM_PORT",
    mentions: '"0x50"',
    fix: RANGE,
  },
  {
    desc: "a port in full-width digits",
    env: { NPM_PORT: "８０" },
    variable: "NPM_PORT",
    mentions: '"８０"',
    fix: RANGE,
  },
  {
    desc: "a huge port",
    env: { NPM_PORT: "99999999999999999999999" },
    variable: "NPM_PORT",
    mentions: '"99999999999999999999999"',
    fix: RANGE,
  },
  // switches
  {
    desc: "NPM_SSL=maybe",
    env: { NPM_SSL: "maybe" },
    variable: "NPM_SSL",
    mentions: '"maybe"',
    fix: "use true or false",
  },
  {
    desc: "NPM_ENABLE_WS=2",
    env: { NPM_ENABLE_WS: "2" },
    variable: "NPM_ENABLE_WS",
    mentions: '"2"',
    fix: "use true or false",
  },
  {
    desc: "an empty NPM_ENABLE_HSTS",
    env: { NPM_ENABLE_HSTS: "" },
    variable: "NPM_ENABLE_HSTS",
    mentions: "is empty",
    fix: "use true or false",
  },
  {
    desc: "a switch with a space",
    env: { NPM_ENABLE_WS: "true " },
    variable: "NPM_ENABLE_WS",
    mentions: '"true "',
    fix: "remove them",
  },
  // NPM_FORWARD_SCHEME
  {
    desc: "an unknown forward scheme",
    env: { NPM_FORWARD_SCHEME: "ftp" },
    variable: "NPM_FORWARD_SCHEME",
    mentions: '"ftp"',
    fix: "use http or https",
  },
  {
    desc: "a forward scheme with its colon",
    env: { NPM_FORWARD_SCHEME: "https://" },
    variable: "NPM_FORWARD_SCHEME",
    mentions: '"https://"',
    fix: "use http or https",
  },
  {
    desc: "an empty forward scheme",
    env: { NPM_FORWARD_SCHEME: "" },
    variable: "NPM_FORWARD_SCHEME",
    mentions: "is empty",
    fix: "use http or https",
  },
  // NPM_ADVANCED_CONFIG
  {
    desc: "a NUL in NPM_ADVANCED_CONFIG",
    env: { NPM_ADVANCED_CONFIG: "a\0b" },
    variable: "NPM_ADVANCED_CONFIG",
    mentions: '"a\\u0000b"',
    fix: "U+0000 at position 2: remove it",
  },
  {
    desc: "an escape character in NPM_ADVANCED_CONFIG",
    env: { NPM_ADVANCED_CONFIG: "x\x1b[0m" },
    variable: "NPM_ADVANCED_CONFIG",
    mentions: '"x\\u001b[0m"',
    fix: "U+001B",
  },
  {
    desc: "a DEL in NPM_ADVANCED_CONFIG",
    env: { NPM_ADVANCED_CONFIG: "x\x7f" },
    variable: "NPM_ADVANCED_CONFIG",
    mentions: '"x\\u007f"',
    fix: "U+007F",
  },
  {
    desc: "a lone surrogate in NPM_ADVANCED_CONFIG",
    env: { NPM_ADVANCED_CONFIG: "x\ud800" },
    variable: "NPM_ADVANCED_CONFIG",
    mentions: '"x\\ud800"',
    fix: "retype",
  },
  {
    desc: "an NPM_ADVANCED_CONFIG over 64 KiB",
    env: { NPM_ADVANCED_CONFIG: "#".repeat(65537) },
    variable: "NPM_ADVANCED_CONFIG",
    mentions: "(65537 characters)",
    fix: "within 64 KiB",
  },
  {
    desc: "an NPM_ADVANCED_CONFIG over 64 KiB in UTF-8 only",
    env: { NPM_ADVANCED_CONFIG: "é".repeat(40000) },
    variable: "NPM_ADVANCED_CONFIG",
    mentions: "80000 bytes",
    fix: "within 64 KiB",
  },
  // NPM_FORWARD_HOST
  {
    desc: "an empty NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "" },
    variable: "NPM_FORWARD_HOST",
    mentions: "is empty",
    fix: "or remove it",
  },
  {
    desc: "a scheme in NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "https://db" },
    variable: "NPM_FORWARD_HOST",
    mentions: '"https://db"',
    fix: "NPM_FORWARD_SCHEME=https",
  },
  {
    desc: "a port in NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "db:5432" },
    variable: "NPM_FORWARD_HOST",
    mentions: '"db:5432"',
    fix: "put the port in NPM_PORT",
  },
  {
    desc: "a bad IPv4 in NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "999.1.1.1" },
    variable: "NPM_FORWARD_HOST",
    mentions: '"999.1.1.1"',
    fix: "four numbers from 0 to 255",
  },
  {
    desc: "a short IPv4 in NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "10.0.1" },
    variable: "NPM_FORWARD_HOST",
    mentions: '"10.0.1"',
    fix: "four numbers",
  },
  {
    desc: "a wildcard in NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "*.lan" },
    variable: "NPM_FORWARD_HOST",
    mentions: '"*.lan"',
    fix: "cannot be a wildcard",
  },
  {
    desc: "a space in NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "my db" },
    variable: "NPM_FORWARD_HOST",
    mentions: '"my db"',
    fix: "cannot hold spaces",
  },
  // NPM_NETWORK and addresses
  {
    desc: "NPM_NETWORK naming a network the container is not on",
    env: { NPM_NETWORK: "proxy" },
    variable: "NPM_NETWORK",
    mentions: '"proxy"',
    fix: 'it has an IP on "casaos"',
  },
  {
    desc: "NPM_NETWORK naming a network where the container has no IP",
    env: { NPM_NETWORK: "proxy" },
    networks: [network("casaos"), network("proxy", { ip: "" })],
    variable: "NPM_NETWORK",
    mentions: '"proxy"',
    fix: "gives this container no IP",
  },
  {
    desc: "an empty NPM_NETWORK",
    env: { NPM_NETWORK: "" },
    variable: "NPM_NETWORK",
    mentions: "is empty",
    fix: "or remove it",
  },
  {
    desc: "a host-network container without any address",
    npmUnseen: true,
    networkMode: "host",
    networks: [network("host", { ip: "", gateway: "" })],
    variable: "NPM_FORWARD_HOST",
    mentions: "host network",
    fix: "set HOST_ADDRESS for EnvoyNPM, or set NPM_FORWARD_HOST",
  },
  {
    desc: "a container on the none network",
    networkMode: "none",
    networks: [network("none", { ip: "", gateway: "" })],
    variable: "NPM_FORWARD_HOST",
    mentions: '"none"',
    fix: "set NPM_FORWARD_HOST",
  },
  {
    desc: "a container sharing another container's network",
    networkMode: "container:abc123",
    networks: [],
    variable: "NPM_FORWARD_HOST",
    mentions: "container:abc123",
    fix: "set NPM_FORWARD_HOST to the address of that container",
  },
  // labels are read like env vars, and their messages say where the value was found
  {
    desc: "a bad port in label envoynpm.port",
    env: { NPM_PORT: undefined },
    labels: { "envoynpm.port": "80a" },
    variable: "NPM_PORT",
    mentions: 'Label envoynpm.port "80a"',
    fix: RANGE,
  },
  {
    desc: "a bad switch in label NPM_ENABLE_WS",
    labels: { NPM_ENABLE_WS: "maybe" },
    variable: "NPM_ENABLE_WS",
    mentions: 'Label NPM_ENABLE_WS "maybe"',
    fix: "use true or false",
  },
  {
    desc: "an empty NPM_HOST env var over a good label",
    env: { NPM_HOST: "" },
    labels: { "envoynpm.host": "app.lan" },
    variable: "NPM_HOST",
    mentions: "NPM_HOST is empty",
    fix: "e.g. app.lan",
  },
];

for (const c of cases) {
  Deno.test(`desiredState() refuses ${c.desc}`, () => {
    const state = desiredState(container(c), c.npmUnseen ? {} : NPM_BESIDE);
    assertInvalid(state);
    assert.deepEqual(state.problems.map((p) => p.variable), [c.variable], JSON.stringify(state));
    const [{ reason }] = state.problems;
    assert.ok(reason.includes(c.mentions), `${reason}\n  should mention ${c.mentions}`);
    assert.ok(reason.includes(c.fix), `${reason}\n  should say ${c.fix}`);
    assert.match(reason, /^[A-Z]/, "a reason is a sentence");
  });
}

Deno.test("desiredState() collects every problem of a container, in setting order", () => {
  const state = desiredState(
    container({
      env: {
        NPM_HOST: "http://x",
        NPM_PORT: "80a",
        NPM_FORWARD_SCHEME: "ftp",
        NPM_NETWORK: "nope",
        NPM_SSL: "maybe",
        NPM_ENABLE_WS: "2",
        NPM_ENABLE_HSTS: "",
        NPM_ADVANCED_CONFIG: "\0",
      },
    }),
    {},
  );
  assertInvalid(state);
  assert.deepEqual(state.problems.map((p) => p.variable), [
    "NPM_HOST",
    "NPM_PORT",
    "NPM_FORWARD_SCHEME",
    "NPM_NETWORK",
    "NPM_SSL",
    "NPM_ENABLE_HSTS",
    "NPM_ENABLE_WS",
    "NPM_ADVANCED_CONFIG",
  ]);
});

Deno.test("desiredState() shows a long bad value cut short, with its length", () => {
  const state = desiredState(container({ env: { NPM_HOST: LONG_NAME } }), NPM_BESIDE);
  assertInvalid(state);
  assert.ok(state.problems[0].reason.length < 200, state.problems[0].reason);
});
