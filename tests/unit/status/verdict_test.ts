import assert from "node:assert/strict";
import type { ContainerSkip, ContainerView, HostView } from "../../../lib/controller/reports.ts";
import type { ManagedHostView } from "../../../lib/status/types.ts";
import { verdictOf } from "../../../lib/status/verdict.ts";

const HOST: HostView = {
  site: "",
  domain: "app.lan",
  domains: ["app.lan"],
  forward: "http://172.18.0.5:8080",
};

const VIEW: ContainerView = {
  id: "web1",
  name: "web",
  running: true,
  state: "desired",
  problems: [],
  hosts: [HOST],
};

function host(overrides: Partial<ManagedHostView> = {}): ManagedHostView {
  return {
    id: 4,
    domain: "app.lan",
    enabled: true,
    forward: "http://172.18.0.5:8080",
    containerId: "web1",
    nginxOnline: true,
    ...overrides,
  };
}

const HAND_MADE: ContainerSkip = {
  domain: "app.lan",
  reason: "foreign_host",
  hostId: 9,
  since: "2025-01-01T00:00:00.000Z",
};

const cases: {
  desc: string;
  view?: Partial<ContainerView>;
  hosts?: ManagedHostView[];
  expect: [string, string];
}[] = [
  {
    desc: "a running container with its enabled host is published",
    hosts: [host()],
    expect: ["published", "Published as host #4"],
  },
  {
    desc: "a host nginx refused is offline",
    hosts: [host({ nginxOnline: false })],
    expect: ["offline", "Published as host #4, but nginx refused its configuration"],
  },
  {
    desc: "a domain held by a hand-made host is skipped, naming the host",
    view: { hosts: [{ ...HOST, skip: HAND_MADE }] },
    expect: ["skipped", "Skipped: app.lan is held by hand-made host #9"],
  },
  {
    desc: "a domain held by another container is skipped, naming it",
    view: {
      hosts: [{
        ...HOST,
        skip: {
          ...HAND_MADE,
          reason: "domain_conflict",
          hostId: 4,
          holderContainerId: "blog1",
          holderName: "blog",
        },
      }],
    },
    expect: ["skipped", "Skipped: container blog holds app.lan"],
  },
  {
    desc: "a stopped container with its disabled host is stopped, not invalid",
    view: { running: false, state: "stopped" },
    hosts: [host({ enabled: false })],
    expect: ["stopped", "Disabled host #4 while it is stopped"],
  },
  {
    desc: "a stopped container whose host waits for a restart says so",
    view: { running: false, state: "stopped" },
    hosts: [host()],
    expect: ["stopped", "Stopped; host #4 is still enabled for now"],
  },
  {
    desc: "invalid settings write nothing",
    view: { state: "invalid" },
    expect: ["invalid", "Nothing written: its settings are invalid"],
  },
  {
    desc: "a container without NPM_HOST is unmanaged",
    view: { state: "unmanaged" },
    expect: ["unmanaged", "Nothing: it has no NPM_HOST"],
  },
  {
    desc: "a running container without a host yet is pending",
    hosts: [host({ containerId: "other" })],
    expect: ["pending", "Not published yet"],
  },
  {
    desc: "a starting container waits for its healthcheck",
    view: { health: { status: "starting", followed: true } },
    expect: ["pending", "Waiting for its healthcheck: not published yet"],
  },
  {
    desc: "an unhealthy container with a disabled host",
    view: { health: { status: "unhealthy", followed: true } },
    hosts: [host({ enabled: false })],
    expect: [
      "pending",
      "Unhealthy (its stop action applies after STOP_GRACE): host #4 is disabled",
    ],
  },
  {
    desc: "an ignored healthcheck changes nothing",
    view: { health: { status: "unhealthy", followed: false } },
    hosts: [host()],
    expect: ["published", "Published as host #4"],
  },
  {
    desc: "a stopped container in maintenance",
    view: { state: "stopped", running: false, stopAction: "maintenance" },
    hosts: [host()],
    expect: ["stopped", "Stopped; host #4 shows the maintenance page"],
  },
];

for (const c of cases) {
  Deno.test(`verdictOf() says ${c.desc}`, () => {
    const verdict = verdictOf({ ...VIEW, ...c.view }, { hosts: c.hosts ?? [] });
    assert.deepEqual([verdict.status, verdict.did], c.expect);
  });
}
