import assert from "node:assert/strict";
import { applyControl, parseDoubleArgs } from "../../../lib/npm_double/cli.ts";
import type { Delays } from "../../../lib/npm_double/mod.ts";

Deno.test("npm double cli: parseDoubleArgs() reads the port, the account and each op's cost", () => {
  const args = parseDoubleArgs(["--port", "8081", "--create-ms", "580", "--list-ms", "60"]);
  assert.deepEqual(args._unsafeUnwrap(), {
    port: 8081,
    email: "admin@example.com",
    password: "changeme",
    delays: { create: 580, list: 60 },
  });
  assert.equal(
    parseDoubleArgs(["--create-ms", "fast"])._unsafeUnwrapErr(),
    "--create-ms must be a whole number ≥ 0",
  );
  assert.match(parseDoubleArgs(["--nope"])._unsafeUnwrapErr(), /nope/);
});

Deno.test("npm double cli: applyControl() sets the delays a stdin line names, refuses others", () => {
  const set: Delays[] = [];
  assert.equal(applyControl('{"delays":{"create":0,"list":5}}', (d) => set.push(d)), null);
  assert.deepEqual(set, [{ create: 0, list: 5 }]);
  assert.match(applyControl("nope", () => {}) ?? "", /^Not JSON/);
  assert.match(applyControl('{"delays":{"reload":1}}', () => {}) ?? "", /^Bad delay/);
  assert.match(applyControl('{"delays":{"create":-1}}', () => {}) ?? "", /^Bad delay/);
  assert.match(applyControl("{}", () => {}) ?? "", /^No "delays"/);
});
