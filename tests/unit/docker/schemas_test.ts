import assert from "node:assert/strict";
import { parseWireText, versionSchema } from "../../../lib/docker/schemas.ts";

Deno.test("parseWireText() returns the checked value", () => {
  const text = '{"Version":"20.10.24","ApiVersion":"1.41","Os":"linux"}';
  assert.deepEqual(parseWireText(versionSchema, text, { path: "/version" })._unsafeUnwrap(), {
    Version: "20.10.24",
    ApiVersion: "1.41",
  });
});

Deno.test("parseWireText() names the fields that do not match", () => {
  const error = parseWireText(versionSchema, '{"Version":7}', { path: "/version" })
    ._unsafeUnwrapErr();
  assert.equal(error.kind, "docker_bad_response");
  assert.match(error.kind === "docker_bad_response" ? error.detail : "", /Version: .*ApiVersion: /);
});

Deno.test("parseWireText() reports text that is not JSON", () => {
  const error = parseWireText(versionSchema, "<html>", { path: "/version" })._unsafeUnwrapErr();
  assert.deepEqual(
    { kind: error.kind, path: error.kind === "docker_bad_response" ? error.path : "" },
    { kind: "docker_bad_response", path: "/version" },
  );
  assert.match(error.kind === "docker_bad_response" ? error.detail : "", /^Invalid JSON/);
});

Deno.test("parseWireText() refuses an API version that is not like 1.41", () => {
  const text = '{"Version":"29.0.0","ApiVersion":"1.52/../x","MinAPIVersion":"1.44"}';
  const error = parseWireText(versionSchema, text, { path: "/version" })._unsafeUnwrapErr();
  assert.match(error.kind === "docker_bad_response" ? error.detail : "", /^ApiVersion: /);
});
