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
