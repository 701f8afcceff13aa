/** `NPM_LOCATIONS`: NPM's location shape, addresses only, this container's name resolved. */
import assert from "node:assert/strict";
import { desiredState } from "../../../lib/desired/mod.ts";
import type { HostLocation } from "../../../lib/model/mod.ts";
import { assertDesired, container, NPM_BESIDE } from "./_factories.ts";
import { type RefusedCase, testRefused } from "./_factories.ts";

const API = { path: "/api", forward_scheme: "http", forward_port: 9000 } as const;

const cases: { desc: string; env: Record<string, string>; locations: HostLocation[] }[] = [
  { desc: "has no locations by default", env: {}, locations: [] },
  { desc: "takes an empty list", env: { NPM_LOCATIONS: "[]" }, locations: [] },
  {
    desc: "keeps a location forwarding to an IPv4 address, with its optional fields",
    env: {
      NPM_LOCATIONS: JSON.stringify([{
        ...API,
        forward_host: "10.0.0.9",
        forward_path: "/v1",
        advanced_config: "proxy_buffering off;",
      }]),
    },
    locations: [{
      ...API,
      forward_host: "10.0.0.9",
      forward_path: "/v1",
      advanced_config: "proxy_buffering off;",
    }],
  },
  {
    desc: "keeps an IPv6 address",
    env: { NPM_LOCATIONS: JSON.stringify([{ ...API, forward_host: "fd00::9" }]) },
    locations: [{ ...API, forward_host: "fd00::9" }],
  },
  {
    desc: "resolves this container's own name to the address the host forwards to",
    env: { NPM_LOCATIONS: JSON.stringify([{ ...API, forward_host: "web" }]) },
    locations: [{ ...API, forward_host: "172.18.0.5" }],
  },
];

for (const c of cases) {
  Deno.test(`desiredState() ${c.desc}`, () => {
    const state = desiredState(container({ env: c.env }), NPM_BESIDE);
    assertDesired(state);
    assert.deepEqual(state.hosts[0].fields.locations, c.locations);
  });
}

/** Bad values of NPM_LOCATIONS: what the case is, the value (or env), what the reason says. */
const refused: [string, string | Record<string, string>, string][] = [
  ["NPM_LOCATIONS that is not JSON", "[{path:/api}]", "is not JSON"],
  ["NPM_LOCATIONS that is not a list", '{"path":"/api"}', "is not a list of NPM locations"],
  [
    "a location without forward_port",
    '[{"path":"/a","forward_scheme":"http","forward_host":"10.0.0.1"}]',
    "0.forward_port",
  ],
  [
    "a location with a field NPM does not know",
    JSON.stringify([{ ...API, forward_host: "10.0.0.1", cache: true }]),
    "cache",
  ],
  [
    "a location with an ftp scheme",
    JSON.stringify([{ ...API, forward_scheme: "ftp", forward_host: "10.0.0.1" }]),
    "0.forward_scheme",
  ],
  ["a location naming another host", JSON.stringify([{ ...API, forward_host: "db" }]), '"db"'],
  [
    "a location naming this container when it forwards to a host name",
    {
      NPM_FORWARD_HOST: "app.internal",
      NPM_LOCATIONS: JSON.stringify([{ ...API, forward_host: "web" }]),
    },
    "is not an address",
  ],
];

testRefused(refused.map(([desc, value, mentions]): RefusedCase => ({
  desc,
  env: typeof value === "string" ? { NPM_LOCATIONS: value } : value,
  variable: "NPM_LOCATIONS",
  mentions,
})));
