/**
 * `desiredState()` over random env/label sets (3 000 in the suite, 100 000
 * under `deno task fuzz`): it never throws, and what it returns keeps the
 * model's promises.
 */
import assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzRuns } from "../../support/fuzz.ts";
import { desiredState } from "../../../lib/desired/mod.ts";
import { SETTING_NAMES } from "../../../lib/desired/settings.ts";
import type { Container, ContainerNetwork } from "../../../lib/model/mod.ts";

const SETTINGS: readonly string[] = SETTING_NAMES;
const KEYS = [
  ...SETTINGS,
  ...SETTINGS.map((name) => `envoynpm.${name.slice(4).toLowerCase()}`),
  // Numbered hosts and their settings, well and badly numbered.
  "NPM_HOST_1",
  "NPM_PORT_1",
  "NPM_HOST_2",
  "NPM_SSL_2",
  "envoynpm.host_3",
  "envoynpm.port_3",
  "NPM_HOST_01",
  "NPM_PORT_7",
  "NPM_HEALTH_1",
  "envoynpm.prot",
  "NPM_PROT",
  "npm_host",
  "PATH",
  "",
];

/** Values that are likely to be almost right, plus anything at all. */
const value = fc.oneof(
  fc.constantFrom("app.lan", "8080", "true", "no", "https", "casaos", "", " ", "0", "65536", "*.x"),
  fc.constantFrom("a.lan,b.lan", "a.lan, B.lan", "a.lan,,b.lan", "app.lan,app.lan", ","),
  fc.integer({ min: -10, max: 70000 }).map(String),
  fc.domain(),
  fc.ipV4(),
  fc.ipV6(),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.stringMatching(/^[\s\\n.:*_a-zA-Z0-9-]{0,12}$/),
);
const anything = fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 8 });
/** A good NPM_HOST and NPM_PORT plus a few random settings, so that many containers are valid. */
const plausible = fc.tuple(
  fc.oneof(fc.domain(), fc.constantFrom("App.Lan.", "*.x.lan", "bücher.lan")),
  fc.integer({ min: 1, max: 65535 }),
  fc.dictionary(fc.constantFrom(...SETTINGS.slice(2)), value, { maxKeys: 2 }),
).map(([host, port, extra]) => ({ NPM_HOST: host, NPM_PORT: String(port), ...extra }));
/** Two numbered hosts beside NPM_HOST, one with its own port. */
const numbered = fc.tuple(plausible, fc.domain(), fc.integer({ min: 1, max: 65535 })).map((
  [base, other, port],
) => ({ ...base, NPM_HOST_1: other, NPM_PORT_1: String(port), NPM_HOST_2: "api.lan" }));
const settings = fc.oneof(anything, plausible, numbered);
const net: fc.Arbitrary<ContainerNetwork> = fc.record({
  name: fc.constantFrom("bridge", "casaos", "proxy", "host", "none"),
  ip: fc.constantFrom("", "172.18.0.5", "10.0.0.9"),
  gateway: fc.constantFrom("", "172.18.0.1"),
});
const containers: fc.Arbitrary<Container> = fc.record({
  id: fc.constant("f".repeat(64)),
  name: fc.constant("web"),
  image: fc.constant("app:1"),
  running: fc.boolean(),
  env: settings,
  labels: settings,
  networkMode: fc.constantFrom("bridge", "host", "none", "container:abc", "casaos"),
  networks: fc.array(net, { minLength: 1, maxLength: 3 }),
});
const options = fc.record({
  npm: fc.option(fc.record({ networks: fc.array(net, { maxLength: 2 }) }), { nil: undefined }),
  hostAddress: fc.option(fc.constantFrom("192.168.1.2"), { nil: undefined }),
}, { requiredKeys: [] });

Deno.test("desiredState() keeps its promises for random containers", () => {
  fc.assert(
    fc.property(containers, options, (container, opts) => {
      const state = desiredState(container, opts);
      // Env is read as NPM_X, labels as NPM_X or envoynpm.x; a numbered host counts, well or badly
      // numbered (a bad number is a problem, not silence).
      const hasHost = Object.keys(container.env).some((key) => /^NPM_HOST(_[0-9]+)?$/.test(key)) ||
        Object.keys(container.labels).some((key) =>
          /^(NPM_HOST|envoynpm\.host)(_[0-9]+)?$/.test(key)
        );
      assert.equal(state.kind === "unmanaged", !hasHost);
      switch (state.kind) {
        case "unmanaged":
          break;
        case "invalid":
          assert.ok(state.problems.length >= 1);
          for (const p of state.problems) {
            assert.ok(SETTINGS.includes(p.variable.replace(/_[0-9]+$/, "")), p.variable);
            assert.match(p.reason, /^[A-Z].*: /);
          }
          break;
        case "desired": {
          assert.ok(state.hosts.length >= 1);
          const sites = state.hosts.map((host) => host.site);
          assert.equal(new Set(sites).size, sites.length, "one host per site");
          const all = state.hosts.flatMap((host) => host.fields.domain_names);
          assert.equal(new Set(all).size, all.length, "a domain on one host only");
          for (const { fields, domain } of state.hosts) {
            assert.ok(Number.isInteger(fields.forward_port));
            assert.ok(fields.forward_port >= 1 && fields.forward_port <= 65535);
            assert.equal(domain, fields.domain_names[0]);
            for (const name of fields.domain_names) {
              assert.equal(name, name.toLowerCase());
              assert.match(name, /^[a-z0-9*][a-z0-9.-]*$/);
            }
            assert.ok(fields.forward_host.length >= 1 && fields.forward_host.length <= 255);
          }
          break;
        }
        default:
          assert.fail(`unknown kind ${JSON.stringify(state)}`);
      }
    }),
    { numRuns: fuzzRuns({ suite: 3_000, fuzz: 100_000 }) },
  );
});
