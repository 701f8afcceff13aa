/**
 * A batch's working copy of NPM's state: listed once per batch, then kept
 * current with what each write returned, so the next container in the batch
 * is planned against the truth without listing again.
 *
 * @module
 */
import type { NpmSnapshot, ProxyHost } from "../model/mod.ts";
import type { Applied } from "./apply_action.ts";

/** Returns the snapshot after an applied action. */
export function withApplied(snapshot: NpmSnapshot, applied: Applied): NpmSnapshot {
  switch (applied.kind) {
    case "row": {
      const others = snapshot.proxyHosts.filter((host) => host.id !== applied.host.id);
      return { ...snapshot, proxyHosts: [...others, applied.host] };
    }
    case "enabled":
      return {
        ...snapshot,
        proxyHosts: snapshot.proxyHosts.map((host): ProxyHost =>
          host.id === applied.hostId ? { ...host, enabled: applied.enabled } : host
        ),
      };
    case "certificate":
      return { ...snapshot, certificates: [...snapshot.certificates, applied.certificate] };
    case "deleted":
      return {
        ...snapshot,
        proxyHosts: snapshot.proxyHosts.filter((host) => host.id !== applied.hostId),
      };
    case "none":
      return snapshot;
  }
}
