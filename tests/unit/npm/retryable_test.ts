import assert from "node:assert/strict";
import { isRetryable, isTransient } from "../../../lib/npm/retryable.ts";
import type { NpmError } from "../../../lib/npm/types.ts";

const URL = "http://npm:81/api/";

/** Each error with whether the request is sent again, and whether the reconcile is run again. */
const TABLE: [NpmError, retryable: boolean, transient: boolean][] = [
  [{ kind: "npm_unreachable", url: URL, cause: "Connection refused" }, true, true],
  [{ kind: "npm_timeout", url: URL, timeoutMs: 10 }, true, true],
  [{ kind: "npm_server_error", url: URL, status: 503, message: "x" }, true, true],
  [{ kind: "npm_not_found", url: URL, message: "Not Found" }, false, true],
  [{ kind: "npm_rejected", url: URL, status: 400, message: "Bad" }, false, false],
  [{ kind: "npm_auth_failed", email: "a@b.c", message: "x" }, false, false],
  [{ kind: "npm_two_factor", email: "a@b.c" }, false, false],
  [{ kind: "npm_domain_in_use", domain: "a.lan", message: "x" }, false, false],
  [{ kind: "npm_bad_response", url: URL, detail: "x" }, false, false],
];

Deno.test("isRetryable() sends again after transport and server failures only", () => {
  for (const [error, retryable] of TABLE) assert.equal(isRetryable(error), retryable, error.kind);
});

Deno.test("isTransient() runs a reconcile again after what isRetryable() retries and npm_not_found", () => {
  for (const [error, , transient] of TABLE) assert.equal(isTransient(error), transient, error.kind);
});
