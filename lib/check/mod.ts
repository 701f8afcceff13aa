/**
 * Read-only audits of NPM for `envoynpm check`.
 *
 * @module
 */
export { auditUpstreams, describeFinding, upstreamName } from "./audit.ts";
export type { FindingPlace, UpstreamFinding } from "./audit.ts";
