/**
 * NPM's errors as sentences, for logs, the status page and `check`.
 *
 * @module
 */
import type { NpmError } from "./types.ts";

/** A short sentence for an NPM error, never holding a secret. */
export function describeNpmError(error: NpmError): string {
  switch (error.kind) {
    case "npm_unreachable":
      return `NPM at ${error.url} is unreachable: ${error.cause}`;
    case "npm_timeout":
      return `NPM at ${error.url} did not answer within ${error.timeoutMs} ms`;
    case "npm_server_error":
      return `NPM answered ${error.status} at ${error.url}: ${error.message}`;
    case "npm_auth_failed":
      return `NPM refused the login of ${error.email}: ${error.message}`;
    case "npm_two_factor":
      return error.refused === undefined
        ? `NPM asks ${error.email} for a two-factor code; set NPM_API_TOTP_SECRET to that ` +
          "account's two-factor secret, or use a dedicated account without two-factor login"
        : `NPM refused the two-factor code for ${error.email} (${error.refused}): check ` +
          "NPM_API_TOTP_SECRET, and that this machine's clock is right (NPM accepts the " +
          "code of the current 30 s only)";
    case "npm_domain_in_use":
      return `NPM says ${error.domain} is already in use: ${error.message}`;
    case "npm_not_found":
      return `NPM has no such host at ${error.url}: ${error.message}`;
    case "npm_rejected":
      return `NPM refused the request to ${error.url} (${error.status}): ${error.message}`;
    case "npm_bad_response":
      return `NPM answered ${error.url} with unexpected JSON: ${error.detail}`;
  }
}
