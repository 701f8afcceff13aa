import assert from "node:assert/strict";
import type { Container } from "../../../lib/model/mod.ts";
import type {
  ContainerInspectJson,
  ContainerListItemJson,
  EventJson,
} from "../../../lib/docker/schemas.ts";
import {
  envToMap,
  toContainer,
  toContainerEvent,
  toContainerSummary,
} from "../../../lib/docker/to_container.ts";

const ID = "a".repeat(64);

type Networks = ContainerInspectJson["NetworkSettings"]["Networks"];

/** A running container's inspect JSON on the default bridge; `change` edits it. */
function inspectJson(
  change: (json: ContainerInspectJson) => void = () => {},
): ContainerInspectJson {
  const json: ContainerInspectJson = {
    Id: ID,
    Name: "/web",
    Config: { Image: "nginx:1.27", Env: ["NPM_HOST=web.lan"], Labels: { tier: "front" } },
    State: { Running: true },
    HostConfig: { NetworkMode: "bridge" },
    NetworkSettings: {
      Networks: { bridge: { IPAddress: "172.17.0.2", Gateway: "172.17.0.1" } },
    },
  };
  change(json);
  return json;
}

function withNetworks(networks: Networks) {
  return (json: ContainerInspectJson) => {
    json.NetworkSettings.Networks = networks;
  };
}

const base: Container = {
  id: ID,
  name: "web",
  image: "nginx:1.27",
  running: true,
  env: { NPM_HOST: "web.lan" },
  labels: { tier: "front" },
  networkMode: "bridge",
  networks: [{ name: "bridge", ip: "172.17.0.2", gateway: "172.17.0.1" }],
};

const cases: { desc: string; json: ContainerInspectJson; want: Partial<Container> }[] = [
  { desc: "a running container on the bridge", json: inspectJson(), want: {} },
  {
    desc: "a stopped container with no networks",
    json: inspectJson((j) => {
      j.State.Running = false;
      j.NetworkSettings.Networks = {};
    }),
    want: { running: false, networks: [] },
  },
  {
    desc: "null networks",
    json: inspectJson(withNetworks(null)),
    want: { networks: [] },
  },
  {
    desc: "host network mode with an empty address",
    json: inspectJson((j) => {
      j.HostConfig.NetworkMode = "host";
      j.NetworkSettings.Networks = { host: { IPAddress: "", Gateway: "" } };
    }),
    want: { networkMode: "host", networks: [{ name: "host", ip: "", gateway: "" }] },
  },
  {
    desc: "several networks in the engine's order, missing fields empty",
    json: inspectJson(withNetworks({
      casaos: { IPAddress: "10.0.0.5", Gateway: "10.0.0.1" },
      bridge: { IPAddress: "172.17.0.2", Gateway: "172.17.0.1" },
      other: {},
    })),
    want: {
      networks: [
        { name: "casaos", ip: "10.0.0.5", gateway: "10.0.0.1" },
        { name: "bridge", ip: "172.17.0.2", gateway: "172.17.0.1" },
        { name: "other", ip: "", gateway: "" },
      ],
    },
  },
  {
    desc: "null labels and null env",
    json: inspectJson((j) => {
      j.Config.Labels = null;
      j.Config.Env = null;
    }),
    want: { labels: {}, env: {} },
  },
  {
    desc: "a name without a leading slash and a missing network mode",
    json: inspectJson((j) => {
      j.Name = "plain";
      j.HostConfig.NetworkMode = undefined;
    }),
    want: { name: "plain", networkMode: "" },
  },
  ...(["starting", "healthy", "unhealthy"] as const).map((health) => ({
    desc: `a ${health} healthcheck`,
    json: inspectJson((j) => {
      j.State.Health = { Status: health };
    }),
    want: { health },
  })),
  {
    desc: "a healthcheck turned off (none) as no healthcheck",
    json: inspectJson((j) => {
      j.State.Health = { Status: "none" };
    }),
    want: {},
  },
];

for (const { desc, json, want } of cases) {
  Deno.test(`toContainer() converts ${desc}`, () => {
    assert.deepEqual(toContainer(json), { ...base, ...want });
  });
}

const envCases: { desc: string; env: string[]; want: Record<string, string> }[] = [
  { desc: "plain pairs", env: ["A=1", "B=2"], want: { A: "1", B: "2" } },
  { desc: "a value holding =", env: ["URL=a=b=c"], want: { URL: "a=b=c" } },
  { desc: "an empty value", env: ["EMPTY="], want: { EMPTY: "" } },
  { desc: "a bare key (ignored)", env: ["BARE", "A=1"], want: { A: "1" } },
  { desc: "an empty key (ignored)", env: ["=x"], want: {} },
  { desc: "a repeated key (the last wins)", env: ["A=1", "A=2"], want: { A: "2" } },
  { desc: "a key named __proto__", env: ["__proto__=x"], want: JSON.parse('{"__proto__":"x"}') },
];

for (const { desc, env, want } of envCases) {
  Deno.test(`envToMap() reads ${desc}`, () => {
    assert.deepEqual(envToMap(env), want);
  });
}

function eventJson(change: (json: EventJson) => void = () => {}): EventJson {
  const json: EventJson = {
    Type: "container",
    Action: "start",
    Actor: { ID, Attributes: { name: "web", image: "nginx:1.27" } },
    timeNano: 1_700_000_000_123_456_000,
  };
  change(json);
  return json;
}

