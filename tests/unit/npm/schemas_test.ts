import assert from "node:assert/strict";
import {
  otherHostListSchema,
  parseAnswer,
  proxyHostListSchema,
  proxyHostRowSchema,
  statusSchema,
  tokenSchema,
} from "../../../lib/npm/schemas.ts";
import { toProxyHost } from "../../../lib/npm/to_proxy_host.ts";
import { proxyHostRow } from "./_scripted_fetch.ts";
import { WEB_LAN_FIELDS } from "../../support/npm_fixtures.ts";

const URL = "http://npm:81/api/nginx/proxy-hosts";
const SCHEMA_DIR = new globalThis.URL("../../../../shared/npm-api/schema/", import.meta.url);

Deno.test("proxyHostRowSchema tolerates extra keys and NPM's nulls", () => {
  const row = { ...proxyHostRow(3, "web.lan"), advanced_config: null, meta: null, extra: 1 };
  const parsed = parseAnswer(proxyHostRowSchema, row, { url: URL })._unsafeUnwrap();
  assert.equal(parsed.advanced_config, "");
  assert.deepEqual(parsed.meta, {});
});

Deno.test("proxyHostRowSchema reads the 0/1 flags of older NPM releases as booleans", () => {
  const row = {
    ...proxyHostRow(3, "web.lan"),
    enabled: 1,
    hsts_enabled: 0,
    allow_websocket_upgrade: 1,
  };
  const parsed = parseAnswer(proxyHostRowSchema, row, { url: URL })._unsafeUnwrap();
  assert.equal(parsed.enabled, true);
  assert.equal(parsed.hsts_enabled, false);
  assert.equal(parsed.allow_websocket_upgrade, true);
  assert.ok(parseAnswer(proxyHostRowSchema, { ...row, enabled: 2 }, { url: URL }).isErr());
});

Deno.test("parseAnswer() names the field at fault", () => {
  const rows = [proxyHostRow(1, "a.lan"), { ...proxyHostRow(2, "b.lan"), forward_port: "80" }];
  const error = parseAnswer(proxyHostListSchema, rows, { url: URL })._unsafeUnwrapErr();
  assert.equal(error.kind, "npm_bad_response");
  assert.ok(error.kind === "npm_bad_response" && error.detail.startsWith("1.forward_port: "));
  assert.equal(error.kind === "npm_bad_response" && error.url, URL);
});

Deno.test("parseAnswer() rejects a meta that is not an object", () => {
  const row = { ...proxyHostRow(1, "a.lan"), meta: "x" };
  const error = parseAnswer(proxyHostRowSchema, row, { url: URL })._unsafeUnwrapErr();
  assert.ok(error.kind === "npm_bad_response" && error.detail.startsWith("meta: "));
});

Deno.test("toProxyHost() keeps the model's fields, lower-cases domains and reads the owner", () => {
  const meta = { managed_by: "EnvoyNPM", container_id: "c1", nginx_online: true };
  const row = { ...proxyHostRow(4, "Web.LAN", meta), enabled: false };
  const host = toProxyHost(parseAnswer(proxyHostRowSchema, row, { url: URL })._unsafeUnwrap());
  const owner = { managed_by: "EnvoyNPM", container_id: "c1", created_at: "", comments: "" };
  assert.deepEqual(host, { id: 4, enabled: false, meta, owner, ...WEB_LAN_FIELDS });
});

Deno.test("toProxyHost() reads no owner from a hand-made host's meta", () => {
  const row = proxyHostRow(4, "web.lan", { nginx_online: true });
  const host = toProxyHost(parseAnswer(proxyHostRowSchema, row, { url: URL })._unsafeUnwrap());
  assert.equal(host.owner, null);
});

async function example(path: string): Promise<unknown> {
  const text = await Deno.readTextFile(new globalThis.URL(path, SCHEMA_DIR));
  return JSON.parse(text).responses["200"].content["application/json"].examples.default.value;
}

const schemaDirExists = await Deno.stat(SCHEMA_DIR).then(() => true, () => false);

Deno.test({
  name: "schemas accept the examples of NPM's own OpenAPI files",
  ignore: !schemaDirExists,
  fn: async () => {
    const table: [string, { safeParse(value: unknown): { success: boolean } }][] = [
      ["paths/nginx/proxy-hosts/get.json", proxyHostListSchema],
      ["paths/nginx/redirection-hosts/get.json", otherHostListSchema],
      ["paths/nginx/dead-hosts/get.json", otherHostListSchema],
      ["paths/tokens/post.json", tokenSchema],
      ["paths/get.json", statusSchema],
    ];
    for (const [path, schema] of table) {
      assert.ok(schema.safeParse(await example(path)).success, path);
    }
  },
});
