/**
 * Policies C, B, A-1 and A-2 for one host of a container: which host holds its domains (or
 * stands for it), and whether it is ours to write; write_host.ts makes the writes.
 *
 * @module
 */
import type { Action, DesiredHost, NpmSnapshot, ProxyHost } from "../model/mod.ts";
import { MANAGER_NAME } from "../model/mod.ts";
import { hostDomain } from "./owner.ts";
import type { PlanOptions } from "./plan_options.ts";
import { isOurs, type OwnedHost } from "./retire.ts";
import { ADOPTED, createHost, matchHost, subjectOf } from "./write_host.ts";

/** What planning one host of a container gave. */
export interface Claimed {
  readonly actions: readonly Action[];
  /** The hosts of ours it keeps (its host), or gave up (deleted): not to be retired. */
  readonly handled: readonly number[];
}

/** What {@linkcode claim} needs besides the host and the plan's options. */
export interface ClaimContext {
  /** NPM's state as the container's hosts planned before this one leave it. */
  readonly snapshot: NpmSnapshot;
  /** Our hosts of the container. */
  readonly owned: readonly OwnedHost[];
  /** The hosts of ours that hosts planned before this one keep. */
  readonly kept: ReadonlySet<number>;
}

/**
 * Policies C, B, A-1 and A-2 for one host of a container. The host that holds its first domain is
 * the one to write (else the one holding another of its domains, else its own host of the same
 * site, which a renamed domain moves, else a new one). Another host of ours, of the container or
 * of one that no longer asks for its domains, that holds one of its domains gives them up (it is
 * deleted: NPM serves a domain on one host only). A domain held by anyone else leaves the whole
 * host alone, and what stands for it now (its own host, serving its other or former domains)
 * stays as it is: a conflict takes nothing offline.
 */
export function claim(
  desired: DesiredHost,
  context: ClaimContext,
  options: PlanOptions,
): Claimed {
  const { snapshot } = context;
  const domains = desired.fields.domain_names.map((domain) => domain.toLowerCase());
  const holders = snapshot.proxyHosts.filter((host) =>
    domains.some((domain) => holdsDomain(host, domain))
  );
  if (holders.length === 0) {
    const other = domains.find((domain) =>
      snapshot.otherHostDomains.some((held) => held.toLowerCase() === domain)
    );
    if (other !== undefined) {
      const skip: Action = { ...skipOf(desired, other), reason: "other_host_kind" };
      return { actions: [skip], handled: heldBy(desired, context) };
    }
    const own = siteHost(desired, context, options);
    if (own !== undefined) {
      return { actions: matchHost(own, desired, options), handled: [own.host.id] };
    }
    return { actions: [createHost(desired, options)], handled: [] };
  }
  const main = mainHolder(holders, desired);
  // Held by a host an earlier one of the container's hosts keeps as it is: nothing to do yet.
  if (holders.some((host) => context.kept.has(host.id))) return { actions: [], handled: [] };
  const extras = holders.filter((holder) => holder !== main);
  for (const host of extras) {
    const refused = refusal(host, { desired, domains, options, extra: true });
    if (refused !== undefined) return { actions: [refused], handled: heldBy(desired, context) };
  }
  const releases = extras.map((host): Action => ({
    ...subjectOf(desired),
    domain: (host.domain_names[0] ?? desired.domain).toLowerCase(),
    kind: "delete",
    hostId: host.id,
  }));
  const refused = refusal(main, { desired, domains, options, extra: false });
  if (refused !== undefined) return { actions: [refused], handled: heldBy(desired, context) };
  // NPM_ADOPT: a hand-made host becomes ours in one write, keeping its id (so its certificate
  // and statistics stay).
  const owner = main.owner ?? {
    managed_by: MANAGER_NAME,
    container_id: ADOPTED,
    created_at: options.now,
    comments: "",
  };
  return {
    actions: [...releases, ...matchHost({ host: main, owner }, desired, options)],
    handled: [main.id, ...extras.map((host) => host.id)],
  };
}

/**
 * Our hosts of the container that stand for the desired host (holding one of its domains, or of
 * its site): what a host left alone keeps as it is.
 */
