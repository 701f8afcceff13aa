/**
 * What EnvoyNPM did about a container, in words, for the dashboard and
 * `/api/state`: folded from what the controller reported (the container,
 * NPM's hosts, the skips), never from a guess.
 *
 * @module
 */
import type { ContainerSkip, ContainerView } from "../controller/reports.ts";
import type { ManagedHostView } from "./types.ts";

/** A container's state in one word, and a sentence saying what EnvoyNPM did about it. */
export interface Verdict {
  /** `published`, `offline`, `skipped`, `pending`, `stopped`, `invalid` or `unmanaged`. */
  readonly status: string;
  readonly did: string;
}

/** Says what EnvoyNPM did about `view`, given the hosts it owns. */
export function verdictOf(
  view: ContainerView,
  context: { readonly hosts: readonly ManagedHostView[] },
): Verdict {
  const host = context.hosts.find((h) => h.containerId === view.id && h.enabled) ??
    context.hosts.find((h) => h.containerId === view.id);
  switch (view.state) {
    case "unmanaged":
      return { status: "unmanaged", did: "Nothing: it has no NPM_HOST" };
    case "invalid":
      return { status: "invalid", did: "Nothing written: its settings are invalid" };
    case "stopped":
      if (host === undefined) return { status: "stopped", did: "Nothing: it is stopped" };
      return host.enabled
        ? { status: "stopped", did: stoppedEnabled(host.id, view.stopAction) }
        : { status: "stopped", did: `Disabled host #${host.id} while it is stopped` };
  }
  if (view.skip !== undefined) return { status: "skipped", did: skipSentence(view.skip) };
  if (view.health?.followed && view.health.status !== "healthy") {
    return { status: "pending", did: healthSentence(view.health.status, host) };
  }
  if (host === undefined) return { status: "pending", did: "Not published yet" };
  if (!host.enabled) return { status: "pending", did: `Host #${host.id} is disabled for now` };
  if (host.nginxOnline === false) {
    return {
      status: "offline",
      did: `Published as host #${host.id}, but nginx refused its configuration`,
    };
  }
  return { status: "published", did: `Published as host #${host.id}` };
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

function stoppedEnabled(hostId: number, stopAction: ContainerView["stopAction"]): string {
  if (stopAction === "maintenance") return `Stopped; host #${hostId} shows the maintenance page`;
  if (stopAction === "keep") return `Stopped; host #${hostId} is kept as it is (stop action keep)`;
  return `Stopped; host #${hostId} is still enabled for now`;
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
