/**
 * What a container's host gets after a reconcile, for the status page and `plan`: its HTTPS
 * (lib/controller/tls_report.ts), its access list, and the warnings for what it does not get as
 * asked (an access list NPM lacks, `NPM_TRUST_FORWARDED_PROTO` on an NPM older than 2.14).
 *
 * @module
 */
import type { DesiredHost, NpmSnapshot } from "../model/mod.ts";
import { decideAccessList, trustForwardedProtoGap } from "../plan/mod.ts";
import type { AccessListView, ContainerSkip, ContainerView, Problem, TlsView } from "./reports.ts";
import { containerWarning } from "./problems.ts";
import { tlsReport } from "./tls_report.ts";

/** What {@linkcode hostReport} looks at besides the container's wish. */
export interface HostReportOptions {
  readonly snapshot: NpmSnapshot;
  /** Epoch milliseconds. */
  readonly now: number;
  /** Why a Let's Encrypt request for these names must wait; else undefined. */
  readonly requestBlocked?: (domains: readonly string[]) => string | undefined;
}

/** The view additions of `desired`'s host (HTTPS, access list) and its warnings. */
export function hostReport(
  desired: DesiredHost,
  options: HostReportOptions,
): {
  readonly view: { readonly tls?: TlsView; readonly accessList?: AccessListView };
  readonly problems: readonly Problem[];
} {
  const { snapshot } = options;
  const tls = tlsReport(desired, {
    certificates: snapshot.certificates,
    now: options.now,
    requestBlocked: options.requestBlocked,
  });
  const problems = [...tls.problems];
  const subject = { id: desired.containerId, name: desired.containerName, domain: desired.domain };
  const warn = (code: string, reason: string) =>
    problems.push(containerWarning(subject, { code, reason }));
  const access = decideAccessList(desired, snapshot.accessLists ?? []);
  let accessList: AccessListView | undefined;
  if (access.kind === "list") accessList = { ...access.accessList };
  if (access.kind === "unknown") {
    accessList = { missing: access.reason };
    warn("access_list", access.reason);
  }
  const gap = trustForwardedProtoGap(desired, snapshot.npmVersion);
  if (gap !== undefined) warn("npm_version", gap);
  const view = {
    ...(tls.view ? { tls: tls.view } : {}),
    ...(accessList ? { accessList } : {}),
  };
  return { view, problems };
}

/**
 * A container's view with what each of its hosts got (in the order of its hosts), and the skip
 * of the host whose domain was left alone.
 */
export function withHostReports(
  view: ContainerView,
  input: {
    readonly reports: readonly ReturnType<typeof hostReport>[];
    readonly skips: readonly ContainerSkip[];
  },
): ContainerView {
  if (view.hosts === undefined) return view;
  const hosts = view.hosts.map((host, i) => {
    const skip = input.skips.find((found) => host.domains.includes(found.domain));
    return { ...host, ...input.reports[i]?.view, ...(skip ? { skip } : {}) };
  });
  return { ...view, hosts };
}

/** A host's access list in words: `"staff" (#2)`, or why the host is not published. */
export function describeAccessList(view: AccessListView): string {
  return "missing" in view ? `none: ${view.missing}` : `"${view.name}" (#${view.id})`;
}

/** What a host shows once its container stops, and its healthcheck: `on stop keep, health starting`. */
export function describeLifecycle(
  view: { readonly stopAction: string; readonly health?: ContainerView["health"] },
): string {
  const health = view.health
    ? `, health ${view.health.status}${view.health.followed ? "" : " (ignored: NPM_HEALTH)"}`
    : "";
  return `on stop ${view.stopAction}${health}`;
}
