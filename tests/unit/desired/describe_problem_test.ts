import assert from "node:assert/strict";
import { describeProblem } from "../../../lib/desired/mod.ts";

Deno.test("describeProblem() names the variable once", () => {
  assert.equal(
    describeProblem({ variable: "NPM_PORT", reason: 'NPM_PORT "80a" is not a port' }),
    'NPM_PORT "80a" is not a port',
  );
  assert.equal(
    describeProblem({ variable: "NPM_FORWARD_HOST", reason: "Container web has no address" }),
    "NPM_FORWARD_HOST: Container web has no address",
  );
});
