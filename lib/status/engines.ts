/**
 * Which Docker engines' event streams are connected, folded from the
 * controller's reports (one engine, or several watched by one process).
 *
 * @module
 */
import type { ControllerEvent } from "../controller/reports.ts";

/** The engines seen so far and whether each is connected. */
export interface EngineTracker {
  /** Folds one report in. */
  apply(event: ControllerEvent): void;
  /** Whether every engine seen is connected (false before the first connection). */
  allConnected(): boolean;
  /** Each engine by endpoint (`""` for the only one), and whether it is connected. */
  list(): { readonly engine: string; readonly connected: boolean }[];
}

/** Makes a tracker that has seen no engine. */
export function createEngineTracker(): EngineTracker {
  const engines = new Map<string, boolean>();
  return {
    apply(event) {
      if (event.type === "docker_connection") engines.set(event.engine ?? "", event.connected);
    },
    allConnected: () => engines.size > 0 && [...engines.values()].every(Boolean),
    list: () => [...engines].map(([engine, connected]) => ({ engine, connected })),
  };
}
