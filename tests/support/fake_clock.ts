/**
 * A clock the test moves by hand, for the controller's `Clock` seam: timing
 * tests step time exactly instead of sleeping.
 *
 * @module
 */
import type { Clock } from "../../lib/controller/clock.ts";

interface Sleeper {
  readonly at: number;
  readonly wake: () => void;
}

/** Lets pending promise work run: a few turns of the event loop, no time passes on the clock. */
export async function flush(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A {@linkcode Clock} whose time moves only by {@linkcode FakeClock.advance} or `ms`. */
export class FakeClock implements Clock {
  /** The time now, in milliseconds. */
  ms = 0;
  readonly #sleepers = new Set<Sleeper>();

  /** The time now. */
  now = (): number => this.ms;

  /** Resolves once the clock reaches now + `ms`, or at once when `signal` aborts. */
  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        at: this.ms + ms,
        wake: () => {
          this.#sleepers.delete(sleeper);
          signal?.removeEventListener("abort", sleeper.wake);
          resolve();
        },
      };
      this.#sleepers.add(sleeper);
      signal?.addEventListener("abort", sleeper.wake, { once: true });
    });

  /** Moves time forward by `ms`, waking sleepers in time order and letting each run first. */
  async advance(ms: number): Promise<void> {
    const end = this.ms + ms;
    for (;;) {
      await flush();
      const next = [...this.#sleepers].filter((s) => s.at <= end).sort((a, b) => a.at - b.at)[0];
      if (next === undefined) break;
      this.ms = Math.max(this.ms, next.at);
      next.wake();
    }
    this.ms = end;
    await flush();
  }
}
