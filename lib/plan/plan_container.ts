/**
 * The plan for one container: the NPM writes that bring NPM in line with it,
 * as few as the change needs, and none when in sync. A container may ask for
 * several hosts (`NPM_HOST`, `NPM_HOST_1`, …): each is planned in turn on what
 * the ones before it leave, and our hosts none of them keeps go offline.
 *
 * @module
 */
export type { PlanOptions, ReconcileTarget } from "./plan_options.ts";
import type { Action, DesiredHost, NpmSnapshot } from "../model/mod.ts";
import { decideTls, withCertificate } from "./certificate.ts";
import { claim, type ClaimContext, type Claimed, heldBy } from "./claim.ts";
import { decideAccessList, withHostOptions } from "./host_options.ts";
import type { PlanOptions, ReconcileTarget } from "./plan_options.ts";
import { ownedBy, planGone, retire } from "./retire.ts";

/** The actions, in the order to apply them, that reconcile one container with NPM. */
export function planContainer(
  target: ReconcileTarget,
  snapshot: NpmSnapshot,
  options: PlanOptions,
): Action[] {
  if (target.kind === "gone") return planGone(target, snapshot, options);
  const [first] = target.hosts;
  const owned = ownedBy(snapshot, first.containerId, { ...options, legacy: true });
  // In the order planned: a host left alone at first is planned again once the others have
  // moved their domains (its domain may be free then), and its writes come after theirs.
  let planned: { readonly desired: DesiredHost; readonly claimed: Claimed }[] = [];
  let seen = snapshot;
  /** Our hosts that the hosts planned (but `except`) keep or gave up. */
  const keptBy = (except?: DesiredHost) =>
    new Set(planned.flatMap((entry) => entry.desired === except ? [] : entry.claimed.handled));
  const plan = (desired: DesiredHost) => {
    const context = { snapshot: seen, owned, kept: keptBy(desired) };
    const claimed = planHost(desired, context, options);
    planned = [...planned.filter((entry) => entry.desired !== desired), { desired, claimed }];
    seen = withDomainMoves(seen, claimed.actions);
  };
  target.hosts.forEach(plan);
  if (target.hosts.length > 1) {
    planned.filter(({ claimed }) => claimed.actions.some(({ kind }) => kind === "skip"))
      .forEach(({ desired }) => plan(desired));
  }
  const actions = planned.flatMap(({ claimed }) => claimed.actions);
  const kept = keptBy();
  // Our hosts none of its hosts keeps (a removed NPM_HOST_<n>, an old domain) go offline.
  const retired = owned.filter(({ host }) => !kept.has(host.id))
    .flatMap((host) => retire(host, { ...options, containerName: first.containerName }));
  return [...retired, ...actions];
}

/** The container a target is about. */
export function targetContainerId(target: ReconcileTarget): string {
  return target.kind === "running" ? target.hosts[0].containerId : target.containerId;
}

/** The actions for one host of a running container (see {@linkcode claim}). */
function planHost(desired: DesiredHost, context: ClaimContext, options: PlanOptions): Claimed {
  const { snapshot } = context;
  const access = decideAccessList(desired, snapshot.accessLists ?? []);
  // A named access list NPM lacks: never publish unprotected; a host of ours goes offline.
  if (access.kind === "unknown") return { actions: [], handled: [] };
  const fields = withHostOptions(desired, {
    ...(access.kind === "list" ? { accessList: access.accessList } : {}),
    npmVersion: snapshot.npmVersion,
  });
  const tls = decideTls({ ...desired, fields }, {
    certificates: snapshot.certificates,
    now: Date.parse(options.now),
    requestBlocked: options.requestBlocked,
  });
  // A certificate named but missing: publishing without it is not what was asked; what it has
  // stays as it is.
  if (tls.kind === "unknown") return { actions: [], handled: heldBy(desired, context) };
  const asked = { ...desired, fields };
  const wanted = tls.kind === "certificate"
    ? { ...asked, fields: withCertificate(asked, tls.certificate) }
    : asked;
  const claimed = claim(wanted, context, options);
  // Two steps, never one: the plain host serves first (nothing left to write for it), then the
  // certificate is requested; the next plan switches the host to it.
  if (tls.kind !== "request" || claimed.actions.length > 0) return claimed;
  const request: Action = {
    domain: wanted.domain.toLowerCase(),
    containerId: wanted.containerId,
    containerName: wanted.containerName,
    kind: "request_certificate",
    domains: wanted.fields.domain_names,
  };
  return { actions: [request], handled: claimed.handled };
}

/** NPM's state as the later hosts of a container see it: domains moved by updates and deletes. */
function withDomainMoves(snapshot: NpmSnapshot, actions: readonly Action[]): NpmSnapshot {
  const deleted = new Set(
    actions.flatMap((action) => action.kind === "delete" ? [action.hostId] : []),
  );
  const moved = new Map(
    actions.flatMap((action) =>
      action.kind === "update" && action.changes.domain_names
        ? [[action.hostId, action.changes.domain_names] as const]
        : []
    ),
  );
  if (deleted.size === 0 && moved.size === 0) return snapshot;
  return {
    ...snapshot,
    proxyHosts: snapshot.proxyHosts.filter((host) => !deleted.has(host.id)).map((host) => {
      const domains = moved.get(host.id);
      return domains === undefined ? host : { ...host, domain_names: domains };
    }),
  };
}