Deno.test("toContainerEvent() takes the id, action, name, image and time", () => {
  assert.deepEqual(toContainerEvent(eventJson()), {
    id: ID,
    action: "start",
    name: "web",
    image: "nginx:1.27",
    timeNano: 1_700_000_000_123_456_000,
  });
});

Deno.test("toContainerEvent() leaves out a missing name", () => {
  const event = toContainerEvent(eventJson((j) => {
    j.Action = "health_status: healthy";
    j.Actor.Attributes = null;
  }));
  assert.deepEqual(event, {
    id: ID,
    action: "health_status: healthy",
    timeNano: 1_700_000_000_123_456_000,
  });
  assert.equal("name" in event, false);
});

const NETWORK_ID = "b".repeat(64);

/** A network event of `action` on network `front`; `attributes` replace the default ones. */
function networkEventJson(action: string, attributes?: Record<string, string> | null): EventJson {
  return {
    Type: "network",
    Action: action,
    Actor: {
      ID: NETWORK_ID,
      Attributes: attributes === undefined
        ? { container: ID, name: "front", type: "bridge" }
        : attributes,
    },
    timeNano: 1_700_000_000_123_456_000,
  };
}

const networkCases: { desc: string; event: EventJson; want: object | undefined }[] = [
  {
    desc: "a network connect into network_connect of the container, without the network's name",
    event: networkEventJson("connect"),
    want: { id: ID, action: "network_connect", timeNano: 1_700_000_000_123_456_000 },
  },
  {
    desc: "a network disconnect into network_disconnect of the container",
    event: networkEventJson("disconnect"),
    want: { id: ID, action: "network_disconnect", timeNano: 1_700_000_000_123_456_000 },
  },
  {
    desc: "a Podman network connect (the container in Actor.ID) into network_connect",
    event: {
      ...networkEventJson("connect", { name: "web", podId: "", containerExitCode: "0" }),
      Actor: { ID, Attributes: { name: "web", podId: "", containerExitCode: "0" } },
    },
    want: { id: ID, action: "network_connect", timeNano: 1_700_000_000_123_456_000 },
  },
  {
    desc: "a network create into nothing",
    event: networkEventJson("create", { name: "front" }),
    want: undefined,
  },
  { desc: "a network destroy into nothing", event: networkEventJson("destroy"), want: undefined },
  { desc: "a network remove into nothing", event: networkEventJson("remove"), want: undefined },
  {
    desc: "a network connect without a container into nothing",
    event: networkEventJson("connect", { name: "front" }),
    want: undefined,
  },
  {
    desc: "a network connect with an empty container into nothing",
    event: networkEventJson("connect", { container: "" }),
    want: undefined,
  },
  {
    desc: "a network connect without attributes into nothing",
    event: networkEventJson("connect", null),
    want: undefined,
  },
  {
    desc: "a network action named like an Object property into nothing",
    event: networkEventJson("constructor"),
    want: undefined,
  },
];

for (const { desc, event, want } of networkCases) {
  Deno.test(`toContainerEvent() turns ${desc}`, () => {
    assert.deepEqual(toContainerEvent(event), want);
  });
}

Deno.test("toContainerEvent() keeps a container event named like a network action as it is", () => {
  assert.deepEqual(toContainerEvent(eventJson((j) => j.Action = "connect"))?.action, "connect");
});

const summaryCases: { desc: string; item: ContainerListItemJson; want: object }[] = [
  {
    desc: "a running container",
    item: { Id: ID, Names: ["/web"], Image: "nginx", State: "running" },
    want: { id: ID, name: "web", image: "nginx", running: true },
  },
  {
    desc: "an exited container with no names",
    item: { Id: ID, Names: null, Image: "nginx", State: "exited" },
    want: { id: ID, name: "", image: "nginx", running: false },
  },
];

for (const { desc, item, want } of summaryCases) {
  Deno.test(`toContainerSummary() converts ${desc}`, () => {
    assert.deepEqual(toContainerSummary(item), want);
  });
}

Deno.test("toContainerEvent() gives Podman's remove and died Docker's names", () => {
  const action = (name: string) => toContainerEvent(eventJson((e) => e.Action = name))?.action;
  assert.equal(action("remove"), "destroy");
  assert.equal(action("died"), "die");
  for (const kept of ["init", "cleanup", "die", "destroy", "constructor", "toString"]) {
    assert.equal(action(kept), kept);
  }
});

Deno.test("toContainerEvent() turns Podman's early restart into restarting, Docker's kept", () => {
  const podman = eventJson((e) => {
    e.Action = "restart";
    e.Actor.Attributes = { name: "web", podId: "", containerExitCode: "0" };
  });
  assert.equal(toContainerEvent(podman)?.action, "restarting");
  assert.equal(toContainerEvent(eventJson((e) => e.Action = "restart"))?.action, "restart");
});

Deno.test("toContainerEvent() gives Podman's health_status its verdict, as Docker's has", () => {
  const podman = eventJson((e) => {
    e.Action = "health_status";
    e.Actor.Attributes = { name: "web", health_status: "unhealthy" };
  });
  assert.equal(toContainerEvent(podman)?.action, "health_status: unhealthy");
  const docker = eventJson((e) => e.Action = "health_status: healthy");
  assert.equal(toContainerEvent(docker)?.action, "health_status: healthy");
});
