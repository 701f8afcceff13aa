/**
 * The controller loop, as in Kubernetes' sample-controller: Docker events
 * and timers only queue keys; one worker takes the due keys and reconciles
 * them; a failed key comes back with per-key backoff, a converged one is
 * forgotten.
 *
 * @module
 */
import type { DockerApi } from "../docker/types.ts";
import type { StopAction } from "../model/mod.ts";
import type { NpmApi } from "../npm/types.ts";
import { type Clock, SYSTEM_CLOCK } from "./clock.ts";
import type { ControllerListener } from "./reports.ts";
import { watchDocker } from "./docker_watch.ts";
import { OutageWatch } from "./outage.ts";
import { Reconciler } from "./reconciler.ts";
import { ServiceHealth } from "./service_health.ts";
import { RESYNC, work } from "./worker.ts";
import { WorkQueue } from "./work_queue.ts";

/**
 * Events after which a container may be on its way down, or only restarting (or, for an
 * unhealthy verdict, on its way back to healthy; or, removed, being recreated under its name, as
 * when its settings change, and its successor takes its hosts meanwhile): they wait STOP_GRACE
 * before a reconcile.
 */
const STOP_ACTIONS = new Set([
  "die",
  "stop",
  "destroy",
  "network_disconnect",
  "health_status: unhealthy",
]);

/** How often NPM is probed while it is down (shorter than an outage, so one is seen). */
const DOWN_PROBE_MS = 2_000;

