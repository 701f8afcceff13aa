import assert from "node:assert/strict";
import type { Action } from "../../../lib/model/mod.ts";
import { describeAction } from "../../../lib/plan/mod.ts";
import { DISABLED, fields, LINKED, ownMeta, WEB } from "./_factories.ts";

const SUBJECT = { domain: "app.lan", ...WEB } as const;

Deno.test("describeAction() gives the human lines of `envoynpm plan`", () => {
  const cases: { desc: string; action: Action; want: string[] }[] = [{
    desc: "create",
    action: { ...SUBJECT, kind: "create", fields: fields(), meta: ownMeta() },
    want: ["create app.lan → http://172.18.0.5:8080 (container web)"],
  }, {
    desc: "create to https",
    action: {
      ...SUBJECT,
      kind: "create",
      fields: fields({ forward_scheme: "https" }),
      meta: ownMeta(),
    },
    want: ["create app.lan → https://172.18.0.5:8080 (container web)"],
  }, {
    desc: "update, one line per change",
    action: {
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: { forward_host: "172.18.0.9" },
      meta: ownMeta(),
      enable: true,
      diff: [
        { field: "forward_host", from: "172.18.0.5", to: "172.18.0.9" },
        { field: "domain_names", from: ["app.lan", "www.lan"], to: ["app.lan"] },
        { field: "enabled", from: false, to: true },
        { field: "meta.comments", from: DISABLED, to: LINKED },
      ],
    },
    want: [
      "update app.lan (#4): forward_host: 172.18.0.5 → 172.18.0.9",
      "update app.lan (#4): domain_names: [app.lan, www.lan] → [app.lan]",
      "update app.lan (#4): enabled: false → true",
      `update app.lan (#4): meta.comments: "${DISABLED}" → "${LINKED}"`,
    ],
  }, {
    desc: "update of meta only",
    action: {
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: {},
      meta: ownMeta(),
      enable: false,
      diff: [],
    },
    want: ["update app.lan (#4): meta (container web)"],
  }, {
    desc: "enable",
    action: { ...SUBJECT, kind: "enable", hostId: 4 },
    want: ["enable app.lan (#4) (container web)"],
  }, {
    desc: "disable",
    action: { ...SUBJECT, kind: "disable", hostId: 4 },
    want: ["disable app.lan (#4) (container web)"],
  }, {
    desc: "skip a foreign host",
    action: { ...SUBJECT, kind: "skip", reason: "foreign_host", hostId: 4 },
    want: ["skip app.lan: held by hand-made host #4 (container web)"],
  }, {
    desc: "skip a redirection host",
    action: { ...SUBJECT, kind: "skip", reason: "other_host_kind" },
    want: ["skip app.lan: held by a redirection or 404 host (container web)"],
  }, {
    desc: "skip a domain held by another container, named",
    action: {
      ...SUBJECT,
      kind: "skip",
      reason: "domain_conflict",
      hostId: 4,
      holderContainerId: "old1",
    },
    want: [
      "skip app.lan: held by container api (host #4), which claimed it first (container web)",
    ],
  }, {
    desc: "skip a domain held by a container whose name is unknown",
    action: {
      ...SUBJECT,
      kind: "skip",
      reason: "domain_conflict",
      holderContainerId: "0123456789abcdef",
    },
    want: [
      "skip app.lan: held by container 0123456789ab (host), which claimed it first (container web)",
    ],
  }];
  for (const c of cases) {
    assert.deepEqual(describeAction(c.action, { names: { old1: "api" } }), c.want, c.desc);
  }
});
