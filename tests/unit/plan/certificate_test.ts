/** Which certificate a host gets, and the plan's two steps to a new one. */
import assert from "node:assert/strict";
import type { Certificate, TlsRequest } from "../../../lib/model/mod.ts";
import { covers, decideTls, planContainer } from "../../../lib/plan/mod.ts";
import { desired, fields, host, NOW, ownMeta, snapshot, stored } from "./_factories.ts";

const TLS: TlsRequest = {
  request: false,
  forced: true,
  http2: true,
  hsts: false,
  hstsSubdomains: false,
};
const DAY = 86_400_000;
const now = Date.parse(NOW);

function certificate(id: number, names: string[], expiresInDays: number): Certificate {
  return {
    id,
    niceName: `cert ${id}`,
    domainNames: names,
    expiresAt: now + expiresInDays * DAY,
    provider: "other",
  };
}

Deno.test("covers() takes the exact name, or a wildcard one label up, in any case", () => {
  const wildcard = certificate(1, ["*.home.lan", "home.lan"], 30);
  const table: [string, boolean][] = [
    ["home.lan", true],
    ["app.home.lan", true],
    ["APP.Home.lan", true],
    ["a.b.home.lan", false],
    ["other.lan", false],
  ];
  for (const [domain, covered] of table) assert.equal(covers(wildcard, domain), covered, domain);
});

const cases: {
  desc: string;
  tls?: TlsRequest;
  certificates: Certificate[];
  blocked?: string;
  expect: string;
}[] = [
  { desc: "serves HTTP when not asked", tls: undefined, certificates: [], expect: "http" },
  {
    desc: "picks a wildcard over an expired exact one",
    certificates: [certificate(1, ["app.lan"], -1), certificate(2, ["*.lan"], 40)],
    expect: "certificate 2",
  },
  {
    desc: "prefers the one that expires last",
    certificates: [
      certificate(1, ["app.lan"], 10),
      certificate(2, ["app.lan"], 80),
      certificate(3, ["*.lan"], 50),
    ],
    expect: "certificate 2",
  },
  {
    desc: "takes the one named by id",
    tls: { ...TLS, certificate: { id: 1 } },
    certificates: [certificate(1, ["app.lan"], 10), certificate(2, ["app.lan"], 80)],
    expect: "certificate 1",
  },
  {
    desc: "takes the one named by name, with a warning when it does not cover the domain",
    tls: { ...TLS, certificate: { name: "cert 3" } },
    certificates: [certificate(3, ["other.lan"], 80)],
    expect: "certificate 3 (warned)",
  },
  {
    desc: "leaves the host as it is when the named one does not exist",
    tls: { ...TLS, certificate: { name: "gone" } },
    certificates: [certificate(1, ["app.lan"], 10)],
    expect: "unknown",
  },
  {
    desc: "serves HTTP only, saying why, when none fits and none may be asked for",
    certificates: [certificate(1, ["app.lan"], -3)],
    expect: "http_only",
  },
  {
    desc: "asks Let's Encrypt when none fits and the container allows it",
    tls: { ...TLS, request: true },
    certificates: [],
    expect: "request",
  },
  {
    desc: "waits after a failed request",
    tls: { ...TLS, request: true },
    certificates: [],
    blocked: "failed an hour ago",
    expect: "http_only",
  },
];

for (const c of cases) {
  Deno.test(`decideTls() ${c.desc}`, () => {
    const wanted = { ...desired(), ...("tls" in c ? (c.tls ? { tls: c.tls } : {}) : { tls: TLS }) };
    const decision = decideTls(wanted, {
      certificates: c.certificates,
      now,
      requestBlocked: () => c.blocked,
    });
    const shown = decision.kind === "certificate"
      ? `certificate ${decision.certificate.id}${decision.warning ? " (warned)" : ""}`
      : decision.kind;
    assert.equal(shown, c.expect);
    if (decision.kind === "http_only" && c.blocked) assert.equal(decision.reason, c.blocked);
  });
}

Deno.test("planContainer() switches our host to a fitting certificate in one PUT, flags included", () => {
  const actions = planContainer(
    { kind: "running", hosts: [{ ...desired(), tls: { ...TLS, hsts: true } }] },
    { ...snapshot([host()]), certificates: [certificate(7, ["*.lan"], 60)] },
    { now: NOW, enforce: false, isActiveClaim: () => false },
  );
  assert.equal(actions.length, 1);
  const [update] = actions;
  assert.equal(update.kind, "update");
  assert.deepEqual(update.kind === "update" && update.changes, {
    certificate_id: 7,
    ssl_forced: true,
    http2_support: true,
    hsts_enabled: true,
  });
});

Deno.test("planContainer() asks for a certificate only once the plain host serves, never in a create", () => {
  const wanted = { ...desired(), tls: { ...TLS, request: true } };
  const options = { now: NOW, enforce: false, isActiveClaim: () => false };
  const first = planContainer({ kind: "running", hosts: [wanted] }, snapshot([]), options);
  assert.deepEqual(first.map((action) => action.kind), ["create"]);
  assert.equal(first[0].kind === "create" && first[0].fields.certificate_id, 0);
  const serving = planContainer({ kind: "running", hosts: [wanted] }, snapshot([host()]), options);
  assert.deepEqual(serving.map((action) => action.kind), ["request_certificate"]);
  const disabled = planContainer(
    { kind: "running", hosts: [wanted] },
    snapshot([host({ enabled: false })]),
    options,
  );
  assert.deepEqual(disabled.map((action) => action.kind), ["enable"], "serve first");
});

Deno.test("planContainer() writes nothing for a container naming a certificate NPM does not have", () => {
  const actions = planContainer(
    { kind: "running", hosts: [{ ...desired(), tls: { ...TLS, certificate: { id: 99 } } }] },
    snapshot([]),
    { now: NOW, enforce: false, isActiveClaim: () => false },
  );
  assert.deepEqual(actions, []);
});

Deno.test("planContainer() keeps a certificate attached by hand to a host applied before certificates were managed", () => {
  const old = host({ certificate_id: 5, ssl_forced: true, http2_support: true });
  const actions = planContainer({ kind: "running", hosts: [desired()] }, snapshot([old]), {
    now: NOW,
    enforce: false,
    isActiveClaim: () => false,
  });
  assert.deepEqual(actions, [], "a hand edit survives, as every hand edit does");
});

Deno.test("planContainer() writes nothing to a host in sync applied by an EnvoyNPM before the later fields", () => {
  const {
    certificate_id: _c,
    ssl_forced: _s,
    http2_support: _h,
    hsts_enabled: _e,
    hsts_subdomains: _u,
    ...before
  } = fields();
  const old = host({ meta: stored(ownMeta({ last_applied: before })) });
  const actions = planContainer({ kind: "running", hosts: [desired()] }, snapshot([old]), {
    now: NOW,
    enforce: false,
    isActiveClaim: () => false,
  });
  assert.deepEqual(actions, [], "no write just to spell out the new fields");
});
