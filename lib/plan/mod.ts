/**
 * The plan: desired state and NPM's state in, the fewest NPM writes out. Pure.
 *
 * @module
 */
export { planContainer, targetContainerId } from "./plan_container.ts";
export { type CertificateOptions, covers, decideTls, type TlsDecision } from "./certificate.ts";
export type { PlanOptions, ReconcileTarget } from "./plan_container.ts";
export { describeAction, type DescribeOptions } from "./describe.ts";
export {
  type AccessListDecision,
  decideAccessList,
  knowsTrustForwardedProto,
  trustForwardedProtoGap,
} from "./host_options.ts";
