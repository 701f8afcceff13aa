/**
 * The sentences EnvoyNPM says about containers and hosts, kept in one place
 * so that logs, the status page and notifications say the same thing.
 *
 * @module
 */
import { describeProblem } from "../desired/mod.ts";
import type { Action, NpmSnapshot, SettingProblem } from "../model/mod.ts";
import { describeThrown, oneLine } from "../errors/mod.ts";
import type { Problem } from "./reports.ts";

/** The one warning for a container whose settings are invalid. */
export function invalidSettingsProblem(
  container: { id: string; name: string },
  problems: readonly SettingProblem[],
): Problem {
  const reasons = problems.map(describeProblem).join("; ");
  return {
    severity: "warning",
    code: "invalid_settings",
    message:
      `Container ${container.name} has invalid settings, so no proxy host is written: ${reasons}`,
    containerName: container.name,
    containerId: container.id,
  };
}

/** A warning about a container's host that does not block it: `Container <name>: <reason>`. */
export function containerWarning(
  container: { id: string; name: string; domain: string },
  warning: { code: string; reason: string },
): Problem {
  return {
    severity: "warning",
    code: warning.code,
    message: `Container ${container.name}: ${warning.reason}`,
    containerName: container.name,
    containerId: container.id,
    domain: container.domain,
  };
}

/** A warning about a setting that does not block the container's host. */
export function settingWarning(
  container: { id: string; name: string; domain: string },
  warning: SettingProblem,
): Problem {
  return containerWarning(container, { code: "setting_warning", reason: describeProblem(warning) });
}

/** The warning for a planned `skip`. */
export function skipProblem(
  action: Extract<Action, { kind: "skip" }>,
  holderName?: string,
): Problem {
  const who = `container ${action.containerName}`;
  const message = {
    foreign_host:
      `Domain ${action.domain} asked for by ${who} is held by proxy host #${action.hostId} that EnvoyNPM does not own; leaving it alone`,
    other_host_kind:
      `Domain ${action.domain} asked for by ${who} is held by a redirection or 404 host in NPM; leaving it alone`,
    other_instance:
      `Domain ${action.domain} asked for by ${who} is held by proxy host #${action.hostId} of another EnvoyNPM instance (${action.holderInstanceId}); leaving it alone`,
    domain_conflict: `Containers ${action.containerName} and ${
      holderName ?? action.holderContainerId?.slice(0, 12)
    } both ask for ${action.domain}; the one that held it first keeps it`,
  }[action.reason];
  return {
    severity: "warning",
    code: action.reason,
    message,
    containerName: action.containerName,
    containerId: action.containerId,
    domain: action.domain,
    // The holder, however it is named (its name may not be known yet).
    detail: `${action.holderContainerId ?? ""}#${action.hostId ?? ""}`,
  };
}

/** The error for a host whose configuration nginx refused. */
export function nginxRejectedProblem(
  subject: { domain: string; containerName: string; containerId: string; hostId: number },
  nginxError: string,
): Problem {
  return {
    severity: "error",
    code: "nginx_rejected",
    message:
      `nginx refused the configuration of ${subject.domain} (container ${subject.containerName}, host #${subject.hostId}), so NPM does not serve it: ${
        oneLine(nginxError)
      }. Fix NPM_ADVANCED_CONFIG`,
    containerName: subject.containerName,
    containerId: subject.containerId,
    domain: subject.domain,
    detail: nginxError,
  };
}

/** The error for a write NPM refused for good (not retried until the next resync). */
export function refusedWriteProblem(action: Action, npmError: string): Problem {
  return {
    severity: "error",
    code: `${action.kind}_refused`,
    message: `NPM refused to ${action.kind} proxy host ${action.domain} for container ` +
      `${action.containerName}: ${npmError}. EnvoyNPM tries again at each resync`,
    containerName: action.containerName,
    containerId: action.containerId,
    domain: action.domain,
  };
}

/**
 * The nginx refusals of our enabled hosts in a snapshot, by subject `host:<id>` (an empty list
 * for a host nginx serves, so its problem is forgotten once fixed).
 */
export function nginxProblems(
  snapshot: NpmSnapshot,
  nameOf: (containerId: string) => string,
): [string, Problem[]][] {
  return snapshot.proxyHosts.flatMap((host): [string, Problem[]][] => {
    const owner = host.owner;
    if (!owner) return [];
    const refused = host.meta.nginx_online === false && host.enabled;
    const subject = {
      domain: host.domain_names[0] ?? "",
      containerName: nameOf(owner.container_id),
      containerId: owner.container_id,
      hostId: host.id,
    };
    const nginxError = String(host.meta.nginx_err ?? "no message");
    return [[`host:${host.id}`, refused ? [nginxRejectedProblem(subject, nginxError)] : []]];
  });
}

/** The error for a bug met while reconciling one container (it is retried). */
export function internalErrorProblem(
  container: { id: string; name: string },
  error: unknown,
): Problem {
  return {
    severity: "error",
    code: "internal_error",
    message: `Internal error while reconciling container ${container.name}, will retry: ${
      describeThrown(error, "Unknown error")
    }`,
    containerId: container.id,
    containerName: container.name,
  };
}
