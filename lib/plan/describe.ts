/**
 * Human lines for `envoynpm plan`: one action, one or more lines.
 *
 * @module
 */
import type { Action } from "../model/mod.ts";

/** Options of {@linkcode describeAction}. */
export interface DescribeOptions {
  /** Container names by id, to name the holder of a domain conflict. */
  readonly names?: Readonly<Record<string, string>>;
}

/** The lines `envoynpm plan` prints for one action, e.g. `create app.lan → http://172.18.0.5:8080 (container web)`. */
export function describeAction(action: Action, options: DescribeOptions = {}): string[] {
  const container = `(container ${action.containerName})`;
  switch (action.kind) {
    case "create": {
      const { forward_scheme, forward_host, forward_port } = action.fields;
      return [
        `create ${action.domain} → ${forward_scheme}://${forward_host}:${forward_port} ${container}`,
      ];
    }
    case "update": {
      const head = `update ${action.domain} (#${action.hostId})`;
      if (action.diff.length === 0) return [`${head}: meta ${container}`];
      return action.diff.map((change) =>
        `${head}: ${change.field}: ${formatValue(change.from)} → ${formatValue(change.to)}`
      );
    }
    case "enable":
    case "disable":
    case "delete":
      return [`${action.kind} ${action.domain} (#${action.hostId}) ${container}`];
    case "request_certificate":
      return [
        `request a Let's Encrypt certificate for ${action.domains.join(", ")} ${container}`,
      ];
    case "skip":
      return [`skip ${action.domain}: ${skipReason(action, options.names ?? {})} ${container}`];
  }
}

function skipReason(
  action: Extract<Action, { kind: "skip" }>,
  names: Readonly<Record<string, string>>,
): string {
  const host = action.hostId === undefined ? "" : ` #${action.hostId}`;
  switch (action.reason) {
    case "foreign_host":
      return `held by hand-made host${host}`;
    case "other_host_kind":
      return "held by a redirection or 404 host";
    case "other_instance":
      return `held by host${host} of EnvoyNPM instance ${action.holderInstanceId}`;
    case "domain_conflict": {
      const holder = action.holderContainerId ?? "";
      const name = names[holder] ?? holder.slice(0, 12);
      return `held by container ${name} (host${host}), which claimed it first`;
    }
  }
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return /^[^\s"]+$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  return value === undefined ? "(none)" : JSON.stringify(value);
}
