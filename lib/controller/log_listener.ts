/**
 * Turns the controller's reports into log lines: each action once, with
 * container, domain, host id, action and outcome; each problem once.
 *
 * @module
 */
import { getLogger } from "@logtape/logtape";
import type { Action } from "../model/mod.ts";
import type { ControllerEvent, ControllerListener, NpmPlacementView } from "./reports.ts";

const logger = getLogger(["envoynpm", "controller"]);

const DONE: Record<Exclude<Action["kind"], "skip">, string> = {
  create: "Created",
  update: "Updated",
  enable: "Enabled",
  disable: "Disabled",
  delete: "Deleted",
  request_certificate: "Got a Let's Encrypt certificate for",
};

/** A listener that logs what the controller does. */
export function createLogListener(): ControllerListener {
  return (event: ControllerEvent) => {
    switch (event.type) {
      case "docker_connection":
        if (event.engine !== undefined) {
          if (event.connected) logger.info("Connected to Docker's event stream of {engine}", event);
          else logger.warn("Lost Docker's event stream of {engine}; reconnecting", event);
        } else if (event.connected) logger.info("Connected to Docker's event stream");
        else logger.warn("Lost Docker's event stream; reconnecting");
        break;
      case "docker_event":
        logger.debug("Docker event {action} for container {container}", {
          action: event.event.action,
          container: event.event.name ?? event.event.id.slice(0, 12),
        });
        break;
      case "outage":
        logOutage(event);
        break;
      case "instance":
        logger.info(
          event.fromEngine
            ? "This EnvoyNPM is instance {id} (its Docker engine's id): it owns the hosts it makes"
            : "This EnvoyNPM is instance {id} (INSTANCE_ID): it owns the hosts it makes",
          { id: event.id },
        );
        break;
      case "npm_placement":
        logPlacement(event.placement);
        break;
      case "action":
        logAction(event);
        break;
      case "problem":
        if (event.problem.severity === "error") {
          logger.error(asTemplate(event.problem.message), { ...event.problem });
        } else logger.warn(asTemplate(event.problem.message), { ...event.problem });
        break;
      case "reconcile":
        logger.debug("Reconciled {containers} containers in {durationMs} ms", {
          containers: event.containers,
          durationMs: Math.round(event.durationMs),
        });
        break;
      default:
        break;
    }
  };
}

function logAction(event: Extract<ControllerEvent, { type: "action" }>): void {
  const { action } = event;
  if (action.kind === "skip") return; // its warning is a problem, given once
  const properties = {
    action: action.kind,
    domain: action.domain,
    container: action.containerName,
    hostId: event.hostId ?? ("hostId" in action ? action.hostId : undefined),
    outcome: event.outcome,
    durationMs: Math.round(event.durationMs),
    ...(action.kind === "update"
      ? { changes: action.diff.map((c) => `${c.field}: ${fmt(c.from)} → ${fmt(c.to)}`).join(", ") }
      : {}),
    ...(action.kind === "update" && action.takeoverFrom
      ? { takeoverFrom: action.takeoverFrom.slice(0, 12) }
      : {}),
  };
  if (action.kind === "request_certificate") {
    const domains = action.domains.join(", ");
    if (event.outcome === "failed") {
      logger.error(
        "Could not get a Let's Encrypt certificate for {domains} (container {container}): " +
          "{error}; EnvoyNPM asks again after a long wait",
        { ...properties, domains, error: event.error },
      );
    } else {
      logger.info("Got a Let's Encrypt certificate for {domains} (container {container})", {
        ...properties,
        domains,
      });
    }
    return;
  }
  if (event.outcome === "failed") {
    logger.error(
      "Could not {action} proxy host {domain} (#{hostId}) for container {container}: {error}",
      { ...properties, error: event.error },
    );
    return;
  }
  if (action.kind === "update" && action.adopted) {
    logger.info(
      "Adopted hand-made proxy host {domain} (#{hostId}) for container {container} (NPM_ADOPT): " +
        "it is EnvoyNPM's from now on, with its id, certificate and statistics",
      properties,
    );
  }
  if (action.kind === "update" && action.takeoverFrom) {
    logger.info(
      "Domain reuse detected: proxy host {domain} (#{hostId}) now belongs to container {container}",
      properties,
    );
  }
  // One PUT with enabled: true brings a disabled host back and updates it in the same write.
  const verb = action.kind === "update" && action.enable
    ? "Enabled and updated"
    : DONE[action.kind];
  const detail = action.kind === "update" && action.diff.length > 0 ? ": {changes}" : "";
  logger.info(
    `${verb} proxy host {domain} (#{hostId}) for container {container}${detail}`,
    properties,
  );
}

const SERVICE = { npm: "NPM", docker: "Docker" } as const;

/** One WARNING when a service's reads have failed for a while, one INFO when it answers again. */
function logOutage(event: Extract<ControllerEvent, { type: "outage" }>): void {
  const service = SERVICE[event.service];
  if (event.down) {
    logger.warn(`${service} has not answered for {seconds} s: {cause}`, {
      service,
      seconds: Math.round(event.forMs / 1000),
      cause: event.cause,
    });
  } else {
    logger.info(`${service} answers again after an outage of {seconds} s`, {
      service,
      seconds: Math.round(event.lastedMs / 1000),
    });
  }
}

/** How forward addresses are chosen, said once at start-up and again when NPM moves. */
function logPlacement(placement: NpmPlacementView): void {
  if (placement.container === null) {
    logger.info(
      "Forward addresses: NPM is not a container of this engine (none named by NPM_CONTAINER " +
        "or made from jc21/nginx-proxy-manager), so each container is forwarded to its address " +
        "on NPM_NETWORK or its first network, with a warning that NPM may not reach it; " +
        "host-network containers need HOST_ADDRESS",
    );
    return;
  }
  const foundBy = placement.foundBy === "name" ? "NPM_CONTAINER" : "its image";
  logger.info(
    "Forward addresses: NPM runs in container {container} (found by {foundBy}) on networks " +
      "{networks}; each container is forwarded to its address on a network it shares with NPM",
    { ...placement, foundBy, networks: placement.networks.join(", ") || "(none)" },
  );
}

/** A finished sentence as a LogTape template: braces from users' values are not placeholders. */
function asTemplate(message: string): string {
  return message.replaceAll("{", "{{").replaceAll("}", "}}");
}

function fmt(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
