import assert from "node:assert/strict";
import denoJson from "../../../deno.json" with { type: "json" };
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import { DASHBOARD_HTML } from "../../../lib/status/dashboard.ts";
import { createStateStore } from "../../../lib/status/state_store.ts";
import { renderedLines } from "./_fake_dom.ts";
import { BLOG, container, host, hostView, snapshot, T0, T0_ISO, WEB } from "./_reports.ts";

Deno.test("DASHBOARD_HTML shows the version and the licence in its footer", () => {
  const footer = /<footer[^>]*>([^<]*)<\/footer>/.exec(DASHBOARD_HTML)?.[1];
  assert.equal(footer, `EnvoyNPM ${denoJson.version} · MIT licence`);
});

Deno.test("DASHBOARD_HTML has one footer, after the tables and before the script", () => {
  const footer = DASHBOARD_HTML.indexOf("<footer");
  assert.equal(DASHBOARD_HTML.lastIndexOf("<footer"), footer);
  assert.ok(DASHBOARD_HTML.indexOf("</main>") < footer);
  assert.ok(footer < DASHBOARD_HTML.indexOf("<script>"));
});

const FORWARD = "http://172.18.0.5:8080";
const SKIP = { domain: "blog.lan", reason: "foreign_host", hostId: 7, since: T0_ISO } as const;

const lineCases: { desc: string; events: ControllerEvent[]; lines: string[][] }[] = [
  {
    desc: "one line per host, the container's name, lifecycle and problems on the first",
    events: [
      container(WEB, {
        stopAction: "maintenance",
        problems: [{ variable: "NPM_SCHEME", reason: "NPM_SCHEME is ignored" }],
        hosts: [
          hostView(WEB, { domains: ["app.lan", "www.app.lan"] }),
          hostView(WEB, { site: "1", domain: "blog.lan", skip: SKIP }),
        ],
      }),
      snapshot(host(4, WEB)),
    ],
    lines: [
      [
        "web",
        "app.lan, www.app.lan",
        FORWARD,
        "published",
        "on stop maintenance",
        "Published as host #4",
        "",
        "",
        "NPM_SCHEME is ignored",
      ],
      [
        "",
        "blog.lan",
        FORWARD,
        "skipped",
        "",
        "Skipped: blog.lan is held by hand-made host #7",
        "",
        "",
        "",
      ],
    ],
  },
  {
    desc: "one line for a container without hosts",
    events: [container(BLOG, {
      state: "invalid",
      hosts: undefined,
      problems: [{ variable: "NPM_PORT", reason: "not a port" }],
    })],
    lines: [[
      "blog",
      "",
      "",
      "invalid",
      "",
      "Nothing written: its settings are invalid",
      "",
      "",
      "NPM_PORT: not a port",
    ]],
  },
  { desc: "a placeholder without containers", events: [], lines: [["No containers seen yet"]] },
];

for (const { desc, events, lines } of lineCases) {
  Deno.test(`DASHBOARD_HTML's containers table has ${desc}`, () => {
    const store = createStateStore({ now: () => T0 });
    events.forEach(store.listener);
    assert.deepEqual(renderedLines(store.view(), { id: "containers" }), lines);
  });
}
