/**
 * The controller loop, as in Kubernetes' sample-controller: Docker events
 * and timers only queue keys; one worker takes the due keys and reconciles
 * them; a failed key comes back with per-key backoff, a converged one is
 * forgotten.
 *
 * @module
 */
import type { DockerApi } from "../docker/types.ts";
import type { NpmApi } from "../npm/types.ts";
import { watchDocker } from "./docker_watch.ts";
import type { ControllerListener } from "./events.ts";
import { describeNpmError } from "../npm/describe_error.ts";
import { describeThrown } from "../errors/mod.ts";
import { OutageWatch } from "./outage.ts";
import { Reconciler } from "./reconciler.ts";
import { sleep } from "../timing/mod.ts";
import { WorkQueue } from "./work_queue.ts";

/** The queue key that asks for a full resync: every running container and every host we own. */
const RESYNC = "*resync*";

/** Events after which a container may be on its way down, or only restarting. */
const STOP_ACTIONS = new Set(["die", "stop", "network_disconnect"]);

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
  /** First and longest retry delay of a failed key. @default { baseDelayMs: 1_000, maxDelayMs: 30_000 } */
  readonly retry?: { readonly baseDelayMs?: number; readonly maxDelayMs?: number };
  /** Longest wait between two attempts to reach Docker. @default 2_000 */
  readonly reconnectMaxMs?: number;
  /** How often a connected event stream is checked with a ping. @default 5_000 */
  readonly pingIntervalMs?: number;
  /** How often NPM is asked whether it answers (a host listing), for readiness. @default 30_000 */
  readonly npmProbeIntervalMs?: number;
  /** How long NPM must have failed for its return to retry every backed-off key at once. @default 5_000 */
  readonly npmOutageMs?: number;
  /** How long a stopped container waits for a start (a restart) before its host is disabled. @default 1_500 */
  readonly stopSettleMs?: number;
  /**
   * How long a network connect waits for the start that usually follows (Docker connects a
   * container's networks about 200 ms before its `start` event). @default 500
   */
  readonly connectSettleMs?: number;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
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
  const queue = new WorkQueue(options.retry);
  // NPM answering again after an outage is news: retry what backs off now, not after its
  // backoff. Only reads decide (listings, probes), and an outage is failed reads spanning
  // npmOutageMs: one failed answer among good ones must not become a resync storm.
  const npmOutage = new OutageWatch({ outageMs: options.npmOutageMs, now: options.now });
  const state = { resyncing: false };
  const emit: ControllerListener = (event) => {
    options.emit(event);
    if (event.type !== "npm_answer") return;
    const change = event.ok ? npmOutage.answered() : npmOutage.failed(event.cause ?? "no answer");
    if (change === undefined) return;
    options.emit({ type: "outage", service: "npm", ...change });
    if (!change.down) {
      queue.expedite();
      if (!state.resyncing) queue.add(RESYNC);
    }
  };
  const npmDown = () => npmOutage.failing;
  const reconciler = new Reconciler(clients, {
    emit,
    enforce: options.enforce,
    hostAddress: options.hostAddress,
    npmContainerName: options.npmContainerName,
  });
  const interval = options.resyncIntervalMs ?? 300_000;
  const timer = interval > 0 ? setInterval(() => queue.add(RESYNC), interval) : undefined;
  const settleMs = options.stopSettleMs ?? 1_500;
  const connectSettleMs = options.connectSettleMs ?? 500;
  try {
    await Promise.all([
      watchDocker(clients.docker, {
        signal: options.signal,
        emit,
        onEvent: (event) => {
          reconciler.noteName(event.id, event.name);
          // A stop may be half of a restart, a connect the first half of a start: wait for
          // what may follow, so `docker restart` and `docker start` are one reconcile each.
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
        outage: new OutageWatch({ outageMs: options.npmOutageMs, now: options.now }),
        nameOf: (id) => reconciler.knownName(id),
      }),
      probeNpm(clients.npm, {
        signal: options.signal,
        emit,
        intervalMs: options.npmProbeIntervalMs ?? 30_000,
        isDown: npmDown,
      }),
      work(queue, { reconciler, signal: options.signal, emit, state }),
    ]);
  } finally {
    clearInterval(timer);
  }
}

/** Asks NPM whether it is up (for readiness), more often while it is down. */
async function probeNpm(
  npm: NpmApi,
  options: {
    signal: AbortSignal;
    emit: ControllerListener;
    intervalMs: number;
    isDown: () => boolean;
  },
): Promise<void> {
  for (;;) {
    const downMs = Math.min(options.intervalMs, DOWN_PROBE_MS);
    await sleep(options.isDown() ? downMs : options.intervalMs, options.signal);
    if (options.signal.aborted) return;
    // An authenticated read: a broken login must not pass for a healthy NPM.
    const answer = await npm.listProxyHosts();
    if (options.signal.aborted) return;
    options.emit(
      answer.isOk()
        ? { type: "npm_answer", ok: true }
        : { type: "npm_answer", ok: false, cause: describeNpmError(answer.error) },
    );
  }
}

/** What the worker shares with the rest of the controller. */
interface WorkerState {
  /** Whether a resync is under way (its own listings must not queue another). */
  resyncing: boolean;
}

/** The worker: takes due keys, expands a resync into every key, reconciles, requeues failures. */
async function work(
  queue: WorkQueue,
  options: {
    reconciler: Reconciler;
    signal: AbortSignal;
    emit: ControllerListener;
    state: WorkerState;
  },
): Promise<void> {
  for (;;) {
    const batch = await queue.next(options.signal);
    if (batch === undefined) return;
    try {
      await workOn(batch, { ...options, queue });
    } catch (error) {
      // A bug must not stop the service (the reconciler already catches per container): report
      // it, and try these keys again later.
      options.emit({
        type: "problem",
        problem: {
          severity: "error",
          code: "internal_error",
          message: `Internal error while reconciling, will retry: ${
            describeThrown(error, "Unknown error")
          }`,
        },
      });
      for (const key of batch) queue.addRateLimited(key);
    } finally {
      options.state.resyncing = false;
    }
  }
}

async function workOn(
  batch: readonly string[],
  options: { reconciler: Reconciler; signal: AbortSignal; queue: WorkQueue; state: WorkerState },
): Promise<void> {
  const { queue } = options;
  const events = batch.filter((key) => key !== RESYNC);
  let keys = events;
  if (batch.includes(RESYNC)) {
    options.state.resyncing = true;
    const all = await options.reconciler.allKeys();
    if (all === undefined) {
      queue.addRateLimited(RESYNC);
      if (events.length === 0) return;
    } else {
      queue.forget(RESYNC);
      // The resync's order (oldest container first) decides who holds a contested domain;
      // a key still settling (a stop that may be a restart) or backing off waits its turn.
      keys = [...new Set([...all.filter((key) => !queue.isWaiting(key)), ...events])];
    }
  }
  // A resync reconciles even with no keys: it re-reads NPM for the status page and nginx errors.
  if ((keys.length === 0 && !batch.includes(RESYNC)) || options.signal.aborted) return;
  const result = await options.reconciler.reconcile(keys);
  for (const key of result.done) queue.forget(key);
  for (const key of result.retry) queue.addRateLimited(key);
}
