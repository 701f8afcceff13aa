/**
 * Read-only audits of NPM for `envoynpm check`: upstreams named by host name,
 * and enabled hosts nginx does not serve.
 *
 * @module
 */
export { auditUpstreams, describeFinding, upstreamName } from "./audit.ts";
export type { FindingPlace, UpstreamFinding } from "./audit.ts";
export { describeOffline, offlineHosts } from "./offline.ts";
export type { OfflineHost } from "./offline.ts";
export { describeExpiring, expiringHosts, EXPIRY_WARNING_DAYS } from "./expiring.ts";
export type { ExpiringHost } from "./expiring.ts";
