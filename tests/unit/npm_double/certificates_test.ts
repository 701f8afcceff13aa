import assert from "node:assert/strict";
import { call, failure, hostBody, withDouble } from "./_client.ts";

type Row = Record<string, unknown> & { id: number; meta: Record<string, unknown> };
const TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;
const DAY_MS = 86_400_000;

/** Milliseconds from now to an NPM local time. */
function fromNow(time: unknown): number {
  const [date, clock] = String(time).split(" ");
  const [y, m, d] = date.split("-").map(Number);
  const [h, min, s] = clock.split(":").map(Number);
  return new Date(y, m - 1, d, h, min, s).getTime() - Date.now();
}

Deno.test("npm double: certificates list seeded rows by nice name; expand=owner; unknown expand 500", () =>
  withDouble(async (npm, token) => {
    assert.deepEqual(await call(npm, "GET", "/api/nginx/certificates", { token }), {
      status: 200,
      body: [],
    });
    npm.addCertificate({ domain_names: ["b.lan"] });
    npm.addCertificate({ nice_name: "a custom", provider: "other", domain_names: ["a.lan"] });
    const list = await call(npm, "GET", "/api/nginx/certificates?expand=owner", { token });
    const rows = list.body as Row[];
    assert.deepEqual(rows.map((r) => [r.id, r.nice_name, r.provider]), [
      [2, "a custom", "other"],
      [1, "b.lan", "letsencrypt"],
    ]);
    assert.equal((rows[0].owner as { email: string }).email, npm.email);
    assert.match(String(rows[1].expires_on), TIME);
    assert.ok(Math.abs(fromNow(rows[1].expires_on) - 90 * DAY_MS) < 60_000);
    const bad = await call(npm, "GET", "/api/nginx/certificates?expand=bogus", { token });
    assert.equal(failure(bad), "500 Internal Error");
    assert.equal(npm.writes(), 0);
  }));

Deno.test("npm double: certificate endpoints without a token answer as the other endpoints do", () =>
  withDouble(async (npm) => {
    const list = await call(npm, "GET", "/api/nginx/certificates");
    assert.equal(failure(list), "404 Not Found - /nginx/certificates");
    const create = await call(npm, "POST", "/api/nginx/certificates", {
      body: { provider: "other", nice_name: "x" },
    });
    assert.equal(failure(create), "500 Internal Error");
    assert.equal(
      failure(await call(npm, "GET", "/api/nginx/certificates/1")),
      "500 Internal Error",
    );
  }));

Deno.test("npm double: certificate errors carry NPM's debug object (stack lines)", () =>
  withDouble(async (npm, token) => {
    const missing = await call(npm, "GET", "/api/nginx/certificates/7", { token });
    assert.deepEqual(missing.body, {
      error: { code: 404, message: "Not Found - 7" },
      debug: { stack: ["Error: Not Found - 7"] },
    });
    const invalid = await call(npm, "POST", "/api/nginx/certificates", {
      token,
      body: { provider: "other", bogus: 1 },
    });
    assert.equal(failure(invalid), "400 data must NOT have additional properties");
    assert.ok("debug" in (invalid.body as object));
    // Proxy-host errors stay without it.
    const host = await call(npm, "GET", "/api/nginx/proxy-hosts/7", { token });
    assert.deepEqual(host.body, { error: { code: 404, message: "Not Found - 7" } });
  }));

Deno.test("npm double: POST certificates is validated by NPM's schema", () =>
  withDouble(async (npm, token) => {
    const cases: [unknown, string][] = [
      [{}, "data must have required property 'provider'"],
      [{ provider: "acme" }, 'data/provider must match pattern "^(letsencrypt|other)$"'],
      [{ provider: "other", meta: { x: 1 } }, "data/meta must NOT have additional properties"],
      [
        { provider: "letsencrypt", domain_names: ["a b"] },
        "data/domain_names/0 must match pattern",
      ],
    ];
    for (const [body, message] of cases) {
      const answer = await call(npm, "POST", "/api/nginx/certificates", { token, body });
      assert.equal(answer.status, 400);
      assert.ok(failure(answer).startsWith(`400 ${message}`), failure(answer));
    }
    assert.equal(npm.certificates().length, 0);
  }));

Deno.test("npm double: an 'other' certificate starts without domains, expiring now, one audit entry", () =>
  withDouble(async (npm, token) => {
    const answer = await call(npm, "POST", "/api/nginx/certificates", {
      token,
      body: { provider: "other", nice_name: "My Cert" },
    });
    assert.equal(answer.status, 201);
    const row = answer.body as Row;
    assert.deepEqual(Object.keys(row).sort(), [
      "created_on",
      "domain_names",
      "expires_on",
      "id",
      "meta",
      "modified_on",
      "nice_name",
      "owner_user_id",
      "provider",
    ]);
    assert.deepEqual([row.nice_name, row.domain_names, row.meta], ["My Cert", [], {}]);
    assert.match(String(row.created_on), TIME);
    assert.equal(row.expires_on, row.created_on);
    assert.equal(npm.writes(), 1);
    const entry = npm.auditLog()[0];
    assert.deepEqual([entry.object_type, entry.action, entry.object_id], [
      "certificate",
      "created",
      1,
    ]);
  }));

