/**
 * Converts the engine's (validated) JSON into EnvoyNPM's model, once, at the
 * edge. Pure functions.
 *
 * @module
 */
import type { Container, ContainerNetwork } from "../model/mod.ts";
import type { ContainerEventJson, ContainerInspectJson, ContainerListItemJson } from "./schemas.ts";
import type { ContainerEvent, ContainerSummary } from "./types.ts";

/** `GET /containers/{id}/json` → {@linkcode Container}. */
export function toContainer(inspect: ContainerInspectJson): Container {
  return {
    id: inspect.Id,
    name: stripSlash(inspect.Name),
    image: inspect.Config.Image,
    running: inspect.State.Running,
    env: envToMap(inspect.Config.Env ?? []),
    labels: { ...inspect.Config.Labels },
    networkMode: inspect.HostConfig.NetworkMode ?? "",
    networks: Object.entries(inspect.NetworkSettings.Networks ?? {}).map((
      [name, settings],
    ): ContainerNetwork => ({
      name,
      ip: settings.IPAddress ?? "",
      gateway: settings.Gateway ?? "",
    })),
  };
}

/** `KEY=VALUE` strings → a map; the value may hold `=`, a bare `KEY` is ignored, the last wins. */
export function envToMap(env: readonly string[]): Record<string, string> {
  const map = new Map<string, string>();
  for (const entry of env) {
    const at = entry.indexOf("=");
    if (at > 0) map.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return Object.fromEntries(map);
}

/** A `GET /events` message → {@linkcode ContainerEvent}. */
export function toContainerEvent(event: ContainerEventJson): ContainerEvent {
  const name = event.Actor.Attributes?.name;
  return {
    id: event.Actor.ID,
    action: event.Action,
    ...(name === undefined ? {} : { name }),
    timeNano: event.timeNano,
  };
}

/** A line of `GET /containers/json` → {@linkcode ContainerSummary}. */
export function toContainerSummary(item: ContainerListItemJson): ContainerSummary {
  return {
    id: item.Id,
    name: stripSlash(item.Names?.[0] ?? ""),
    image: item.Image,
    running: item.State === "running",
  };
}

function stripSlash(name: string): string {
  return name.startsWith("/") ? name.slice(1) : name;
}
