/**
 * The controller: queue, reconciler, Docker watch, and the reports they make.
 *
 * @module
 */
export { type ControllerOptions, runController } from "./controller.ts";
export type {
  AccessListView,
  ContainerView,
  ControllerEvent,
  ControllerListener,
  HostView,
  Problem,
  TlsView,
} from "./reports.ts";
export { createLogListener } from "./log_listener.ts";
export { describeTls } from "./tls_report.ts";
export { describeAccessList, describeLifecycle } from "./host_report.ts";
export type { Observations, ReconcileOutcome } from "./outcome.ts";
export { Reconciler, type ReconcilerOptions } from "./reconciler.ts";
export { type LoginRefused, waitForLogin } from "./wait_for_login.ts";
