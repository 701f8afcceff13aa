/**
 * Container → desired NPM proxy host, as pure functions.
 *
 * A container is managed when it has `NPM_HOST` or `NPM_HOST_<n>`. Each
 * `NPM_HOST_<n>` (n = 1, 2, …) is one more proxy host, whose settings
 * `NPM_X_<n>` override `NPM_X` (sites.ts). Each setting `NPM_X` is
 * read from the env var `NPM_X` first (CasaOS can set env vars but not
 * labels), else the label `NPM_X`, else the label `envoynpm.x`
 * (lower-case: `envoynpm.host`, `envoynpm.enable_ws`). A setting present
 * but empty counts as set.
 *
 * | setting | meaning | default |
 * | --- | --- | --- |
 * | `NPM_HOST` | the domains to serve, comma-separated; `*.x` allowed; Unicode becomes punycode (with a note) | (unmanaged) |
 * | `NPM_PORT` | the app's port in the container, 1 to 65535 | required |
 * | `NPM_FORWARD_SCHEME` | `http` or `https` | `http` |
 * | `NPM_FORWARD_HOST` | where NPM forwards to: host name, IPv4 or IPv6 | chosen from the networks |
 * | `NPM_NETWORK` | the network whose IP NPM forwards to | a network shared with NPM |
 * | `NPM_SSL` and its companions | HTTPS; see `tls.ts` | `false` |
 * | `NPM_ENABLE_WS` | `allow_websocket_upgrade` | `false` |
 * | `NPM_ENABLE_HSTS` | `hsts_enabled` | `false` |
 * | `NPM_ADVANCED_CONFIG` | nginx directives; on one line, `\n` means a line break | `""` |
 * | `NPM_ACCESS_LIST` and the switches | see `host_options.ts` | none, `false` |
 * | `NPM_LOCATIONS` | NPM's locations as JSON; see `locations.ts` | `[]` |
 * | `NPM_STOP_ACTION` | `disable`, `maintenance` or `keep` when it stops | `STOP_ACTION` |
 * | `NPM_HEALTH` | `follow` its Docker healthcheck, or `ignore` it | `follow` |
 *
 * Switches take true/false, 1/0, yes/no or on/off in any case. Values are
 * never trimmed: a stray space is refused with a reason, not hidden.
 *
 * @module
 */
import type { SettingProblem } from "../model/mod.ts";
export { type DesiredOptions, desiredState } from "./desired_state.ts";
export type { NpmPlacement } from "./forward_host.ts";
export { type HealthMode, parseStopAction, STOP_ACTION_NAMES, stopPolicy } from "./stop_policy.ts";

/** A setting problem as one sentence, naming its variable once. */
export function describeProblem(problem: SettingProblem): string {
  return problem.reason.includes(problem.variable)
    ? problem.reason
    : `${problem.variable}: ${problem.reason}`;
}
