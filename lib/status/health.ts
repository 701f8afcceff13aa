/**
 * Liveness and readiness for `GET /healthz`: ready while Docker's event
 * stream is connected, NPM answered ok within a window, and no NPM outage
 * is under way.
 *
 * @module
 */
import type { ControllerEvent, ControllerListener } from "../controller/reports.ts";
import { createEngineTracker } from "./engines.ts";
import type { HealthReport } from "./types.ts";

/** The shortest readiness window, in milliseconds. */
export const MIN_READY_WINDOW_MS = 60_000;

/** Options of {@linkcode createHealth}. */
export interface HealthOptions {
  /** How recent NPM's last ok answer must be. @default readyWindowFor(resyncIntervalMs) */
  readonly readyWindowMs?: number;
  /** The controller's resync interval, used for the default window. @default 300_000 */
  readonly resyncIntervalMs?: number;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** A listener that tracks readiness, and the current report. */
export interface Health {
  readonly listener: ControllerListener;
  /** Live and ready as of now. */
  check(): HealthReport;
}

/** The default readiness window: twice the resync interval, at least a minute. */
export function readyWindowFor(resyncIntervalMs: number): number {
  return Math.max(MIN_READY_WINDOW_MS, 2 * resyncIntervalMs);
}

/** Makes a tracker that starts not ready: Docker disconnected, NPM never answered. */
export function createHealth(options: HealthOptions = {}): Health {
  const now = options.now ?? Date.now;
  const readyWindowMs = options.readyWindowMs ??
    readyWindowFor(options.resyncIntervalMs ?? 300_000);
  const engines = createEngineTracker();
  let npmOkAt: number | undefined;
  /** The cause of NPM's outage while one lasts. */
  let npmOutage: string | undefined;

  function listener(event: ControllerEvent): void {
    engines.apply(event);
    if (event.type === "npm_answer" && event.ok) npmOkAt = now();
    if (event.type === "outage" && event.service === "npm") {
      npmOutage = event.down ? event.cause : undefined;
    }
  }

  function check(): HealthReport {
    const npmOkAgoMs = npmOkAt === undefined ? null : Math.max(0, now() - npmOkAt);
    const reasons: string[] = [];
    const dockerConnected = engines.allConnected();
    const down = engines.list().filter((engine) => !engine.connected && engine.engine !== "");
    if (down.length > 0) {
      for (const { engine } of down) {
        reasons.push(`Docker's event stream of ${engine} is not connected`);
      }
    } else if (!dockerConnected) reasons.push("Docker's event stream is not connected");
    if (npmOutage !== undefined) reasons.push(`NPM is not answering: ${npmOutage}`);
    else if (npmOkAgoMs === null) reasons.push("NPM has not answered ok yet");
    else if (npmOkAgoMs > readyWindowMs) {
      reasons.push(`NPM has not answered ok in the last ${Math.round(readyWindowMs / 1000)} s`);
    }
    return {
      live: true,
      ready: reasons.length === 0,
      detail: { dockerConnected, npmOkAgoMs, readyWindowMs, reasons },
    };
  }

  return { listener, check };
}
