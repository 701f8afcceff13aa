/**
 * Converts the engine's (validated) JSON into EnvoyNPM's model, once, at the
 * edge. Pure functions.
 *
 * @module
 */
import type { Container, ContainerNetwork } from "../model/mod.ts";
import type { ContainerInspectJson, ContainerListItemJson, EventJson } from "./schemas.ts";
import type { ContainerEvent, ContainerSummary } from "./types.ts";

/** `GET /containers/{id}/json` → {@linkcode Container}. */
export function toContainer(inspect: ContainerInspectJson): Container {
  return {
    id: inspect.Id,
    name: stripSlash(inspect.Name),
    image: inspect.Config.Image,
    running: inspect.State.Running,
    ...healthOf(inspect.State.Health?.Status),
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

/** The network actions that change a container's addresses, and the action each becomes. */
const NETWORK_ACTIONS: Readonly<Record<string, string>> = {
  connect: "network_connect",
  disconnect: "network_disconnect",
};

/**
 * Podman's names for container actions Docker names otherwise, and Docker's
 * name for each: `remove` for `destroy`, and `died` (its own API's name for
 * `die`, which its Docker API may pass through). Podman's extra `init` and
 * `cleanup`, and a `stop` it often leaves out, need no mapping: `die` follows
 * every exit.
 */
const PODMAN_ACTIONS: Readonly<Record<string, string>> = {
  remove: "destroy",
  died: "die",
};

/**
 * Docker's name for a container action. Podman's `restart` (its events carry
 * `podId`) comes before the container goes down, not after it is up again as
 * Docker's does: it becomes `restarting`, which nothing follows, and the `die`
 * and `start` after it tell what happened. Podman's `health_status` gets its verdict, as
 * Docker's has.
 */
function dockerAction(action: string, attributes: Readonly<Record<string, string>>): string {
  if (action === "restart" && Object.hasOwn(attributes, "podId")) return "restarting";
  // Podman tells the verdict in an attribute, Docker in the action (`health_status: healthy`).
  const verdict = attributes.health_status;
  if (action === "health_status" && verdict) return `health_status: ${verdict}`;
  return Object.hasOwn(PODMAN_ACTIONS, action) ? PODMAN_ACTIONS[action] : action;
}

/**
 * A `GET /events` message → {@linkcode ContainerEvent}. A network `connect` or
 * `disconnect` becomes `network_connect` or `network_disconnect` of the container
 * in `Actor.Attributes.container` (its `name` is the network's, so left out);
 * other network events, and those without a container, are `undefined`.
 * Podman's container actions get Docker's names (`remove` → `destroy`, its early
 * `restart` → `restarting`), and its
 * network (dis)connects, which name the container in `Actor.ID`, are read too.
 */
export function toContainerEvent(event: EventJson): ContainerEvent | undefined {
  const attributes = event.Actor.Attributes ?? {};
  if (event.Type === "network") {
    const action = Object.hasOwn(NETWORK_ACTIONS, event.Action)
      ? NETWORK_ACTIONS[event.Action]
      : undefined;
    // Podman (its events carry `podId`) puts the container in `Actor.ID` instead.
    const id = attributes.container ||
      (Object.hasOwn(attributes, "podId") ? event.Actor.ID : undefined);
    if (action === undefined || !id) return undefined;
    return { id, action, timeNano: event.timeNano };
  }
  const { name, image } = attributes;
  return {
    id: event.Actor.ID,
    action: dockerAction(event.Action, attributes),
    ...(name === undefined ? {} : { name }),
    ...(image === undefined ? {} : { image }),
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

/** The healthcheck states EnvoyNPM acts on; any other (e.g. `none`) is no healthcheck. */
function healthOf(status: string | undefined): Pick<Container, "health"> {
  return status === "starting" || status === "healthy" || status === "unhealthy"
    ? { health: status }
    : {};
}

function stripSlash(name: string): string {
  return name.startsWith("/") ? name.slice(1) : name;
}
