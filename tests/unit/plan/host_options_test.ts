/** The access list a host gets, the NPM version gate, and how the plan writes (or does not). */
import assert from "node:assert/strict";
import type { AccessListRequest, Action } from "../../../lib/model/mod.ts";
import {
  decideAccessList,
  knowsTrustForwardedProto,
  planContainer,
  trustForwardedProtoGap,
} from "../../../lib/plan/mod.ts";
import { desired, host, options, ownMeta, snapshot, stored } from "./_factories.ts";

const LISTS = [{ id: 2, name: "staff" }, { id: 5, name: "family" }];

const decisions: { desc: string; wanted?: AccessListRequest; expect: string }[] = [
  { desc: "none when none is named", expect: "none" },
  { desc: "the list named by id", wanted: { id: 5 }, expect: "list 5" },
  { desc: "the list named by name", wanted: { name: "staff" }, expect: "list 2" },
  { desc: "unknown for an id NPM lacks", wanted: { id: 9 }, expect: "unknown" },
  { desc: "unknown for a name in another case", wanted: { name: "Staff" }, expect: "unknown" },
];

for (const c of decisions) {
  Deno.test(`decideAccessList() gives ${c.desc}`, () => {
    const wish = c.wanted ? { ...desired(), accessList: c.wanted } : desired();
    const decision = decideAccessList(wish, LISTS);
    const shown = decision.kind === "list" ? `list ${decision.accessList.id}` : decision.kind;
    assert.equal(shown, c.expect);
    if (decision.kind === "unknown") {
      assert.match(decision.reason, /NPM_ACCESS_LIST.*not published/);
    }
  });
}

const versions: { version?: string; knows: boolean }[] = [
  { version: "2.14.0", knows: true },
  { version: "2.15.1", knows: true },
  { version: "3.0.0", knows: true },
  { version: "2.13.7", knows: false },
  { version: "2.9.22", knows: false },
  { version: "1.20.0", knows: false },
  { version: undefined, knows: false },
  { version: "dev", knows: false },
];

for (const c of versions) {
  Deno.test(`knowsTrustForwardedProto() of ${c.version ?? "an unknown version"} is ${c.knows}`, () => {
    assert.equal(knowsTrustForwardedProto(c.version), c.knows);
  });
}

Deno.test("trustForwardedProtoGap() warns only when it is asked for on an older NPM", () => {
  const asked = desired({ trust_forwarded_proto: true });
  assert.equal(trustForwardedProtoGap(asked, "2.15.1"), undefined);
  assert.equal(trustForwardedProtoGap(desired(), "2.13.0"), undefined);
  assert.match(trustForwardedProtoGap(asked, "2.13.0") ?? "", /2\.14 or newer.*2\.13\.0/);
});

const WITH_LIST = { ...snapshot([]), accessLists: LISTS };

Deno.test("planContainer() creates the host with its access list", () => {
  const wish = { ...desired({ block_exploits: true }), accessList: { name: "family" } };
  const [create] = planContainer({ kind: "running", hosts: [wish] }, WITH_LIST, options());
  assert.equal(create.kind, "create");
  assert.equal(create.kind === "create" && create.fields.access_list_id, 5);
  assert.equal(create.kind === "create" && create.fields.block_exploits, true);
});

Deno.test("planContainer() writes nothing for a container naming an access list NPM lacks", () => {
  const wish = { ...desired(), accessList: { name: "gone" } };
  assert.deepEqual(planContainer({ kind: "running", hosts: [wish] }, WITH_LIST, options()), []);
});

Deno.test("planContainer() disables our host when its access list vanished", () => {
  const guarded = host({ access_list_id: 2, meta: stored(ownMeta()) });
  const wish = { ...desired(), accessList: { id: 2 } };
  const actions = planContainer({ kind: "running", hosts: [wish] }, snapshot([guarded]), options());
  assert.deepEqual(actions.map((action: Action) => action.kind), ["disable", "update"]);
  assert.equal(actions[1].kind === "update" && actions[1].enable, false);
});

Deno.test("planContainer() attaches the list in one PUT, and then writes nothing", () => {
  const wish = { ...desired(), accessList: { id: 2 } };
  const actions = planContainer({ kind: "running", hosts: [wish] }, {
    ...snapshot([host()]),
    accessLists: LISTS,
  }, options());
  assert.equal(actions.length, 1);
  assert.deepEqual(actions[0].kind === "update" && actions[0].changes, { access_list_id: 2 });
  const applied = ownMeta({ last_applied: desired({ access_list_id: 2 }).fields });
  const synced = host({ access_list_id: 2, meta: stored(applied) });
  const again = planContainer({ kind: "running", hosts: [wish] }, {
    ...snapshot([synced]),
    accessLists: LISTS,
  }, options());
  assert.deepEqual(again, []);
});

Deno.test("planContainer() keeps an access list attached by hand to a host applied before access lists", () => {
  const { access_list_id: _, block_exploits: _b, caching_enabled: _c, ...before } =
    desired().fields;
  const old = host({ access_list_id: 2, meta: stored(ownMeta({ last_applied: before })) });
  const actions = planContainer(
    { kind: "running", hosts: [desired()] },
    snapshot([old]),
    options(),
  );
  assert.deepEqual(actions, [], "the list is kept, and no write spells out the new fields");
});

Deno.test("planContainer() never sends trust_forwarded_proto to an NPM older than 2.14", () => {
  const old = { ...snapshot([]), npmVersion: "2.12.3" };
  const wish = desired({ trust_forwarded_proto: true });
  const [create] = planContainer({ kind: "running", hosts: [wish] }, old, options());
  assert.equal(create.kind, "create");
  assert.ok(create.kind === "create" && !("trust_forwarded_proto" in create.fields));
  const { trust_forwarded_proto: _, ...row } = desired().fields;
  const meta = stored(ownMeta({ last_applied: row }));
  const { trust_forwarded_proto: _t, ...oldHost } = host({ meta });
  const inSync = { ...snapshot([oldHost]), npmVersion: "2.12.3" };
  assert.deepEqual(planContainer({ kind: "running", hosts: [wish] }, inSync, options()), []);
});

Deno.test("planContainer() sends trust_forwarded_proto to NPM 2.14 and newer", () => {
  const wish = desired({ trust_forwarded_proto: true });
  const actions = planContainer({ kind: "running", hosts: [wish] }, snapshot([host()]), options());
  assert.deepEqual(actions[0].kind === "update" && actions[0].changes, {
    trust_forwarded_proto: true,
  });
});