Deno.test("npm double: a Let's Encrypt request that succeeds answers 201 with certbot's reading", () =>
  withDouble(async (npm, token) => {
    const answer = await call(npm, "POST", "/api/nginx/certificates", {
      token,
      body: {
        provider: "letsencrypt",
        domain_names: ["b.lan", "a.lan"],
        meta: { dns_challenge: false },
      },
    });
    assert.equal(answer.status, 201);
    const row = answer.body as Row;
    assert.equal(row.nice_name, "b.lan, a.lan");
    assert.deepEqual(row.domain_names, ["a.lan", "b.lan"]);
    assert.ok(Math.abs(fromNow(row.expires_on) - 90 * DAY_MS) < 2 * 3600_000);
    const le = row.meta.letsencrypt_certificate as {
      cn: string;
      issuer: string;
      dates: Record<string, number>;
    };
    assert.equal(le.cn, "a.lan");
    assert.equal(le.issuer, "C = US, O = Let's Encrypt, CN = E5");
    assert.equal(le.dates.to - le.dates.from, 90 * 86_400 - 1);
    // Only the answer and the audit entry carry letsencrypt_certificate; the row does not.
    const stored = await call(npm, "GET", `/api/nginx/certificates/${row.id}`, { token });
    assert.deepEqual((stored.body as Row).meta, { dns_challenge: false });
    assert.equal(npm.writes(), 1);
  }));

Deno.test("npm double: a Let's Encrypt request that fails answers 500 and leaves no row", () =>
  withDouble(async (npm, token) => {
    npm.letsencrypt(false);
    const answer = await call(npm, "POST", "/api/nginx/certificates", {
      token,
      body: { provider: "letsencrypt", domain_names: ["app.example.com"] },
    });
    assert.equal(failure(answer), "500 Internal Error");
    const debug = (answer.body as { debug: { stack: string[]; previous: { cmd: string } } }).debug;
    assert.ok(debug.stack.includes("Some challenges have failed."));
    assert.ok(debug.stack.includes("  Domain: app.example.com"));
    assert.match(debug.previous.cmd, /--cert-name npm-1 .*--domains app\.example\.com$/);
    assert.deepEqual(npm.certificates(), []);
    assert.equal(npm.writes(), 0);
    npm.letsencrypt(true);
    const next = await call(npm, "POST", "/api/nginx/certificates", {
      token,
      body: { provider: "letsencrypt", domain_names: ["app.example.com"] },
    });
    // The failed request's row was inserted, then hard-deleted: its id is spent.
    assert.equal((next.body as Row).id, 2);
    const noDomains = await call(npm, "POST", "/api/nginx/certificates", {
      token,
      body: { provider: "letsencrypt" },
    });
    assert.equal(failure(noDomains), "500 Internal Error");
  }));

Deno.test("npm double: DELETE a certificate answers true, then 404; one audit entry with meta cleaned", () =>
  withDouble(async (npm, token) => {
    npm.addCertificate({
      provider: "other",
      domain_names: ["a.lan"],
      meta: { certificate: "PEM", certificate_key: "KEY" },
    });
    assert.deepEqual(await call(npm, "DELETE", "/api/nginx/certificates/1", { token }), {
      status: 200,
      body: true,
    });
    for (const method of ["GET", "DELETE"]) {
      const gone = await call(npm, method, "/api/nginx/certificates/1", { token });
      assert.equal(failure(gone), "404 Not Found - 1");
    }
    const entry = npm.auditLog()[0];
    assert.equal(entry.action, "deleted");
    assert.deepEqual(entry.meta.meta, { certificate: true, certificate_key: true });
  }));

Deno.test("npm double: a proxy host's certificate_id is not checked; expand=certificate shows it without meta", () =>
  withDouble(async (npm, token) => {
    npm.addCertificate({ domain_names: ["a.lan"], meta: { dns_challenge: false } });
    const withCert = await call(npm, "POST", "/api/nginx/proxy-hosts", {
      token,
      body: hostBody("a.lan", { certificate_id: 1, ssl_forced: true }),
    });
    assert.equal(withCert.status, 201);
    const certificate = (withCert.body as Row).certificate as Row;
    assert.deepEqual([certificate.id, certificate.meta, certificate.is_deleted], [1, {}, false]);
    const unknown = await call(npm, "POST", "/api/nginx/proxy-hosts", {
      token,
      body: hostBody("b.lan", { certificate_id: 99 }),
    });
    assert.equal(unknown.status, 201);
    assert.equal((unknown.body as Row).certificate, null);
    assert.equal((unknown.body as Row).certificate_id, 99);
    await call(npm, "DELETE", "/api/nginx/certificates/1", { token });
    const list = await call(npm, "GET", "/api/nginx/proxy-hosts?expand=certificate", { token });
    assert.deepEqual((list.body as Row[]).map((h) => [h.certificate_id, h.certificate]), [
      [1, null],
      [99, null],
    ]);
    const cert = npm.addCertificate({ domain_names: ["c.lan"] });
    const byCert = await call(npm, "GET", `/api/nginx/certificates/${cert.id}?expand=proxy_hosts`, {
      token,
    });
    assert.deepEqual((byCert.body as Row).proxy_hosts, []);
  }));

Deno.test("npm double: certificate writes cost writeDelayMs like other writes", () =>
  withDouble(async (npm, token) => {
    const started = Date.now();
    await call(npm, "POST", "/api/nginx/certificates", { token, body: { provider: "other" } });
    assert.ok(Date.now() - started >= 150);
  }, { writeDelayMs: 150 }));
