/**
 * The status side of EnvoyNPM: listeners that fold the controller's events
 * into state, metrics and health, the HTTP server that shows them, and the
 * `healthcheck` command.
 *
 * @module
 */
export { createStateStore, managedHostViews } from "./state_store.ts";
export type { StateStore, StateStoreOptions } from "./state_store.ts";
export { createMetrics, RECONCILE_BUCKETS } from "./metrics.ts";
export type { Metrics } from "./metrics.ts";
export { createRegistry } from "./prometheus.ts";
export type { Counter, Gauge, Histogram, Labels, Registry } from "./prometheus.ts";
export { createHealth, MIN_READY_WINDOW_MS, readyWindowFor } from "./health.ts";
export type { Health, HealthOptions } from "./health.ts";
export { startStatusServer } from "./server.ts";
export type { StatusServer, StatusServerOptions } from "./server.ts";
export { DASHBOARD_HTML } from "./dashboard.ts";
export { runHealthcheck } from "./healthcheck.ts";
export { localUrl } from "./listen_addr.ts";
export type { HealthcheckOptions } from "./healthcheck.ts";
export type {
  ActionRecord,
  ErrorRecord,
  HealthDetail,
  HealthReport,
  ManagedHostView,
  SkipView,
  StateView,
  StatusError,
} from "./types.ts";
