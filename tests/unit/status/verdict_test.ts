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

const BLOG_HOST: HostView = { ...HOST, site: "1", domain: "blog.lan", domains: ["blog.lan"] };

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
  /** Each host's verdict, when the case is about several. */
  perHost?: [string, string][];
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
  {
    desc: "a container with a published host and a skipped one is skipped, saying both",
    view: { hosts: [HOST, { ...BLOG_HOST, skip: { ...HAND_MADE, domain: "blog.lan" } }] },
    hosts: [host()],
    expect: ["skipped", "Published as host #4; Skipped: blog.lan is held by hand-made host #9"],
    perHost: [
      ["published", "Published as host #4"],
      ["skipped", "Skipped: blog.lan is held by hand-made host #9"],
    ],
  },
  {
    desc: "each host has NPM's host of its first domain, or none yet",
    view: { hosts: [{ ...HOST, domains: ["app.lan", "www.app.lan"] }, BLOG_HOST] },
    hosts: [host({ domain: "www.app.lan", id: 8 }), host()],
    expect: ["pending", "Published as host #4; Not published yet"],
    perHost: [["published", "Published as host #4"], ["pending", "Not published yet"]],
  },
  {
    desc: "a stopped container lists all its disabled hosts",
    view: { running: false, state: "stopped", hosts: undefined },
    hosts: [host({ id: 3, enabled: false }), host({ domain: "blog.lan", enabled: false })],
    expect: ["stopped", "Disabled hosts #3, #4 while it is stopped"],
  },
  {
    desc: "a stopped container in maintenance lists all its hosts",
    view: { running: false, state: "stopped", stopAction: "maintenance", hosts: undefined },
    hosts: [host({ id: 3 }), host({ domain: "blog.lan" })],
    expect: ["stopped", "Stopped; hosts #3, #4 show the maintenance page"],
  },
  {
    desc: "a stopped container with an enabled host and a disabled one says both",
    view: { running: false, state: "stopped", hosts: [HOST, BLOG_HOST] },
    hosts: [host({ id: 3, domain: "blog.lan", enabled: false }), host()],
    expect: [
      "stopped",
      "Stopped; host #4 is still enabled for now; Disabled host #3 while it is stopped",
    ],
    perHost: [
      ["stopped", "Stopped; host #4 is still enabled for now"],
      ["stopped", "Disabled host #3 while it is stopped"],
    ],
  },
  {
    desc: "a stopped container with no host left says so",
    view: { running: false, state: "stopped", hosts: undefined },
    expect: ["stopped", "Nothing: it is stopped"],
  },
];

for (const c of cases) {
  Deno.test(`verdictOf() says ${c.desc}`, () => {
    const verdict = verdictOf({ ...VIEW, ...c.view }, { hosts: c.hosts ?? [] });
    assert.deepEqual([verdict.status, verdict.did], c.expect);
    if (c.perHost) assert.deepEqual(verdict.hosts.map((v) => [v.status, v.did]), c.perHost);
  });
}
