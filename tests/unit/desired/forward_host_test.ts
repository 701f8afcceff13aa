/** Every rule of the forward_host choice, in its order, through `desiredState()`. */
import assert from "node:assert/strict";
import { type DesiredOptions, desiredState } from "../../../lib/desired/mod.ts";
import { assertDesired, container, type ContainerSpec, network } from "./_factories.ts";

const NO_GATEWAY = { ip: "", gateway: "" };
const HOST_NET = [network("host", NO_GATEWAY)];
const CASAOS = network("casaos", { ip: "172.18.0.5" });
const PROXY = network("proxy", { ip: "172.20.0.7" });
const BRIDGE = network("bridge", { ip: "172.17.0.3" });

interface ForwardCase extends ContainerSpec {
  readonly desc: string;
  readonly options?: DesiredOptions;
  readonly host: string;
  /** The variables warned about, in order; none when absent. */
  readonly warned?: readonly string[];
}

const cases: readonly ForwardCase[] = [
  // 1. NPM_FORWARD_HOST
  {
    desc: "uses NPM_FORWARD_HOST above all",
    env: { NPM_FORWARD_HOST: "DB.lan." },
    networkMode: "host",
    networks: HOST_NET,
    host: "db.lan",
  },
  {
    desc: "accepts a container name with underscores as NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "my_app" },
    host: "my_app",
  },
  {
    desc: "accepts an IPv4 NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "192.168.1.20" },
    host: "192.168.1.20",
  },
  {
    desc: "puts a bare IPv6 NPM_FORWARD_HOST in brackets, as NPM writes it into a URL",
    env: { NPM_FORWARD_HOST: "FD00::1" },
    host: "[fd00::1]",
  },
  {
    desc: "keeps a bracketed IPv6 NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "[fd00::2]" },
    host: "[fd00::2]",
  },
  {
    desc: "converts a Unicode NPM_FORWARD_HOST to punycode",
    env: { NPM_FORWARD_HOST: "bücher.lan" },
    host: "xn--bcher-kva.lan",
  },
  {
    desc: "warns that NPM_NETWORK is ignored beside NPM_FORWARD_HOST",
    env: { NPM_FORWARD_HOST: "db", NPM_NETWORK: "casaos" },
    host: "db",
    warned: ["NPM_NETWORK"],
  },
  // 2. host network
  {
    desc: "uses HOST_ADDRESS for a host-network container",
    networkMode: "host",
    networks: HOST_NET,
    options: { hostAddress: "192.168.1.2", npm: { networks: [PROXY] } },
    host: "192.168.1.2",
  },
  {
    desc: "uses 127.0.0.1 for a host-network container when NPM is on the host network too",
    networkMode: "host",
    networks: HOST_NET,
    options: { npm: { networks: HOST_NET } },
    host: "127.0.0.1",
  },
  {
    desc: "uses the gateway of NPM's first network with one for a host-network container",
    networkMode: "host",
    networks: HOST_NET,
    options: {
      npm: { networks: [network("x", NO_GATEWAY), network("proxy", { gateway: "172.20.0.1" })] },
    },
    host: "172.20.0.1",
  },
  {
    desc: "warns that NPM_NETWORK is ignored on the host network",
    env: { NPM_NETWORK: "proxy" },
    networkMode: "host",
    networks: HOST_NET,
    options: { hostAddress: "10.0.0.2" },
    host: "10.0.0.2",
    warned: ["NPM_NETWORK"],
  },
  // 3. NPM_NETWORK
  {
    desc: "uses the IP on NPM_NETWORK",
    env: { NPM_NETWORK: "proxy" },
    networks: [CASAOS, PROXY],
    options: { npm: { networks: [CASAOS, PROXY] } },
    host: "172.20.0.7",
  },
  {
    desc: "uses the IP on NPM_NETWORK from label envoynpm.network",
    labels: { "envoynpm.network": "proxy" },
    networks: [CASAOS, PROXY],
    host: "172.20.0.7",
  },
  {
    desc: "warns when NPM is not on NPM_NETWORK",
    env: { NPM_NETWORK: "proxy" },
    networks: [CASAOS, PROXY],
    options: { npm: { networks: [CASAOS] } },
    host: "172.20.0.7",
    warned: ["NPM_NETWORK"],
  },
  {
    desc: "does not warn about NPM_NETWORK when NPM is on the host network",
    env: { NPM_NETWORK: "proxy" },
    networks: [CASAOS, PROXY],
    options: { npm: { networks: HOST_NET } },
    host: "172.20.0.7",
  },
  // 4. a network shared with NPM
  {
    desc: "uses the first network shared with NPM, in the container's order",
    networks: [BRIDGE, PROXY, CASAOS],
    options: { npm: { networks: [CASAOS, PROXY] } },
    host: "172.20.0.7",
  },
  {
    desc: "skips a shared network where the container has no IP",
    networks: [BRIDGE, network("proxy", NO_GATEWAY), CASAOS],
    options: { npm: { networks: [CASAOS, PROXY] } },
    host: "172.18.0.5",
  },
  // 5. the first network with an IP
  {
    desc: "uses the first network with an IP when NPM's place is unknown, with a warning",
    networks: [network("none", NO_GATEWAY), BRIDGE, PROXY],
    host: "172.17.0.3",
    warned: ["NPM_NETWORK"],
  },
  {
    desc: "warns when NPM shares no network with the container",
    networks: [BRIDGE, PROXY],
    options: { npm: { networks: [CASAOS] } },
    host: "172.17.0.3",
    warned: ["NPM_NETWORK"],
  },
  {
    desc: "does not warn about unshared networks when NPM is on the host network",
    networks: [BRIDGE],
    options: { npm: { networks: HOST_NET } },
    host: "172.17.0.3",
  },
];

for (const c of cases) {
  Deno.test(`desiredState() forward_host ${c.desc}`, () => {
    const state = desiredState(container(c), c.options ?? {});
    assertDesired(state);
    assert.equal(state.hosts[0].fields.forward_host, c.host);
    assert.deepEqual(state.warnings.map((w) => w.variable), c.warned ?? [], JSON.stringify(state));
  });
}

Deno.test("desiredState() says NPM is unseen when it falls back to the first network", () => {
  const state = desiredState(container({ networks: [PROXY] }), {});
  assertDesired(state);
  assert.match(state.warnings[0].reason, /NPM is not a container EnvoyNPM can see/);
  assert.match(state.warnings[0].reason, /NPM_CONTAINER/);
});

Deno.test("desiredState() says how to connect NPM when it shares no network", () => {
  const state = desiredState(container({ networks: [PROXY] }), { npm: { networks: [CASAOS] } });
  assertDesired(state);
  assert.match(state.warnings[0].reason, /docker network connect proxy/);
});

Deno.test("desiredState() names the container's networks when NPM_NETWORK is not one", () => {
  const state = desiredState(
    container({ env: { NPM_NETWORK: "lan" }, networks: [CASAOS, PROXY] }),
    {},
  );
  assert.equal(state.kind, "invalid");
  assert.match(JSON.stringify(state), /it has an IP on \\"casaos\\", \\"proxy\\"/);
});
