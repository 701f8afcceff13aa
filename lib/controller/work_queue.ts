/**
 * A queue of keys to reconcile, like client-go's rate-limited work queue:
 * at most one entry per key (a burst of events for one container is one
 * reconcile), a per-key exponential backoff for keys whose reconcile
 * failed, and a settling time for keys whose container may be restarting.
 *
 * @module
 */
import { type Clock, SYSTEM_CLOCK, untilAborted } from "./clock.ts";
import { backoffDelay } from "../timing/mod.ts";

/** Options of {@linkcode WorkQueue}. */
export interface WorkQueueOptions {
  /** First retry delay. @default 1_000 */
  readonly baseDelayMs?: number;
  /** Longest retry delay. @default 30_000 */
  readonly maxDelayMs?: number;
  /** The clock and sleep. @default the system's */
  readonly clock?: Clock;
}

/** Keys waiting to be reconciled, each once, some after a delay. */
export class WorkQueue {
  readonly #readyAt = new Map<string, number>();
  readonly #failures = new Map<string, number>();
  /** Per key settled since it was last taken: when its first settle began, when its last ends. */
  readonly #settles = new Map<string, { readonly since: number; readonly until: number }>();
  readonly #baseDelayMs: number;
  readonly #maxDelayMs: number;
  readonly #clock: Clock;
  #wake: (() => void) | undefined;

  /** Makes an empty queue. */
  constructor(options: WorkQueueOptions = {}) {
    this.#baseDelayMs = options.baseDelayMs ?? 1_000;
    this.#maxDelayMs = options.maxDelayMs ?? 30_000;
    this.#clock = options.clock ?? SYSTEM_CLOCK;
  }

  /** How many keys wait, ready or delayed. Never more than the number of distinct keys. */
  get size(): number {
    return this.#readyAt.size;
  }

  /**
   * Queues `key` now, ending its settle; a key already waiting keeps one
   * entry, at the earlier time. A key backing off after a failure keeps its
   * delay (and its settle), so a flood of events cannot hammer an NPM that
   * is down.
   */
  add(key: string): void {
    if (this.#failures.has(key) && this.#readyAt.has(key)) return;
    const now = this.#clock.now();
    const settle = this.#settles.get(key);
    if (settle) this.#settles.set(key, { since: settle.since, until: now });
    this.#schedule(key, now);
  }

  /**
   * Queues `key` after `delayMs`, a settling time (a stop may be half of a
   * restart): the key is not taken before then, even when it was due, so
   * that a start that follows is what its reconcile sees; {@linkcode add}
   * ends the settle early. A key already waiting for a later moment (a
   * backoff, a longer settle) keeps it. Repeated calls settle from the last
   * one, but never past twice `delayMs` after the first since the key was
   * last taken, so a key that keeps stopping is still taken.
   */
  addAfter(key: string, delayMs: number): void {
    const now = this.#clock.now();
    const settle = this.#settles.get(key);
    const since = settle?.since ?? now;
    const until = Math.max(settle?.until ?? now, Math.min(now + delayMs, since + 2 * delayMs));
    this.#settles.set(key, { since, until });
    this.#readyAt.set(key, Math.max(this.#readyAt.get(key) ?? until, until));
    this.#wake?.();
  }

  /**
   * Makes every key that backs off due now, or when its settle ends, and
   * clears their backoffs: what failed may work now.
   */
  expedite(): void {
    const now = this.#clock.now();
    for (const key of this.#failures.keys()) {
      const until = this.#settles.get(key)?.until ?? now;
      if (this.#readyAt.has(key)) this.#readyAt.set(key, Math.max(now, until));
    }
    this.#failures.clear();
    this.#wake?.();
  }

  /** Whether `key` waits for a later moment (settling or backing off), rather than being due. */
  isWaiting(key: string): boolean {
    return (this.#readyAt.get(key) ?? -Infinity) > this.#clock.now();
  }

  /** Queues `key` again after its next backoff delay, or when its settle ends if later; returns the delay. */
  addRateLimited(key: string): number {
    const failures = (this.#failures.get(key) ?? 0) + 1;
    this.#failures.set(key, failures);
    const delay = backoffDelay(failures - 1, {
      baseMs: this.#baseDelayMs,
      maxMs: this.#maxDelayMs,
    });
    this.#schedule(key, this.#clock.now() + delay);
    return delay;
  }

  /** Clears the backoff of `key` after a successful reconcile. */
  forget(key: string): void {
    this.#failures.delete(key);
  }

  /** Whether `key` waits in the queue. */
  has(key: string): boolean {
    return this.#readyAt.has(key);
  }

  /**
   * Waits until at least one key is due and takes every due key, oldest
   * first. Resolves `undefined` when `signal` aborts.
   */
  async next(signal: AbortSignal): Promise<string[] | undefined> {
    while (!signal.aborted) {
      const due = this.#takeDue();
      if (due.length > 0) return due;
      await this.#sleepUntilWork(signal);
    }
    return undefined;
  }

  /** Queues `key` at `at`, or keeps the earlier time it waits for; never before its settle ends. */
  #schedule(key: string, at: number): void {
    const earliest = Math.min(this.#readyAt.get(key) ?? at, at);
    this.#readyAt.set(key, Math.max(earliest, this.#settles.get(key)?.until ?? earliest));
    this.#wake?.();
  }

  #takeDue(): string[] {
    const now = this.#clock.now();
    const due = [...this.#readyAt].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    for (const [key] of due) {
      this.#readyAt.delete(key);
      this.#settles.delete(key);
    }
    return due.map(([key]) => key);
  }

  async #sleepUntilWork(signal: AbortSignal): Promise<void> {
    const times = [...this.#readyAt.values()];
    const wait = times.length > 0 ? Math.max(0, Math.min(...times) - this.#clock.now()) : undefined;
    const woken = new AbortController();
    const wake = () => woken.abort();
    signal.addEventListener("abort", wake, { once: true });
    this.#wake = wake;
    await (wait === undefined ? untilAborted(woken.signal) : this.#clock.sleep(wait, woken.signal));
    signal.removeEventListener("abort", wake);
    this.#wake = undefined;
  }
}
