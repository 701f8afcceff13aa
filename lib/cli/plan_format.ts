/**
 * What `envoynpm plan` prints: the reconciler's actions and the containers it
 * could not use, as lines for people or one JSON document for machines. Pure.
 *
 * @module
 */
import {
  type AccessListView,
  type ContainerView,
  type ControllerEvent,
  describeAccessList,
  describeLifecycle,
  describeTls,
  type TlsView,
} from "../controller/mod.ts";
import type { Action, SettingProblem } from "../model/mod.ts";
import { describeAction } from "../plan/mod.ts";

/** A container and what is wrong with its settings. */
export interface ContainerProblems {
  readonly id: string;
  readonly name: string;
  /** The first domain of its first host, when it has one. */
  readonly domain?: string;
  readonly problems: readonly SettingProblem[];
}

/** Everything a dry-run reconcile reported, in the order it happened. */
export interface PlanReport {
  readonly actions: readonly Action[];
  /** Running containers that ask for a host but whose settings are invalid. */
  readonly invalid: readonly ContainerProblems[];
  /** Containers that get their hosts, with warnings about their settings. */
  readonly warnings: readonly ContainerProblems[];
  /** Container names by id, for the holder of a domain conflict. */
  readonly names: Readonly<Record<string, string>>;
  /** What each host of a running container asking for HTTPS gets: its certificate, or why not. */
  readonly tls: readonly {
    readonly name: string;
    readonly domain: string;
    readonly tls: TlsView;
  }[];
  /** The access list of each host of a running container naming one: NPM's, or why not. */
  readonly accessLists?: readonly {
    readonly name: string;
    readonly domain: string;
    readonly accessList: AccessListView;
  }[];
  /** What each managed container's host shows once it stops, and its healthcheck's state. */
  readonly lifecycle: readonly {
    readonly name: string;
    readonly stopAction: string;
    readonly health?: ContainerView["health"];
  }[];
}

/** Builds the report from the events a dry-run reconcile emitted. */
export function planReport(events: readonly ControllerEvent[]): PlanReport {
  const views = new Map<string, ContainerView>();
  const actions: Action[] = [];
  for (const event of events) {
    if (event.type === "container") views.set(event.container.id, event.container);
    if (event.type === "action") actions.push(event.action);
  }
  const running = [...views.values()].filter((view) => view.running);
  const problemsOf = (view: ContainerView): ContainerProblems => ({
    id: view.id,
    name: view.name,
    ...(view.hosts?.[0] === undefined ? {} : { domain: view.hosts[0].domain }),
    problems: view.problems,
  });
  const hosts = running.flatMap(({ name, hosts }) => (hosts ?? []).map((host) => ({ name, host })));
  return {
    actions,
    invalid: running.filter((view) => view.state === "invalid").map(problemsOf),
    warnings: running.filter((view) => view.state === "desired" && view.problems.length > 0)
      .map(problemsOf),
    names: Object.fromEntries([...views.values()].map((view) => [view.id, view.name])),
    tls: hosts.flatMap(({ name, host: { domain, tls } }) =>
      tls === undefined ? [] : [{ name, domain, tls }]
    ),
    accessLists: hosts.flatMap(({ name, host: { domain, accessList } }) =>
      accessList === undefined ? [] : [{ name, domain, accessList }]
    ),
    lifecycle: [...views.values()].flatMap((view) =>
      view.stopAction === undefined ? [] : [{
        name: view.name,
        stopAction: view.stopAction,
        ...(view.health ? { health: view.health } : {}),
      }]
    ),
  };
}

/** The NPM writes of a report (every action but `skip`). */
export function writeCount(report: PlanReport): number {
  return report.actions.filter((action) => action.kind !== "skip").length;
}

/** The text `envoynpm plan` prints. */
export function formatPlan(report: PlanReport): string {
  const lines = report.actions.flatMap((action) => describeAction(action, { names: report.names }));
  const writes = writeCount(report);
  lines.push(
    writes === 0
      ? "Nothing to do: NPM is in sync"
      : `${writes} ${writes === 1 ? "write" : "writes"} to NPM planned; nothing was written`,
  );
  for (const item of report.invalid) {
    for (const problem of item.problems) {
      lines.push(`invalid container ${item.name}: ${problem.reason}`);
    }
  }
  for (const item of report.warnings) {
    for (const problem of item.problems) {
      lines.push(`warning ${item.domain ?? ""} (container ${item.name}): ${problem.reason}`);
    }
  }
  for (const item of report.tls) {
    lines.push(`https ${item.domain} (container ${item.name}): ${describeTls(item.tls)}`);
  }
  for (const item of report.accessLists ?? []) {
    const text = describeAccessList(item.accessList);
    lines.push(`access list ${item.domain} (container ${item.name}): ${text}`);
  }
  // The default (disable, no healthcheck) goes unsaid, as before these settings existed.
  for (const item of report.lifecycle) {
    if (item.stopAction === "disable" && item.health === undefined) continue;
    lines.push(`container ${item.name}: ${describeLifecycle(item)}`);
  }
  return lines.join("\n");
}

/** The JSON document `envoynpm plan --json` prints. */
export function planJson(report: PlanReport): Record<string, unknown> {
  return {
    inSync: writeCount(report) === 0,
    writes: writeCount(report),
    actions: report.actions.map((action) => ({
      kind: action.kind,
      domain: action.domain,
      container: { id: action.containerId, name: action.containerName },
      ...actionDetails(action, report.names),
      text: describeAction(action, { names: report.names }),
    })),
    invalid: report.invalid.map(containerJson),
    warnings: report.warnings.map(containerJson),
    https: report.tls.map((item) => ({ container: item.name, domain: item.domain, ...item.tls })),
    accessLists: (report.accessLists ?? []).map((item) => ({
      container: item.name,
      domain: item.domain,
      ...item.accessList,
    })),
    lifecycle: report.lifecycle,
  };
}

function actionDetails(
  action: Action,
  names: Readonly<Record<string, string>>,
): Record<string, unknown> {
  switch (action.kind) {
    case "create": {
      const { forward_scheme, forward_host, forward_port } = action.fields;
      return { forward: `${forward_scheme}://${forward_host}:${forward_port}` };
    }
    case "update":
      return { hostId: action.hostId, enable: action.enable, diff: action.diff };
    case "enable":
    case "disable":
    case "delete":
      return { hostId: action.hostId };
    case "request_certificate":
      return { domains: action.domains };
    case "skip": {
      const holder = action.holderContainerId;
      return {
        reason: action.reason,
        ...(action.hostId === undefined ? {} : { hostId: action.hostId }),
        ...(holder === undefined ? {} : { holder: { id: holder, name: names[holder] ?? null } }),
      };
    }
  }
}

function containerJson(item: ContainerProblems): Record<string, unknown> {
  return {
    container: { id: item.id, name: item.name },
    ...(item.domain === undefined ? {} : { domain: item.domain }),
    problems: item.problems.map(({ variable, reason }) => ({ variable, reason })),
  };
}
