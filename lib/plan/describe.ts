/**
 * Human lines for `envoynpm plan`: one action, one or more lines.
 *
 * @module
 */
import type { Action, SkipReason } from "../model/mod.ts";

const SKIP_REASONS: Readonly<Record<SkipReason, string>> = {
  foreign_host: "held by a proxy host not managed by EnvoyNPM",
  other_host_kind: "held by a redirection or 404 host",
  domain_conflict: "held by another running container",
};

/** The lines `envoynpm plan` prints for one action, e.g. `create app.lan → 172.18.0.5:8080 (container web)`. */
export function describeAction(action: Action): string[] {
  const container = `(container ${action.containerName})`;
  switch (action.kind) {
    case "create": {
      const { forward_host, forward_port } = action.fields;
      return [`create ${action.domain} → ${forward_host}:${forward_port} ${container}`];
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
      return [`${action.kind} ${action.domain} (#${action.hostId}) ${container}`];
    case "skip": {
      const host = action.hostId === undefined ? "" : ` (#${action.hostId})`;
      const holder = action.holderContainerId === undefined ? "" : ` ${action.holderContainerId}`;
      return [
        `skip ${action.domain}${host}: ${SKIP_REASONS[action.reason]}${holder} ${container}`,
      ];
    }
  }
}

function formatValue(value: unknown): string {
  if (typeof value === "string") return /^[^\s"]+$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  return value === undefined ? "(none)" : JSON.stringify(value);
}
