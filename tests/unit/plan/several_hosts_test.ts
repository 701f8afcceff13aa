/** The plan of a container with several hosts (`NPM_HOST=a,b`, `NPM_HOST_<n>`). */
import assert from "node:assert/strict";
import type { Action, DesiredHost, ProxyHost } from "../../../lib/model/mod.ts";
import { planContainer, type ReconcileTarget } from "../../../lib/plan/mod.ts";
import { desired, fields, host, options, ownMeta, snapshot, stored } from "./_factories.ts";

/** What host `site` of container `web` asks for: its domains. */
function wants(site: string, domains: string[]): DesiredHost {
  return { ...desired({ domain_names: domains }), site };
}

/** Host `id` of ours, in sync with host `site` asking for `domains`. */
function ours(id: number, site: string, domains: string[]): ProxyHost {
  const applied = fields({ domain_names: domains });
  const meta = ownMeta({
    last_applied: applied,
    comments: `[EnvoyNPM Managed] Linked to: web (${domains[0]})`,
    ...(site === "" ? {} : { site }),
  });
  return host({ id, ...applied, meta: stored(meta) });
}

/** Host `id` of the container `web` had before it was recreated (another id, the same name). */
function ofOld(id: number, site: string, domains: string[]): ProxyHost {
  const mine = ours(id, site, domains);
  const meta = { ...mine.meta, container_id: "web0" };
  return host({ ...mine, meta: stored(meta) });
}

/** An action in short: its kind and host (or domain), and the domains an update moves to. */
function brief(action: Action): string {
  const where = "hostId" in action ? `#${action.hostId}` : action.domain;
  const moved = action.kind === "update" && action.changes.domain_names
    ? ` -> ${action.changes.domain_names.join(",")}`
    : action.kind === "create"
    ? ` ${action.fields.domain_names.join(",")}`
    : "";
  const site = action.kind === "update" || action.kind === "create"
    ? ` site=${action.meta.site ?? ""}`
    : "";
  return `${action.kind} ${where}${moved}${site}`;
}

const running = (...hosts: DesiredHost[]): ReconcileTarget => ({ kind: "running", hosts });

const cases: { desc: string; target: ReconcileTarget; hosts: ProxyHost[]; want: string[] }[] = [{
  desc: "new: one create per host, each recording its site",
  target: running(wants("", ["a.lan", "b.lan"]), wants("1", ["c.lan"])),
  hosts: [],
  want: ["create a.lan a.lan,b.lan site=", "create c.lan c.lan site=1"],
}, {
  desc: "in sync: nothing",
  target: running(wants("", ["a.lan", "b.lan"]), wants("1", ["c.lan"])),
  hosts: [ours(4, "", ["a.lan", "b.lan"]), ours(5, "1", ["c.lan"])],
  want: [],
}, {
  desc: "NPM_HOST_1 removed: its host goes offline, the other is untouched",
  target: running(wants("", ["a.lan"])),
  hosts: [ours(4, "", ["a.lan"]), ours(5, "1", ["c.lan"])],
  want: ["disable #5", "update #5 site=1"],
}, {
  desc: "a domain added to the list: one write",
  target: running(wants("", ["a.lan", "b.lan"])),
  hosts: [ours(4, "", ["a.lan"])],
  want: ["update #4 -> a.lan,b.lan site="],
}, {
  desc: "NPM_HOST_1 renamed: its own host moves, no second host",
  target: running(wants("", ["a.lan"]), wants("1", ["new.lan"])),
  hosts: [ours(4, "", ["a.lan"]), ours(5, "1", ["old.lan"])],
  want: ["update #5 -> new.lan site=1"],
}, {
  desc: "two hosts merged into one list: the one giving all its domains up is deleted first",
  target: running(wants("", ["a.lan", "b.lan"])),
  hosts: [ours(4, "1", ["a.lan"]), ours(5, "2", ["b.lan"])],
  want: ["delete #5", "update #4 -> a.lan,b.lan site="],
}, {
  desc: "a list split in two: the host gives the domain up before the new one is made",
  target: running(wants("", ["a.lan"]), wants("1", ["b.lan"])),
  hosts: [ours(4, "", ["a.lan", "b.lan"])],
  want: ["update #4 -> a.lan site=", "create b.lan b.lan site=1"],
}, {
  desc: "domains swapped between two hosts: each host stays with its domain, its site changes",
  target: running(wants("", ["b.lan"]), wants("1", ["a.lan"])),
  hosts: [ours(4, "", ["a.lan"]), ours(5, "1", ["b.lan"])],
  want: ["update #5 site=", "update #4 site=1"],
}, {
  desc: "one host's domain is hand-made: that host is left alone, the other published",
  target: running(wants("", ["a.lan"]), wants("1", ["hand.lan"])),
  hosts: [host({ id: 9, ...fields({ domain_names: ["hand.lan"] }), meta: {} })],
  want: ["create a.lan a.lan site=", "skip #9"],
}, {
  desc: "a hand-made domain added to the list: its host is left as it is, still serving",
  target: running(wants("", ["a.lan", "hand.lan"])),
  hosts: [
    ours(4, "", ["a.lan"]),
    host({ id: 9, ...fields({ domain_names: ["hand.lan"] }), meta: {} }),
  ],
  want: ["skip #9"],
}, {
  desc: "one host left alone, another published: the first is still told (after a second look)",
  target: running(wants("", ["a.lan", "hand.lan"]), wants("1", ["c.lan"])),
  hosts: [
    ours(4, "", ["a.lan"]),
    host({ id: 9, ...fields({ domain_names: ["hand.lan"] }), meta: {} }),
  ],
  want: ["create c.lan c.lan site=1", "skip #9"],
}, {
  desc: "renamed to a hand-made domain: the old host is left as it is",
  target: running(wants("", ["hand.lan"])),
  hosts: [
    ours(4, "", ["a.lan"]),
    host({ id: 9, ...fields({ domain_names: ["hand.lan"] }), meta: {} }),
  ],
  want: ["skip #9"],
}, {
  desc: "recreated under its name with NPM_HOST_1 renamed: the old container's host moves",
  target: running(wants("", ["a.lan"]), wants("1", ["new.lan"])),
  hosts: [ofOld(4, "", ["a.lan"]), ofOld(5, "1", ["old.lan"])],
  want: ["update #4 site=", "update #5 -> new.lan site=1"],
}, {
  desc: "stopped: every host of the container goes offline",
  target: { kind: "gone", containerId: "web1", containerName: "web" },
  hosts: [ours(4, "", ["a.lan"]), ours(5, "1", ["c.lan"])],
  want: ["disable #4", "update #4 site=", "disable #5", "update #5 site=1"],
}];

for (const c of cases) {
  Deno.test(`planContainer() with several hosts: ${c.desc}`, () => {
    const plan = planContainer(c.target, snapshot(c.hosts), options());
    assert.deepEqual(plan.map(brief), c.want);
  });
}
