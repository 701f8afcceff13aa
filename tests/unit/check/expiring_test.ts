import assert from "node:assert/strict";
import { describeExpiring, expiringHosts } from "../../../lib/check/mod.ts";
import type { Certificate } from "../../../lib/model/mod.ts";

const NOW = Date.parse("2025-01-02T00:00:00Z");
const DAY = 86_400_000;

function certificate(id: number, days: number, provider = "letsencrypt"): Certificate {
  return {
    id,
    niceName: `cert ${id}`,
    domainNames: ["app.lan"],
    expiresAt: NOW + days * DAY,
    provider,
  };
}

const CERTIFICATES = [
  certificate(1, 3),
  certificate(2, 40),
  certificate(3, -2, "other"),
  certificate(4, 14),
];

const cases: { desc: string; row: Record<string, unknown>; expect: number[] }[] = [
  {
    desc: "an enabled host whose certificate expires in 3 days",
    row: { certificate_id: 1 },
    expect: [3],
  },
  { desc: "not one whose certificate has 40 days left", row: { certificate_id: 2 }, expect: [] },
  { desc: "one whose certificate has expired", row: { certificate_id: 3 }, expect: [-2] },
  { desc: "not one with 14 days left", row: { certificate_id: 4 }, expect: [] },
  { desc: "not a disabled host", row: { certificate_id: 1, enabled: false }, expect: [] },
  { desc: "not a host without certificate", row: { certificate_id: 0 }, expect: [] },
  { desc: "not a host whose certificate is gone", row: { certificate_id: 9 }, expect: [] },
];

for (const c of cases) {
  Deno.test(`expiringHosts() lists ${c.desc}`, () => {
    const row = { id: 5, domain_names: ["app.lan"], enabled: true, ...c.row };
    const found = expiringHosts([row], { certificates: CERTIFICATES, now: NOW });
    assert.deepEqual(found.map((host) => host.daysLeft), c.expect);
  });
}

Deno.test("describeExpiring() names the host, the certificate, the date and what to do", () => {
  const [soon] = expiringHosts([{
    id: 5,
    domain_names: ["app.lan"],
    enabled: true,
    certificate_id: 1,
  }], {
    certificates: CERTIFICATES,
    now: NOW,
  });
  assert.equal(
    describeExpiring(soon),
    'proxy host #5 (app.lan) uses certificate "cert 1" (#1), which expires on 2025-01-05 ' +
      "(in 3 days): NPM should have renewed it: see NPM's log for certbot's error",
  );
});
