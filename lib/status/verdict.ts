/**
 * What EnvoyNPM did about a container and each of its hosts, in words, for the
 * dashboard and `/api/state`: folded from what the controller reported (the
 * container, its hosts and their skips, NPM's hosts), never from a guess.
 *
 * @module
 */
import type { ContainerSkip, ContainerView, HostView } from "../controller/reports.ts";
import type { ManagedHostView } from "./types.ts";

/** A state in one word, and a sentence saying what EnvoyNPM did about it. */
export interface Verdict {
  /** `published`, `offline`, `skipped`, `pending`, `stopped`, `invalid` or `unmanaged`. */
  readonly status: string;
  readonly did: string;
}

/** A container's verdict, and the verdict of each of its hosts. */
export interface ContainerVerdict extends Verdict {
  /** One per host of the container (`ContainerView.hosts`), in the same order. */
  readonly hosts: readonly Verdict[];
}

/**
 * Says what EnvoyNPM did about `view` and each of its hosts, given the NPM hosts it owns. A host
 * is NPM's host of the same container and first domain. A container with hosts takes the status
 * of its first host that is not `published` (else `published`), and their sentences joined.
 */
export function verdictOf(
  view: ContainerView,
  context: { readonly hosts: readonly ManagedHostView[] },
): ContainerVerdict {
  const owned = context.hosts.filter((host) => host.containerId === view.id);
  const hosts = (view.hosts ?? []).map((host) => {
    const found = owned.filter((npmHost) => npmHost.domain === host.domain);
    return view.state === "stopped"
      ? stoppedVerdict(found, view.stopAction)
      : hostVerdict(view, { skip: host.skip, found });
  });
  switch (view.state) {
    case "unmanaged":
      return { status: "unmanaged", did: "Nothing: it has no NPM_HOST", hosts };
    case "invalid":
      return { status: "invalid", did: "Nothing written: its settings are invalid", hosts };
    case "stopped":
      return { ...stoppedVerdict(owned, view.stopAction), hosts };
  }
  const verdicts = hosts.length > 0 ? hosts : [hostVerdict(view, { found: [] })];
  return {
    status: verdicts.find((verdict) => verdict.status !== "published")?.status ?? "published",
    did: verdicts.map((verdict) => verdict.did).join("; "),
    hosts,
  };
}

/** The verdict of one host of a running container: its skip, else NPM's host `found` for it. */
function hostVerdict(
  view: ContainerView,
  host: { readonly skip?: HostView["skip"]; readonly found: readonly ManagedHostView[] },
): Verdict {
  if (host.skip !== undefined) return { status: "skipped", did: skipSentence(host.skip) };
  const found = host.found.find((npmHost) => npmHost.enabled) ?? host.found[0];
  if (view.health?.followed && view.health.status !== "healthy") {
    return { status: "pending", did: healthSentence(view.health.status, found) };
  }
  if (found === undefined) return { status: "pending", did: "Not published yet" };
  if (!found.enabled) return { status: "pending", did: `Host #${found.id} is disabled for now` };
  if (found.nginxOnline === false) {
    return {
      status: "offline",
      did: `Published as host #${found.id}, but nginx refused its configuration`,
    };
  }
  return { status: "published", did: `Published as host #${found.id}` };
}

function healthSentence(status: string, host: ManagedHostView | undefined): string {
  const which = host === undefined
    ? "not published yet"
    : host.enabled
    ? `host #${host.id} is left as it is for now`
    : `host #${host.id} is disabled`;
  return status === "starting"
    ? `Waiting for its healthcheck: ${which}`
    : `Unhealthy (its stop action applies after STOP_GRACE): ${which}`;
}

/** What a stopped container's hosts (`owned`) show: the enabled ones, then the disabled ones. */
function stoppedVerdict(
  owned: readonly ManagedHostView[],
  stopAction: ContainerView["stopAction"],
): Verdict {
  const enabled = owned.filter((host) => host.enabled).map((host) => host.id);
  const disabled = owned.filter((host) => !host.enabled).map((host) => host.id);
  const sentences = [
    ...(enabled.length > 0 ? [stoppedEnabled(enabled, stopAction)] : []),
    ...(disabled.length > 0 ? [`Disabled ${hostList(disabled)} while it is stopped`] : []),
  ];
  return {
    status: "stopped",
    did: sentences.length > 0 ? sentences.join("; ") : "Nothing: it is stopped",
  };
}

function stoppedEnabled(
  hostIds: readonly number[],
  stopAction: ContainerView["stopAction"],
): string {
  const one = hostIds.length === 1;
  const hosts = hostList(hostIds);
  if (stopAction === "maintenance") {
    return `Stopped; ${hosts} ${one ? "shows" : "show"} the maintenance page`;
  }
  if (stopAction === "keep") {
    return `Stopped; ${hosts} ${
      one ? "is kept as it is" : "are kept as they are"
    } (stop action keep)`;
  }
  return `Stopped; ${hosts} ${one ? "is" : "are"} still enabled for now`;
}

/** `host #3`, or `hosts #3, #4`. */
function hostList(hostIds: readonly number[]): string {
  const ids = hostIds.map((id) => `#${id}`).join(", ");
  return hostIds.length === 1 ? `host ${ids}` : `hosts ${ids}`;
}

function skipSentence(skip: ContainerSkip): string {
  switch (skip.reason) {
    case "foreign_host":
      return `Skipped: ${skip.domain} is held by hand-made host #${skip.hostId}`;
    case "other_host_kind":
      return `Skipped: ${skip.domain} is held by a redirection or 404 host`;
    case "other_instance":
      return `Skipped: ${skip.domain} is held by host #${skip.hostId} of another EnvoyNPM instance`;
    case "domain_conflict":
      return `Skipped: container ${
        skip.holderName ?? skip.holderContainerId?.slice(0, 12)
      } holds ${skip.domain}`;
  }
}
