/**
 * The listeners the service feeds besides its logs: the status server
 * (state, metrics, health) when `HTTP_ADDR` is set, and webhook
 * notifications when `NOTIFY_URL` is set.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { Config } from "../config/mod.ts";
import type { ControllerListener } from "../controller/mod.ts";
import { createNotifier } from "../notify/mod.ts";
import {
  createHealth,
  createMetrics,
  createStateStore,
  startStatusServer,
  type StatusError,
} from "../status/mod.ts";
import type { ServiceExtras } from "./run.ts";

/** Starts the status server and the notifier that the configuration asks for. */
export function startListeners(config: Config): Result<Required<ServiceExtras>, StatusError> {
  const listeners: ControllerListener[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  if (config.httpAddr !== "") {
    const state = createStateStore();
    const metrics = createMetrics();
    const health = createHealth({ resyncIntervalMs: config.resyncIntervalMs });
    const server = startStatusServer({
      addr: config.httpAddr,
      token: config.httpToken,
      state: state.view,
      metrics: metrics.render,
      health: health.check,
    });
    if (server.isErr()) return err(server.error);
    listeners.push(state.listener, metrics.listener, health.listener);
    cleanups.push(() => server.value.close());
  }
  if (config.notifyUrl !== undefined) {
    const notifier = createNotifier({ url: config.notifyUrl });
    listeners.push(notifier.listener);
    cleanups.push(() => notifier.close());
  }
  return ok({ listeners, cleanups });
}
