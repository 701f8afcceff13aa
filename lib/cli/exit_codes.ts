/**
 * The process's exit codes, one meaning each.
 *
 * @module
 */

/** Exit codes of `envoynpm`. */
export const EXIT = {
  /** Done, or stopped by SIGINT/SIGTERM. */
  ok: 0,
  /** `healthcheck` and `check`: not healthy / problems found. */
  unhealthy: 1,
  /** Bad command line or bad configuration. */
  usage: 2,
  /** NPM refused the login (wrong credentials, two-factor account). */
  loginRefused: 3,
} as const;