/** Options of {@linkcode runController}. */
export interface ControllerOptions {
  /** Aborting stops the controller; `runController` then resolves. */
  readonly signal: AbortSignal;
  /** Receives every report (logs, status page, metrics, notifications). */
  readonly emit: ControllerListener;
  /** Milliseconds between full resyncs; 0 turns them off. @default 300_000 */
  readonly resyncIntervalMs?: number;
  /** ENFORCE: restore every managed field, ignoring hand edits. @default false */
  readonly enforce?: boolean;
  /** HOST_ADDRESS, for host-network containers. */
  readonly hostAddress?: string;
  /** NPM_CONTAINER: the name of NPM's container. */
  readonly npmContainerName?: string;
  /** The engine's endpoint, on its Docker reports, when one process watches several. */
  readonly engine?: string;
  /** PRUNE_AFTER: delete our disabled hosts of containers gone this long. @default never */
  readonly pruneAfterMs?: number;
  /** INSTANCE_ID: whose hosts are this instance's. @default the engine's id */
  readonly instanceId?: string;
  /** First and longest retry delay of a failed key. @default { baseDelayMs: 1_000, maxDelayMs: 30_000 } */
  readonly retry?: { readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  /** Longest wait between two attempts to reach Docker. @default 2_000 */
  readonly reconnectMaxMs?: number;
  /** How often a connected event stream is checked with a ping. @default 5_000 */
  readonly pingIntervalMs?: number;
  /**
   * How often NPM is asked whether it answers (its access lists, a small authenticated read), for
   * readiness, when no reconcile read it meanwhile. @default 30_000
   */
  readonly npmProbeIntervalMs?: number;
  /**
   * How long reads of NPM, or Docker's event stream, must fail to be an outage (one WARNING, and
   * NPM's return then retries every backed-off key at once). @default 5_000
   */
  readonly outageMs?: number;
  /**
   * How long a listing of NPM is reused by the reconciles after it, so an event's write does not
   * wait for one (npm_listing.ts); a resync always lists. @default 5_000
   */
  readonly listingReuseMs?: number;
  /** How long a stopped container waits for a start (a restart) before its host is disabled. @default 1_500 */
  readonly stopSettleMs?: number;
  /** STOP_GRACE: how long a stopped or unhealthy container waits; `stopSettleMs` is the floor. @default 0 */
  readonly stopGraceMs?: number;
  /** STOP_ACTION: what a stopped container's host shows. @default "disable" */
  readonly stopAction?: StopAction;
  /**
   * How long a network connect waits for the start that usually follows (Docker connects a
   * container's networks about 200 ms before its `start` event). @default 500
   */
  readonly connectSettleMs?: number;
  /** The clock and sleep of every timer. @default the system's */
  readonly clock?: Clock;
}

/**
 * Runs the controller until `signal` aborts: a resync at every connection to
 * Docker and every `resyncIntervalMs`, and a reconcile of every container an
 * event names. Expects NPM's login to have succeeded already.
 */
export async function runController(
  clients: { docker: DockerApi; npm: NpmApi },
  options: ControllerOptions,
): Promise<void> {
  const { signal, emit } = options;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const queue = new WorkQueue({ ...options.retry, clock });
  // NPM answering again after an outage is news: retry what backs off now, not after its
  // backoff. Only reads decide (listings, probes), and an outage is failed reads spanning
  // outageMs: one failed answer among good ones must not become a resync storm.
  const health = new ServiceHealth(emit, { outageMs: options.outageMs, now: clock.now });
  const reconciler = new Reconciler(clients, {
    emit,
    enforce: options.enforce,
    hostAddress: options.hostAddress,
    npmContainerName: options.npmContainerName,
    instanceId: options.instanceId,
    pruneAfterMs: options.pruneAfterMs,
    stopAction: options.stopAction,
    listingReuseMs: options.listingReuseMs ?? 5_000,
    now: () => new Date(clock.now()),
  });
  const names = new Map<string, string>();
  const settleMs = Math.max(options.stopSettleMs ?? 1_500, options.stopGraceMs ?? 0);
  const connectSettleMs = options.connectSettleMs ?? 500;
  await Promise.all([
    watchDocker(clients.docker, {
      signal,
      emit,
      engine: options.engine,
      clock,
      onEvent: (event) => {
        if (event.name) names.set(event.id, event.name);
        // A stop may be half of a restart, a connect the first half of a start: wait for
        // what may follow (even when an earlier event left the key due), so `docker restart`
        // and `docker start` are one reconcile each.
        const settle = STOP_ACTIONS.has(event.action)
          ? settleMs
          : event.action === "network_connect"
          ? connectSettleMs
          : 0;
        const key = (k: string) => settle > 0 ? queue.addAfter(k, settle) : queue.add(k);
        key(event.id);
        // Where NPM runs decides every forward address: re-read it and re-plan all.
        if (reconciler.concernsNpm(event)) key(RESYNC);
      },
      // A connection is news that Docker is back: resync now, not after the
      // backoff that resyncs failed into while it was away.
      onConnected: () => {
        queue.forget(RESYNC);
        queue.add(RESYNC);
      },
      reconnectMaxMs: options.reconnectMaxMs,
      pingIntervalMs: options.pingIntervalMs,
      outage: new OutageWatch({ outageMs: options.outageMs, now: clock.now }),
      nameOf: (id) => reconciler.knownName(id),
    }),
    every(options.resyncIntervalMs ?? 300_000, { clock, signal, run: () => queue.add(RESYNC) }),
    probeNpm(clients.npm, {
      clock,
      signal,
      intervalMs: options.npmProbeIntervalMs ?? 30_000,
      health,
      onReturn: () => {
        queue.expedite();
        queue.add(RESYNC);
      },
    }),
    work({ queue, reconciler, health, emit, signal, names }),
  ]);
}

/** Runs `run` every `intervalMs` until `signal` aborts; 0 never runs it. */
async function every(
  intervalMs: number,
  options: { clock: Clock; signal: AbortSignal; run: () => void },
): Promise<void> {
  if (intervalMs <= 0) return;
  for (;;) {
    await options.clock.sleep(intervalMs, options.signal);
    if (options.signal.aborted) return;
    options.run();
  }
}

/** Asks NPM whether it is up (for readiness), more often while it is down. */
async function probeNpm(
  npm: NpmApi,
  options: {
    clock: Clock;
    signal: AbortSignal;
    intervalMs: number;
    health: ServiceHealth;
    onReturn: () => void;
  },
): Promise<void> {
  const { health, signal } = options;
  for (;;) {
    const downMs = Math.min(options.intervalMs, DOWN_PROBE_MS);
    await options.clock.sleep(health.npmFailing ? downMs : options.intervalMs, signal);
    if (signal.aborted) return;
    // A reconcile's reads answered lately: that says as much.
    const answeredAt = health.npmAnsweredAt;
    const fresh = answeredAt !== undefined && options.clock.now() - answeredAt < options.intervalMs;
    if (!health.npmFailing && fresh) continue;
    // A small authenticated read (a broken login must not pass for a healthy NPM): access lists,
    // not the proxy hosts, whose listing costs CPU in proportion to the apps.
    const answer = await npm.listAccessLists();
    if (signal.aborted) return;
    const observed = answer.isOk()
      ? { ok: true as const }
      : { ok: false as const, error: answer.error };
    if (health.npm(observed, { tell: false })) options.onReturn();
  }
}
