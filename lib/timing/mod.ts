/**
 * Waiting: an abortable sleep and the backoff between retries, shared by the
 * NPM client, the controller and the NPM double.
 *
 * @module
 */
export { backoffDelay, type BackoffOptions } from "./backoff.ts";
export { sleep } from "./sleep.ts";
