/** Several hosts per container: `NPM_HOST` lists, `NPM_HOST_<n>` and their suffixed settings. */
import assert from "node:assert/strict";
import { desiredState } from "../../../lib/desired/mod.ts";
import type { DesiredState } from "../../../lib/model/mod.ts";
import { container, type ContainerSpec, NPM_BESIDE } from "./_factories.ts";

/** What a valid case becomes: per host, its site, domains and port. */
interface HostCase extends ContainerSpec {
  readonly desc: string;
  readonly hosts: readonly { site: string; domains: string[]; port: number }[];
  /** The variables warned about, in order. @default none */
  readonly warned?: readonly string[];
}

const valid: HostCase[] = [{
  desc: "a list in NPM_HOST is one host with every domain, in order",
  env: { NPM_HOST: "a.lan,b.lan" },
  hosts: [{ site: "", domains: ["a.lan", "b.lan"], port: 8080 }],
}, {
  desc: "spaces after the commas, repeats and capitals",
  env: { NPM_HOST: "A.lan, b.lan, a.lan" },
  hosts: [{ site: "", domains: ["a.lan", "b.lan"], port: 8080 }],
}, {
  desc: "NPM_HOST_<n> adds hosts; NPM_PORT_<n> overrides NPM_PORT for its host only",
  env: { NPM_HOST_2: "api.lan", NPM_PORT_2: "9000", NPM_HOST_1: "ui.lan" },
  hosts: [
    { site: "", domains: ["app.lan"], port: 8080 },
    { site: "1", domains: ["ui.lan"], port: 8080 },
    { site: "2", domains: ["api.lan"], port: 9000 },
  ],
}, {
  desc: "numbered hosts without NPM_HOST, numbers in numeric order",
  env: { NPM_HOST: undefined, NPM_HOST_10: "ten.lan", NPM_HOST_9: "nine.lan" },
  hosts: [
    { site: "9", domains: ["nine.lan"], port: 8080 },
    { site: "10", domains: ["ten.lan"], port: 8080 },
  ],
}, {
  desc: "labels, both spellings, with suffixes",
  env: { NPM_HOST: undefined },
  labels: { "envoynpm.host_1": "ui.lan", "NPM_HOST_2": "api.lan", "envoynpm.port_2": "9000" },
  hosts: [
    { site: "1", domains: ["ui.lan"], port: 8080 },
    { site: "2", domains: ["api.lan"], port: 9000 },
  ],
}, {
  desc: "a suffixed setting without its host, a bad number, a container setting with a number",
  env: { NPM_PORT_3: "81", NPM_HOST_01: "x.lan", NPM_STOP_ACTION_1: "keep" },
  hosts: [{ site: "", domains: ["app.lan"], port: 8080 }],
  warned: ["NPM_PORT_3", "NPM_HOST_01", "NPM_STOP_ACTION_1"],
}, {
  desc: "NPM_SSL_FORCED is a setting of its own, not NPM_SSL with a suffix",
  env: { NPM_SSL_FORCED: "false" },
  hosts: [{ site: "", domains: ["app.lan"], port: 8080 }],
  warned: ["NPM_SSL_FORCED"],
}];

for (const c of valid) {
  Deno.test(`desiredState() with several hosts: ${c.desc}`, () => {
    const state = desiredState(container(c), NPM_BESIDE);
    assertKind(state, "desired");
    assert.deepEqual(
      state.hosts.map((host) => ({
        site: host.site,
        domains: host.fields.domain_names,
        port: host.fields.forward_port,
      })),
      c.hosts,
    );
    for (const host of state.hosts) assert.equal(host.domain, host.fields.domain_names[0]);
    assert.deepEqual(state.warnings.map((w) => w.variable), c.warned ?? []);
  });
}

const invalid: (ContainerSpec & { desc: string; variable: string; mentions: string })[] = [{
  desc: "a bad port of one host makes the whole container invalid",
  env: { NPM_HOST_1: "ui.lan", NPM_PORT_1: "abc" },
  variable: "NPM_PORT_1",
  mentions: 'NPM_PORT_1 "abc"',
}, {
  desc: "a numbered host without any port",
  env: { NPM_PORT: undefined, NPM_HOST: undefined, NPM_HOST_1: "ui.lan" },
  variable: "NPM_PORT_1",
  mentions: "NPM_PORT_1 (or NPM_PORT) is not set",
}, {
  desc: "a domain two hosts ask for",
  env: { NPM_HOST: "a.lan,b.lan", NPM_HOST_1: "B.lan" },
  variable: "NPM_HOST_1",
  mentions: "NPM_HOST_1 repeats b.lan, which NPM_HOST already has",
}, {
  desc: "a misnumbered host and no other: it meant to be published",
  env: { NPM_HOST: undefined, NPM_HOST_01: "x.lan" },
  variable: "NPM_HOST_01",
  mentions: "numbered 1, 2",
}, {
  desc: "an empty numbered host",
  env: { NPM_HOST_1: "" },
  variable: "NPM_HOST_1",
  mentions: "NPM_HOST_1 is empty",
}];

for (const c of invalid) {
  Deno.test(`desiredState() with several hosts refuses ${c.desc}`, () => {
    const state = desiredState(container(c), NPM_BESIDE);
    assertKind(state, "invalid");
    assert.deepEqual(state.problems.map((p) => p.variable), [c.variable]);
    assert.ok(state.problems[0].reason.includes(c.mentions), state.problems[0].reason);
  });
}

function assertKind<K extends DesiredState["kind"]>(
  state: DesiredState,
  kind: K,
): asserts state is Extract<DesiredState, { kind: K }> {
  assert.equal(state.kind, kind, JSON.stringify(state));
}
