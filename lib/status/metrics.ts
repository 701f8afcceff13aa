/**
 * EnvoyNPM's Prometheus metrics, counted from the controller's event stream
 * and rendered for `GET /metrics`.
 *
 * @module
 */
import type { ContainerView, ControllerEvent, ControllerListener } from "../controller/reports.ts";
import { createEngineTracker } from "./engines.ts";
import { createRegistry, type Labels } from "./prometheus.ts";
import { managedHostViews, skipViews } from "./state_store.ts";

/** The upper bounds, in seconds, of the reconcile duration histogram. */
export const RECONCILE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const WRITE_KINDS = ["create", "update", "enable", "disable"];

/** A listener that counts events, and the text it renders. */
export interface Metrics {
  readonly listener: ControllerListener;
  /** Every metric in Prometheus' text format 0.0.4. */
  render(): string;
}

/** Makes the metrics, every counter and gauge at 0. */
export function createMetrics(): Metrics {
  const registry = createRegistry();
  const dockerEvents = registry.counter(
    "envoynpm_docker_events_total",
    "Docker container events received, by action (the part before any colon).",
  );
  const npmWrites = registry.counter(
    "envoynpm_npm_writes_total",
    "Successful writes to NPM's proxy hosts, by kind.",
    { zero: WRITE_KINDS.map((kind) => ({ kind })) },
  );
  const npmErrors = registry.counter(
    "envoynpm_npm_errors_total",
    "Failed NPM writes by action kind, and NPM's reported errors (npm_*, nginx_rejected, *_refused) by code.",
  );
  const reconcileDuration = registry.histogram(
    "envoynpm_reconcile_duration_seconds",
    "How long one reconcile took.",
    { buckets: RECONCILE_BUCKETS },
  );
  const managedHosts = registry.gauge(
    "envoynpm_managed_hosts",
    "Proxy hosts EnvoyNPM owns in NPM's last snapshot.",
  );
  const conflicts = registry.gauge(
    "envoynpm_conflicts",
    "Containers asking for a domain another container holds.",
  );
  const certificateExpiry = registry.gaugeSet(
    "envoynpm_certificate_expiry_seconds",
    "When the certificate of each HTTPS host of a running container expires, in Unix seconds.",
  );
  const dockerConnected = registry.gauge(
    "envoynpm_docker_connected",
    "1 while Docker's event stream is connected, else 0.",
  );
  const engineConnected = registry.gaugeSet(
    "envoynpm_engine_connected",
    "1 while the event stream of each engine is connected, when one EnvoyNPM watches several.",
  );
  const engines = createEngineTracker();
  /** The latest view of each container, for the conflicts and certificate gauges. */
  const containers = new Map<string, ContainerView>();

  function listener(event: ControllerEvent): void {
    switch (event.type) {
      case "docker_connection":
        engines.apply(event);
        dockerConnected.set(engines.allConnected() ? 1 : 0);
        engineConnected.replace(
          engines.list().filter(({ engine }) => engine !== "")
            .map(({ engine, connected }) => [{ engine }, connected ? 1 : 0] as const),
        );
        break;
      case "docker_event":
        dockerEvents.inc({ action: event.event.action.split(":")[0].trim() });
        break;
      case "npm_snapshot":
        managedHosts.set(managedHostViews(event.snapshot).length);
        break;
      case "action":
        if (event.outcome === "failed") npmErrors.inc({ kind: event.action.kind });
        else if (WRITE_KINDS.includes(event.action.kind)) {
          npmWrites.inc({ kind: event.action.kind });
        }
        break;
      case "reconcile":
        reconcileDuration.observe(event.durationMs / 1000);
        break;
      case "problem":
        if (event.problem.severity === "error" && isNpmProblem(event.problem.code)) {
          npmErrors.inc({ kind: event.problem.code });
        }
        break;
      case "container":
        containers.set(event.container.id, event.container);
        break;
      case "container_removed":
        containers.delete(event.id);
        break;
      default:
        break;
    }
    const conflicting = skipViews(containers.values())
      .filter((skip) => skip.reason === "domain_conflict").map((skip) => skip.containerId);
    conflicts.set(new Set(conflicting).size);
    certificateExpiry.replace(certificateExpiries(containers.values()));
  }

  return { listener, render: registry.render };
}

/** When the certificate of each HTTPS host of a running container expires, by its first domain. */
function certificateExpiries(
  containers: Iterable<ContainerView>,
): (readonly [Labels, number])[] {
  return [...containers].filter((view) => view.running).flatMap((view) => view.hosts ?? [])
    .flatMap(({ domain, tls }) => {
      const expiresAt = tls && "certificate" in tls ? tls.certificate.expiresAt : null;
      return expiresAt ? [[{ domain }, Math.floor(Date.parse(expiresAt) / 1000)] as const] : [];
    });
}

/** Whether an error problem is NPM's (not Docker's, not EnvoyNPM's own). */
function isNpmProblem(code: string): boolean {
  return code.startsWith("npm_") || code === "nginx_rejected" || code.endsWith("_refused");
}
