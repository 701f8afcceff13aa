/**
 * Which controller events are worth a webhook notification, and the JSON body
 * each becomes. Pure: the time is passed in.
 *
 * @module
 */
import type { ControllerEvent } from "../controller/reports.ts";
import type { Action } from "../model/mod.ts";
import { MANAGER_NAME } from "../model/mod.ts";

/** What a notification reports. */
export type NotificationKind =
  | "create"
  | "enable"
  | "disable"
  | "delete"
  | "conflict"
  | "error";

/** The JSON body POSTed to the webhook. It carries nothing else (never env or secrets). */
export interface Notification {
  readonly event: NotificationKind;
  readonly domain?: string;
  /** The container's name. */
  readonly container?: string;
  readonly container_id?: string;
  readonly host_id?: number;
  /** One human sentence. */
  readonly message: string;
  /** ISO 8601. */
  readonly time: string;
  readonly source: typeof MANAGER_NAME;
}

/** The longest NPM or nginx error text a message quotes, in characters. */
const MAX_ERROR_CHARS = 300;

/**
 * The notification for one controller event, or `undefined` when the event is
 * not worth one: successful creates, enables (including an update that
 * enables) and disables, domain conflicts (reported once, as problems),
 * failed actions and error problems.
 */
export function toNotification(event: ControllerEvent, now: Date): Notification | undefined {
  const time = now.toISOString();
  if (event.type === "problem") {
    const { problem } = event;
    const kind = problem.code === "domain_conflict"
      ? "conflict"
      : problem.severity === "error"
      ? "error"
      : undefined;
    if (kind === undefined) return undefined;
    return build(kind, {
      domain: problem.domain,
      container: problem.containerName,
      container_id: problem.containerId,
      message: problem.message,
      time,
    });
  }
  if (event.type !== "action") return undefined;
  const { action } = event;
  // A skip repeats at every reconcile; its conflict is reported once, as a problem. A
  // certificate request is told by the update that puts the certificate to use.
  if (action.kind === "skip") return undefined;
  if (event.outcome === "failed") {
    const reason = event.error === undefined ? "" : `: ${quoteError(event.error)}`;
    const what = action.kind === "request_certificate"
      ? `get a Let's Encrypt certificate for ${action.domains.join(", ")}`
      : `${action.kind} proxy host ${action.domain}`;
    const message = `Cannot ${what} for container ${action.containerName}${reason}.`;
    return build("error", { ...subjectOf(action), message, time });
  }
  if (action.kind === "request_certificate") return undefined;
  return successOf(action, { time, hostId: event.hostId });
}

/** Past-tense verbs of the successful actions worth a notification. */
const DONE: Readonly<Record<"create" | "enable" | "disable" | "delete", string>> = {
  create: "Created",
  enable: "Enabled",
  disable: "Disabled",
  delete: "Deleted",
};

function successOf(
  action: Exclude<Action, { kind: "skip" | "request_certificate" }>,
  options: { time: string; hostId?: number },
): Notification | undefined {
  if (action.kind === "update" && !action.enable) return undefined;
  const event = action.kind === "update" ? "enable" : action.kind;
  const verb = DONE[event];
  const message = `${verb} proxy host ${action.domain} for container ${action.containerName}.`;
  return build(event, {
    ...subjectOf(action),
    host_id: options.hostId ?? subjectOf(action).host_id,
    message,
    time: options.time,
  });
}

type Details = Omit<Notification, "event" | "source">;

function subjectOf(action: Action): Omit<Details, "message" | "time"> {
  return {
    domain: action.domain,
    container: action.containerName,
    container_id: action.containerId,
    host_id: "hostId" in action ? action.hostId : undefined,
  };
}

/** A body with only the defined fields, in a stable order. */
function build(event: NotificationKind, details: Details): Notification {
  const defined = Object.fromEntries(
    Object.entries(details).filter(([, value]) => value !== undefined),
  ) as Details;
  return { event, ...defined, source: MANAGER_NAME };
}

/** NPM's or nginx's error on one line, cut to {@linkcode MAX_ERROR_CHARS}. */
function quoteError(error: string): string {
  const line = error.replace(/\s+/g, " ").trim().replace(/\.$/, "");
  return line.length <= MAX_ERROR_CHARS ? line : `${line.slice(0, MAX_ERROR_CHARS - 1)}…`;
}