export function heldBy(desired: DesiredHost, context: ClaimContext): number[] {
  return context.owned.filter(({ host, owner }) =>
    (owner.site ?? "") === desired.site ||
    desired.fields.domain_names.some((domain) => holdsDomain(host, domain.toLowerCase()))
  ).map(({ host }) => host.id);
}

/**
 * The holder to write: one holding the first domain before one holding another; among those,
 * ours of this container (of its site first) before anyone else's, and an enabled one first.
 */
function mainHolder(holders: readonly ProxyHost[], desired: DesiredHost): ProxyHost {
  const rank = (host: ProxyHost) =>
    (host.enabled ? 0 : 0.5) + (holdsDomain(host, desired.domain.toLowerCase()) ? 0 : 4) +
    (host.owner?.container_id !== desired.containerId
      ? 2
      : (host.owner.site ?? "") === desired.site
      ? 0
      : 1);
  return [...holders].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * The host of ours that stands for the desired host's site, so that a renamed domain moves it:
 * the container's own, else that of a container of the same name that no longer asks for it
 * (Docker names are unique: the container was recreated, as when its settings change).
 */
function siteHost(
  desired: DesiredHost,
  context: ClaimContext,
  options: PlanOptions,
): OwnedHost | undefined {
  const ofSite = ({ host, owner }: OwnedHost) =>
    (owner.site ?? "") === desired.site && !context.kept.has(host.id);
  const own = context.owned.find(ofSite);
  if (own !== undefined) return own;
  return context.snapshot.proxyHosts.flatMap((host): OwnedHost[] => {
    const owner = host.owner;
    if (owner === null || owner.container_name !== desired.containerName) return [];
    const mine = isOurs(owner, { instanceId: options.instanceId, legacy: true });
    const asked = host.domain_names.some((name) =>
      options.isActiveClaim(owner.container_id, name.toLowerCase())
    );
    return mine && !asked ? [{ host, owner }] : [];
  }).find(ofSite);
}

/** Whether a host holds `domain` (lower-case). */
export function holdsDomain(host: ProxyHost, domain: string): boolean {
  return host.domain_names.some((name) => name.toLowerCase() === domain);
}

/**
 * The skip when `host`, holding some of the desired domains, is not ours to write: hand-made
 * (unless adopted: only the host of the first domain is), another instance's, or held by another
 * running container. An `extra` holder (not the one to write) is deleted when ours, of this
 * container or of one that no longer asks for its domains (a container recreated with its hosts
 * merged has a new id).
 */
function refusal(
  host: ProxyHost,
  input: {
    readonly desired: DesiredHost;
    readonly domains: readonly string[];
    readonly options: PlanOptions;
    readonly extra: boolean;
  },
): Action | undefined {
  const { desired, options } = input;
  const domain = input.domains.find((name) => holdsDomain(host, name)) ?? desired.domain;
  const skip = skipOf(desired, domain);
  const owner = host.owner;
  if (owner === null) {
    return desired.adopt && !input.extra
      ? undefined
      : { ...skip, reason: "foreign_host", hostId: host.id };
  }
  if (
    !isOurs(owner, { instanceId: options.instanceId, legacy: true })
  ) {
    return {
      ...skip,
      reason: "other_instance",
      hostId: host.id,
      holderInstanceId: owner.instance_id,
    };
  }
  const holder = owner.container_id;
  if (holder === desired.containerId) return undefined;
  // The holder keeps the host while it still asks for one of its domains: this one, the host's
  // own, or another (taking the host would take the holder's domain too).
  const held = [domain, hostDomain(host, owner), ...host.domain_names].some((name) =>
    options.isActiveClaim(holder, name.toLowerCase())
  );
  return held
    ? { ...skip, reason: "domain_conflict", hostId: host.id, holderContainerId: holder }
    : undefined;
}

/** A skip of the desired host, for `domain` (the reason and holder to be added). */
function skipOf(desired: DesiredHost, domain: string): Extract<Action, { kind: "skip" }> {
  return { ...subjectOf(desired), domain, kind: "skip", reason: "foreign_host" };
}
