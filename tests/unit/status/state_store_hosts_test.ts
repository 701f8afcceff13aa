import assert from "node:assert/strict";
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import { createStateStore } from "../../../lib/status/state_store.ts";
import type { StateView } from "../../../lib/status/types.ts";
import { BLOG, container, host, hostView, snapshot, T0, T0_ISO, WEB } from "./_reports.ts";

const HAND_MADE = { domain: "blog.lan", reason: "foreign_host", hostId: 7, since: T0_ISO } as const;
/** `web`'s first host, `app.lan`, HTTP only and behind access list "staff". */
const FIRST = hostView(WEB, {
  tls: { httpOnly: "No valid certificate covers app.lan" },
  accessList: { id: 2, name: "staff" },
});
/** `web`'s second host, `blog.lan` (its `NPM_HOST_1`), left alone for hand-made host #7. */
const SECOND = hostView(WEB, { site: "1", domain: "blog.lan", skip: HAND_MADE });
/** A skipped host of a container that stops. */
const STOPPING = hostView(WEB, { skip: { ...HAND_MADE, domain: "app.lan" } });

function fold(events: readonly ControllerEvent[]): StateView {
  const store = createStateStore({ now: () => T0 });
  events.forEach(store.listener);
  return store.view();
}

const cases: {
  desc: string;
  events: ControllerEvent[];
  expect: (view: StateView) => unknown;
  want: unknown;
}[] = [
  {
    desc: "gives a container with a published host and a skipped one the status skipped",
    events: [container(WEB, { hosts: [FIRST, SECOND] }), snapshot(host(4, WEB))],
    expect: ({ containers }) => [containers.web1.status, containers.web1.did],
    want: ["skipped", "Published as host #4; Skipped: blog.lan is held by hand-made host #7"],
  },
  {
    desc: "lists each host of a container with its own verdict, HTTPS and access list",
    events: [container(WEB, { hosts: [FIRST, SECOND] }), snapshot(host(4, WEB))],
    expect: ({ containers }) => containers.web1.hosts,
    want: [
      {
        ...FIRST,
        status: "published",
        did: "Published as host #4",
        https: "HTTP only: No valid certificate covers app.lan",
        access: '"staff" (#2)',
      },
      {
        ...SECOND,
        status: "skipped",
        did: "Skipped: blog.lan is held by hand-made host #7",
        https: "",
        access: "",
      },
    ],
  },
  {
    desc: "lists no host of a container that asks for none",
    events: [container(BLOG, { state: "invalid", hosts: undefined })],
    expect: ({ containers }) => containers.blog1.hosts,
    want: [],
  },
  {
    desc: "shows each skipped host of a running container, and none once it stops",
    events: [
      container(WEB, { hosts: [STOPPING] }),
      container(BLOG, { hosts: [SECOND, { ...SECOND, site: "2" }] }),
      container(WEB, { running: false, state: "stopped", hosts: [STOPPING] }),
    ],
    expect: ({ skippedHosts }) => skippedHosts.map((skip) => [skip.domain, skip.containerName]),
    want: [["blog.lan", "blog"], ["blog.lan", "blog"]],
  },
];

for (const { desc, events, expect, want } of cases) {
  Deno.test(`createStateStore() ${desc}`, () => {
    assert.deepEqual(expect(fold(events)), want);
  });
}
