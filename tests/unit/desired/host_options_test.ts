/** The access list and the other host switches: defaults, env before labels, the bad-input rule. */
import assert from "node:assert/strict";
import { desiredState } from "../../../lib/desired/mod.ts";
import type { AccessListRequest, HostFields } from "../../../lib/model/mod.ts";
import {
  assertDesired,
  container,
  NPM_BESIDE,
  type RefusedCase,
  testRefused,
} from "./_factories.ts";

type Switches = Pick<HostFields, "block_exploits" | "caching_enabled" | "trust_forwarded_proto">;

const OFF: Switches = {
  block_exploits: false,
  caching_enabled: false,
  trust_forwarded_proto: false,
};

const cases: {
  desc: string;
  env?: Record<string, string>;
  labels?: Record<string, string>;
  switches: Switches;
  accessList?: AccessListRequest;
}[] = [
  { desc: "turns every switch off and asks no access list by default", switches: OFF },
  {
    desc: "reads NPM_BLOCK_EXPLOITS, NPM_CACHING and NPM_TRUST_FORWARDED_PROTO",
    env: { NPM_BLOCK_EXPLOITS: "true", NPM_CACHING: "on", NPM_TRUST_FORWARDED_PROTO: "1" },
    switches: { block_exploits: true, caching_enabled: true, trust_forwarded_proto: true },
  },
  {
    desc: "reads the switches from labels, envoynpm.* spelling too",
    labels: { NPM_BLOCK_EXPLOITS: "yes", "envoynpm.caching": "true" },
    switches: { ...OFF, block_exploits: true, caching_enabled: true },
  },
  {
    desc: "takes env before labels",
    env: { NPM_BLOCK_EXPLOITS: "false" },
    labels: { NPM_BLOCK_EXPLOITS: "true" },
    switches: OFF,
  },
  {
    desc: "takes NPM_ACCESS_LIST by id",
    env: { NPM_ACCESS_LIST: "3" },
    switches: OFF,
    accessList: { id: 3 },
  },
  {
    desc: "takes NPM_ACCESS_LIST by name",
    labels: { "envoynpm.access_list": "Staff only" },
    switches: OFF,
    accessList: { name: "Staff only" },
  },
];

for (const c of cases) {
  Deno.test(`desiredState() ${c.desc}`, () => {
    const state = desiredState(container({ env: c.env, labels: c.labels }), NPM_BESIDE);
    assertDesired(state);
    const { block_exploits, caching_enabled, trust_forwarded_proto } = state.hosts[0].fields;
    assert.deepEqual({ block_exploits, caching_enabled, trust_forwarded_proto }, c.switches);
    assert.deepEqual(state.hosts[0].accessList, c.accessList);
    assert.equal(state.hosts[0].fields.access_list_id, 0, "the plan sets the list once found");
    assert.deepEqual(state.warnings, []);
  });
}

const bad: RefusedCase[] = [
  {
    desc: "an empty NPM_ACCESS_LIST",
    env: { NPM_ACCESS_LIST: "" },
    variable: "NPM_ACCESS_LIST",
    mentions: "is empty",
  },
  {
    desc: "an NPM_ACCESS_LIST with spaces around it",
    env: { NPM_ACCESS_LIST: " staff" },
    variable: "NPM_ACCESS_LIST",
    mentions: "spaces",
  },
  {
    desc: "a bad NPM_BLOCK_EXPLOITS",
    env: { NPM_BLOCK_EXPLOITS: "maybe" },
    variable: "NPM_BLOCK_EXPLOITS",
    mentions: "yes/no",
  },
  {
    desc: "a bad NPM_CACHING",
    env: { NPM_CACHING: "" },
    variable: "NPM_CACHING",
    mentions: "is empty",
  },
  {
    desc: "a bad NPM_TRUST_FORWARDED_PROTO",
    env: { NPM_TRUST_FORWARDED_PROTO: "2" },
    variable: "NPM_TRUST_FORWARDED_PROTO",
    mentions: "yes/no",
  },
];

testRefused(bad);
