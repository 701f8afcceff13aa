/**
 * The one rule for which NPM failures are worth another try. Two predicates,
 * one built on the other, because they retry different things: a request is
 * sent again only when it may not have reached NPM or NPM was busy; a
 * container's reconcile is also run again after `npm_not_found`, because the
 * next run lists NPM again and plans from the truth, while the same request
 * would only fail the same way.
 *
 * @module
 */
import type { NpmError } from "./types.ts";

/** Whether the same request is worth sending again: it may not have reached NPM, or NPM was busy. */
export function isRetryable(error: NpmError): boolean {
  return error.kind === "npm_unreachable" || error.kind === "npm_timeout" ||
    error.kind === "npm_server_error";
}

/**
 * Whether a reconcile that failed this way is worth running again with
 * backoff: whatever {@linkcode isRetryable} retries, and `npm_not_found` (the
 * host was deleted between our listing and our write).
 */
export function isTransient(error: NpmError): boolean {
  return isRetryable(error) || error.kind === "npm_not_found";
}
