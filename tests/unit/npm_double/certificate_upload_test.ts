import assert from "node:assert/strict";
import { call, failure, withDouble } from "./_client.ts";
import { selfSigned, upload } from "../../support/pem.ts";

type Row = Record<string, unknown> & { id: number; meta: Record<string, unknown> };

async function customCertificate(npm: Parameters<typeof upload>[0], token: string) {
  const answer = await call(npm, "POST", "/api/nginx/certificates", {
    token,
    body: { provider: "other", nice_name: "Home" },
  });
  return (answer.body as Row).id;
}

Deno.test("npm double: an upload stores the PEMs in meta, the CN as domain and the expiry", () =>
  withDouble(async (npm, token) => {
    const pem = await selfSigned("app.lan", { days: 30 });
    const id = await customCertificate(npm, token);
    const answer = await upload(npm, id, {
      token,
      files: { certificate: pem.certificate, certificate_key: pem.key },
    });
    assert.deepEqual(answer, {
      status: 200,
      body: { certificate: pem.certificate, certificate_key: pem.key },
    });
    const list = await call(npm, "GET", "/api/nginx/certificates", { token });
    const row = (list.body as Row[])[0];
    // NPM takes only the subject's CN, not the SAN names.
    assert.deepEqual(row.domain_names, ["app.lan"]);
    assert.equal(row.nice_name, "Home");
    // The private key is in the list, as in NPM.
    assert.deepEqual(row.meta, { certificate: pem.certificate, certificate_key: pem.key });
    const expected = new Date(Date.now() + 30 * 86_400_000);
    assert.equal(String(row.expires_on).slice(0, 10), expected.toISOString().slice(0, 10));
    const entries = npm.auditLog();
    assert.deepEqual(entries.map((e) => e.action), ["created", "updated"]);
    assert.deepEqual(entries[1].meta, {
      id,
      domain_names: ["app.lan"],
      meta: { certificate: true, certificate_key: true },
      nice_name: "Home",
    });
  }));

Deno.test("npm double: an upload with a bad key, a bad certificate or no certificate is NPM's 400", () =>
  withDouble(async (npm, token) => {
    const pem = await selfSigned("app.lan");
    const id = await customCertificate(npm, token);
    const badKey = await upload(npm, id, {
      token,
      files: { certificate: pem.certificate, certificate_key: "not a key" },
    });
    assert.equal(failure(badKey), "400 Certificate Key is not valid ()");
    const badCert = await upload(npm, id, {
      token,
      files: { certificate: "junk", certificate_key: pem.key },
    });
    assert.match(failure(badCert), /^400 Certificate is not valid \(Could not read certificate/);
    const keyOnly = await upload(npm, id, { token, files: { certificate_key: pem.key } });
    assert.equal(failure(keyOnly), "400 Certificate file was not provided");
    const row = npm.certificates()[0];
    assert.deepEqual([row.domain_names, row.meta], [[], {}]);
    assert.equal(npm.writes(), 1);
  }));

Deno.test("npm double: an upload without file parts is 400 'No files were uploaded'", () =>
  withDouble(async (npm, token) => {
    const id = await customCertificate(npm, token);
    const fields = await upload(npm, id, {
      token,
      files: {},
      fields: { certificate: "text", certificate_key: "text" },
    });
    assert.deepEqual(fields, { status: 400, body: { error: "No files were uploaded" } });
    const json = await call(npm, "POST", `/api/nginx/certificates/${id}/upload`, {
      token,
      body: { certificate: "x" },
    });
    assert.deepEqual(json, { status: 400, body: { error: "No files were uploaded" } });
  }));

Deno.test("npm double: a key that does not match the certificate is accepted, as NPM never compares them", () =>
  withDouble(async (npm, token) => {
    const [one, two] = await Promise.all([selfSigned("one.lan"), selfSigned("two.lan")]);
    const id = await customCertificate(npm, token);
    const answer = await upload(npm, id, {
      token,
      files: { certificate: one.certificate, certificate_key: two.key },
    });
    assert.equal(answer.status, 200);
  }));

Deno.test("npm double: no upload onto a Let's Encrypt certificate or an unknown id", () =>
  withDouble(async (npm, token) => {
    const pem = await selfSigned("app.lan");
    const files = { certificate: pem.certificate, certificate_key: pem.key };
    const le = npm.addCertificate({ domain_names: ["app.lan"] });
    assert.equal(
      failure(await upload(npm, le.id, { token, files })),
      "400 Cannot upload certificates for this type of provider",
    );
    assert.equal(failure(await upload(npm, 9, { token, files })), "404 Not Found - 9");
    const intermediate = await customCertificate(npm, token);
    const withChain = await upload(npm, intermediate, {
      token,
      files: { ...files, intermediate_certificate: pem.certificate },
    });
    assert.deepEqual(Object.keys(withChain.body as object).sort(), [
      "certificate",
      "certificate_key",
      "intermediate_certificate",
    ]);
  }));

Deno.test("npm double: an expired certificate is NPM's 400; the CN is the subject's first value", () =>
  withDouble(async (npm, token) => {
    const old = await selfSigned("old.lan", { expired: true });
    const id = await customCertificate(npm, token);
    const expired = await upload(npm, id, {
      token,
      files: { certificate: old.certificate, certificate_key: old.key },
    });
    assert.equal(failure(expired), "400 Certificate is not valid (Certificate has expired)");
    // NPM's pattern takes the first "=" value of `subject=O = Acme, CN = app.lan`.
    const acme = await selfSigned("app.lan", { subject: "/O=Acme/CN=app.lan" });
    const answer = await upload(npm, id, {
      token,
      files: { certificate: acme.certificate, certificate_key: acme.key },
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(npm.certificates()[0].domain_names, ["Acme,"]);
  }));
