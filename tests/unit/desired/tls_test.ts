/** What the HTTPS settings ask for: defaults, implications, and the bad-input rule. */
import assert from "node:assert/strict";
import { desiredState } from "../../../lib/desired/mod.ts";
import type { TlsRequest } from "../../../lib/model/mod.ts";
import {
  assertDesired,
  container,
  NPM_BESIDE,
  type RefusedCase,
  testRefused,
} from "./_factories.ts";

const DEFAULTS: TlsRequest = {
  request: false,
  forced: true,
  http2: true,
  hsts: false,
  hstsSubdomains: false,
};

const cases: {
  desc: string;
  env: Record<string, string>;
  tls: TlsRequest | undefined;
  warned?: string[];
}[] = [
  { desc: "serves HTTP only without NPM_SSL", env: {}, tls: undefined },
  {
    desc: "asks for a certificate chosen by domain with NPM_SSL=true",
    env: { NPM_SSL: "true" },
    tls: DEFAULTS,
  },
  {
    desc: "takes NPM_CERTIFICATE by id, implying NPM_SSL",
    env: { NPM_CERTIFICATE: "12" },
    tls: { ...DEFAULTS, certificate: { id: 12 } },
  },
  {
    desc: "takes NPM_CERTIFICATE by name",
    env: { NPM_SSL: "yes", NPM_CERTIFICATE: "*.home.lan wildcard" },
    tls: { ...DEFAULTS, certificate: { name: "*.home.lan wildcard" } },
  },
  {
    desc: "asks Let's Encrypt with NPM_SSL_REQUEST, implying NPM_SSL, with its email",
    env: { NPM_SSL_REQUEST: "true", NPM_SSL_EMAIL: "me@example.com" },
    tls: { ...DEFAULTS, request: true, email: "me@example.com" },
  },
  {
    desc: "reads the flags",
    env: { NPM_SSL: "1", NPM_SSL_FORCED: "false", NPM_HTTP2: "off" },
    tls: { ...DEFAULTS, forced: false, http2: false },
  },
  {
    desc: "reads HSTS and HSTS for subdomains",
    env: { NPM_SSL: "1", NPM_ENABLE_HSTS: "on", NPM_HSTS_SUBDOMAINS: "yes" },
    tls: { ...DEFAULTS, hsts: true, hstsSubdomains: true },
  },
  {
    desc: "ignores HSTS without forced HTTPS, as NPM does, with a warning",
    env: { NPM_SSL: "1", NPM_SSL_FORCED: "false", NPM_ENABLE_HSTS: "on" },
    tls: { ...DEFAULTS, forced: false },
    warned: ["NPM_ENABLE_HSTS"],
  },
  {
    desc: "ignores NPM_HSTS_SUBDOMAINS without HSTS, with a warning",
    env: { NPM_SSL: "true", NPM_HSTS_SUBDOMAINS: "true" },
    tls: DEFAULTS,
    warned: ["NPM_HSTS_SUBDOMAINS"],
  },
  {
    desc: "warns that HTTPS flags mean nothing on an HTTP-only host",
    env: { NPM_ENABLE_HSTS: "true", NPM_SSL_FORCED: "true" },
    tls: undefined,
    warned: ["NPM_SSL_FORCED"],
  },
  {
    desc: "lets NPM_SSL=false win over NPM_CERTIFICATE, with a warning",
    env: { NPM_SSL: "false", NPM_CERTIFICATE: "3" },
    tls: undefined,
    warned: ["NPM_SSL"],
  },
  {
    desc: "says DNS challenges are not supported, and goes on with HTTP-01",
    env: { NPM_SSL_REQUEST: "true", NPM_SSL_DNS_PROVIDER: "cloudflare" },
    tls: { ...DEFAULTS, request: true },
    warned: ["NPM_SSL_DNS_PROVIDER"],
  },
];

for (const c of cases) {
  Deno.test(`desiredState() ${c.desc}`, () => {
    const state = desiredState(container({ env: c.env }), NPM_BESIDE);
    assertDesired(state);
    assert.deepEqual(state.hosts[0].tls, c.tls);
    assert.deepEqual(state.warnings.map((w) => w.variable), c.warned ?? []);
    assert.equal(
      state.hosts[0].fields.hsts_enabled,
      false,
      "the plan sets HSTS with a certificate",
    );
  });
}

const bad: RefusedCase[] = [
  {
    desc: "an empty NPM_CERTIFICATE",
    env: { NPM_CERTIFICATE: "" },
    variable: "NPM_CERTIFICATE",
    mentions: "is empty",
  },
  {
    desc: "a bad NPM_SSL_EMAIL",
    env: { NPM_SSL: "true", NPM_SSL_EMAIL: "me" },
    variable: "NPM_SSL_EMAIL",
    mentions: "not an email",
  },
  {
    desc: "a bad NPM_HTTP2",
    env: { NPM_SSL: "true", NPM_HTTP2: "fast" },
    variable: "NPM_HTTP2",
    mentions: "yes/no",
  },
  {
    desc: "a bad NPM_SSL_REQUEST",
    env: { NPM_SSL_REQUEST: "please" },
    variable: "NPM_SSL_REQUEST",
    mentions: "yes/no",
  },
];

testRefused(bad);
