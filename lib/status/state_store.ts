/**
 * Folds the controller's event stream into the {@linkcode StateView} that
 * `GET /api/state` and the dashboard show.
 *
 * @module
 */
import type { ContainerView, ControllerEvent, ControllerListener } from "../controller/reports.ts";
import { describeTls } from "../controller/tls_report.ts";
import { describeAccessList, describeLifecycle } from "../controller/host_report.ts";
import type { Action, NpmSnapshot } from "../model/mod.ts";
import { VERSION } from "../version.ts";
import type {
  ActionRecord,
  ContainerRow,
  ErrorRecord,
  ManagedHostView,
  OutageView,
  SkipView,
  StateView,
} from "./types.ts";
import { createEngineTracker } from "./engines.ts";
import { verdictOf } from "./verdict.ts";

/** Options of {@linkcode createStateStore}. */
export interface StateStoreOptions {
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** How many recent actions and errors to keep each. @default 50 */
  readonly recentLimit?: number;
}

/** A listener that folds events, and the view it has built so far. */
export interface StateStore {
  readonly listener: ControllerListener;
  /** A fresh, JSON-able copy of the state. */
  view(): StateView;
}

/** The hosts of a snapshot that EnvoyNPM owns (its `owner`), sorted by domain. */
export function managedHostViews(snapshot: NpmSnapshot): ManagedHostView[] {
  return snapshot.proxyHosts
    .filter((host) => host.owner !== null)
    .map((host) => ({
      id: host.id,
      domain: host.domain_names[0] ?? "",
      enabled: host.enabled,
      forward: `${host.forward_scheme}://${host.forward_host}:${host.forward_port}`,
      containerId: host.owner?.container_id ?? "",
      nginxOnline: typeof host.meta.nginx_online === "boolean" ? host.meta.nginx_online : null,
    }))
    .sort((a, b) => a.domain.localeCompare(b.domain) || a.id - b.id);
}

/** Each host of a running container whose domain was left alone, by domain then container. */
export function skipViews(containers: Iterable<ContainerView>): SkipView[] {
  return [...containers].filter((view) => view.running).flatMap((view) =>
    (view.hosts ?? []).flatMap(({ skip }): SkipView[] => {
      if (skip === undefined) return [];
      const { holderName: _, ...rest } = skip;
      return [{ ...rest, containerId: view.id, containerName: view.name }];
    })
  ).sort((a, b) =>
    a.domain.localeCompare(b.domain) || a.containerName.localeCompare(b.containerName)
  );
}

/** How the dashboard lists `container`: its verdict and its hosts', all in words too. */
function containerRow(
  container: ContainerView,
  context: { readonly hosts: readonly ManagedHostView[] },
): ContainerRow {
  const { hosts: verdicts, ...verdict } = verdictOf(container, context);
  return {
    ...container,
    ...verdict,
    hosts: (container.hosts ?? []).map((host, i) => ({
      ...host,
      ...verdicts[i],
      https: host.tls ? describeTls(host.tls) : "",
      access: host.accessList ? describeAccessList(host.accessList) : "",
    })),
    lifecycle: container.stopAction === undefined
      ? ""
      : describeLifecycle({ stopAction: container.stopAction, health: container.health }),
  };
}

/** Makes a store that starts empty: Docker disconnected, NPM not yet asked. */
export function createStateStore(options: StateStoreOptions = {}): StateStore {
  const now = options.now ?? Date.now;
  const limit = options.recentLimit ?? 50;
  const containers = new Map<string, ContainerView>();
  const engines = createEngineTracker();
  let lastNpmAnswer: StateView["lastNpmAnswer"] = null;
  const outages: Record<"npm" | "docker", OutageView | null> = { npm: null, docker: null };
  let managedHosts: ManagedHostView[] = [];
  let recentActions: ActionRecord[] = [];
  let recentErrors: ErrorRecord[] = [];

  function pushError(at: string, error: Omit<ErrorRecord, "at" | "count">): void {
    const key = errorKey(error);
    const before = recentErrors.find((record) => errorKey(record) === key);
    const rest = recentErrors.filter((record) => record !== before);
    recentErrors = [{ ...error, at, count: (before?.count ?? 0) + 1 }, ...rest].slice(0, limit);
  }

  function listener(event: ControllerEvent): void {
    const at = new Date(now()).toISOString();
    switch (event.type) {
      case "docker_connection":
        engines.apply(event);
        break;
      case "npm_answer":
        lastNpmAnswer = { ok: event.ok, at };
        break;
      case "outage":
        outages[event.service] = event.down
          ? { since: new Date(now() - event.forMs).toISOString(), cause: event.cause }
          : null;
        break;
      case "container":
        containers.set(event.container.id, event.container);
        break;
      case "container_removed":
        containers.delete(event.id);
        break;
      case "npm_snapshot":
        managedHosts = managedHostViews(event.snapshot);
        break;
      case "action": {
        const { action, outcome, durationMs, error, hostId } = event;
        const record = actionRecord(action, { at, outcome, durationMs, error, hostId });
        recentActions = [record, ...recentActions].slice(0, limit);
        if (outcome === "failed") {
          pushError(at, {
            severity: "error",
            code: `${action.kind}_failed`,
            message: error ?? `Cannot ${action.kind} proxy host "${action.domain}"`,
            containerName: action.containerName,
            containerId: action.containerId,
            domain: action.domain,
          });
        }
        break;
      }
      case "problem":
        pushError(at, event.problem);
        break;
      case "docker_event":
      case "reconcile":
        break;
    }
  }

  function view(): StateView {
    const sorted = [...containers.values()].sort((a, b) => a.name.localeCompare(b.name));
    const rows = sorted.map((container) => containerRow(container, { hosts: managedHosts }));
    const skips = skipViews(sorted);
    return structuredClone({
      version: VERSION,
      dockerConnected: engines.allConnected(),
      engines: engines.list().filter((engine) => engine.engine !== ""),
      lastNpmAnswer,
      outages,
      containers: Object.fromEntries(rows.map((row) => [row.id, row])),
      managedHosts,
      skippedHosts: skips.filter((skip) => skip.reason !== "domain_conflict"),
      conflicts: skips.filter((skip) => skip.reason === "domain_conflict"),
      recentActions,
      recentErrors,
    });
  }

  return { listener, view };
}

function actionRecord(
  action: Action,
  report: {
    at: string;
    outcome: "ok" | "failed";
    durationMs: number;
    error?: string;
    /** The host written, when NPM said (a create's new id). */
    hostId?: number;
  },
): ActionRecord {
  const hostId = report.hostId ?? ("hostId" in action ? action.hostId : undefined);
  return {
    at: report.at,
    kind: action.kind,
    domain: action.domain,
    containerId: action.containerId,
    containerName: action.containerName,
    ...(hostId === undefined ? {} : { hostId }),
    ...(action.kind === "skip" ? { reason: action.reason } : {}),
    outcome: report.outcome,
    durationMs: Math.round(report.durationMs),
    ...(report.error === undefined ? {} : { error: report.error }),
  };
}

function errorKey(error: Omit<ErrorRecord, "at" | "count">): string {
  return [error.severity, error.code, error.containerId ?? "", error.domain ?? "", error.message]
    .join("\u0000");
}
