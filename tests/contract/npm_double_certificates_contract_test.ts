/**
 * Holds the double's certificates to NPM 2.15.1's schemas, read at run time
 * from `shared/npm-api/schema`: answers fit certificate-object.json and
 * certificate-list.json (and the upload answer its operation's schema), and
 * `POST /api/nginx/certificates` bodies are judged as NPM's ajv judges them.
 */
import assert from "node:assert/strict";
import { selfSigned, upload } from "../support/pem.ts";
import {
  answerAjv,
  assertFits,
  host,
  npmAjv,
  requestSchema,
  SCHEMA_DIR,
  schemaDirExists,
  schemaOf,
  send,
  withDouble,
} from "./_npm_schema.ts";

function assertFitsUploadAnswer(answer: unknown): void {
  const operation = schemaOf("paths/nginx/certificates/certID/upload/post.json") as {
    responses: { 200: { content: { "application/json": { schema: object } } } };
  };
  const validate = answerAjv.compile(operation.responses[200].content["application/json"].schema);
  assert.ok(validate(answer), answerAjv.errorsText(validate.errors));
}

const le = (extra: Record<string, unknown> = {}) => ({
  provider: "letsencrypt",
  domain_names: ["le.lan"],
  ...extra,
});

/** [name, body] for `POST /api/nginx/certificates`. */
const CORPUS: [string, unknown][] = [
  ["letsencrypt", le({ meta: { dns_challenge: false } })],
  ["other with a nice name", { provider: "other", nice_name: "Mine" }],
  ["other bare", { provider: "other" }],
  [
    "dns challenge",
    le({ meta: { dns_challenge: true, dns_provider: "x", propagation_seconds: 30 } }),
  ],
  ["key type ecdsa", le({ meta: { key_type: "ecdsa" } })],
  ["key type dsa", le({ meta: { key_type: "dsa" } })],
  ["propagation -1", le({ meta: { propagation_seconds: -1 } })],
  ["propagation '30'", le({ meta: { propagation_seconds: "30" } })],
  ["empty domain list", le({ domain_names: [] })],
  ["duplicate domains", le({ domain_names: ["a.lan", "a.lan"] })],
  ["domain with a space", le({ domain_names: ["a b"] })],
  ["domain_names a string", le({ domain_names: "a.lan" })],
  ["no provider", { domain_names: ["a.lan"] }],
  ["provider acme", { provider: "acme" }],
  ["provider a number", { provider: 1 }],
  ["unknown field", le({ bogus: 1 })],
  ["unknown meta field", le({ meta: { managed_by: "EnvoyNPM" } })],
  ["meta a string", le({ meta: "x" })],
  ["empty certificate in meta", { provider: "other", meta: { certificate: "" } }],
  ["nice_name a number", { provider: "other", nice_name: 5 }],
  ["many faults at once", { provider: "x", domain_names: "a", meta: 1, extra: true }],
  ["body an array", []],
];

if (!schemaDirExists()) {
  console.log(
    `contract: ${SCHEMA_DIR.pathname} not found: the certificate schema checks are skipped`,
  );
  Deno.test({
    name: "contract: NPM certificate schemas not found, skipped",
    ignore: true,
    fn() {},
  });
} else {
  Deno.test("contract: the double's certificate answers fit NPM's certificate schemas", () =>
    withDouble(async (npm, token) => {
      const path = "/api/nginx/certificates";
      assertFits("certificate-list", (await send(npm, "GET", path, undefined, token)).body);
      npm.addCertificate({ domain_names: ["seed.lan"], meta: { dns_challenge: false } });
      const other = await send(npm, "POST", path, { provider: "other", nice_name: "Mine" }, token);
      assert.equal(other.status, 201);
      assertFits("certificate-object", other.body);
      const pem = await selfSigned("app.lan");
      const uploaded = await upload(npm, other.body.id, {
        token,
        files: { certificate: pem.certificate, certificate_key: pem.key },
      });
      assert.equal(uploaded.status, 200);
      assertFitsUploadAnswer(uploaded.body);
      const one = await send(npm, "GET", `${path}/${other.body.id}`, undefined, token);
      assertFits("certificate-object", one.body);
      const created = await send(npm, "POST", path, le(), token);
      assertFits("certificate-object", created.body);
      for (const query of ["", "?expand=owner"]) {
        assertFits(
          "certificate-list",
          (await send(npm, "GET", path + query, undefined, token)).body,
        );
      }
      const hostAnswer = await send(
        npm,
        "POST",
        "/api/nginx/proxy-hosts",
        host("a.lan", { certificate_id: other.body.id }),
        token,
      );
      assertFits("proxy-host-object", hostAnswer.body);
      const hosts = await send(
        npm,
        "GET",
        "/api/nginx/proxy-hosts?expand=certificate",
        undefined,
        token,
      );
      assertFits("proxy-host-list", hosts.body);
      npm.letsencrypt(false);
      assertFits("error", (await send(npm, "POST", path, le(), token)).body);
      assertFits("error", (await send(npm, "GET", `${path}/99`, undefined, token)).body);
      assertFits("error", (await send(npm, "GET", path)).body);
    }));

  const validate = npmAjv.compile(requestSchema("paths/nginx/certificates/post.json") as object);
  for (const [name, body] of CORPUS) {
    Deno.test(`contract: certificate body "${name}" is judged as NPM judges it`, () =>
      withDouble(async (npm, token) => {
        const valid = validate(structuredClone(body));
        const answer = await send(npm, "POST", "/api/nginx/certificates", body, token);
        if (valid) {
          assert.notEqual(answer.status, 400, JSON.stringify(answer.body));
        } else {
          assert.equal(answer.status, 400);
          assert.deepEqual(answer.body.error, {
            code: 400,
            message: npmAjv.errorsText(validate.errors),
          });
        }
      }));
  }
}
