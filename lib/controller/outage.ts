/**
 * When failed reads of NPM or Docker become an outage worth telling: once
 * the failures span `outageMs` (one failure among good answers is not one),
 * and when the outage ends, with how long it lasted.
 *
 * @module
 */

/** Options of {@linkcode OutageWatch}. */
export interface OutageWatchOptions {
  /** How long reads must have failed to count as an outage. @default 5_000 */
  readonly outageMs?: number;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** A change worth telling: an outage began (after `forMs` of failures), or ended. */
export type OutageChange =
  | { readonly down: true; readonly cause: string; readonly forMs: number }
  | { readonly down: false; readonly lastedMs: number };

/** Follows one service's answers and says when an outage begins and ends. */
export class OutageWatch {
  readonly #outageMs: number;
  readonly #now: () => number;
  #firstFailure: number | undefined;
  #declared = false;

  /** Makes a watch that has seen no failure. */
  constructor(options: OutageWatchOptions = {}) {
    this.#outageMs = options.outageMs ?? 5_000;
    this.#now = options.now ?? Date.now;
  }

  /** Whether the last read failed. */
  get failing(): boolean {
    return this.#firstFailure !== undefined;
  }

  /** A read failed for `cause`; returns the outage's beginning once its failures span `outageMs`. */
  failed(cause: string): OutageChange | undefined {
    const now = this.#now();
    this.#firstFailure ??= now;
    const forMs = now - this.#firstFailure;
    if (this.#declared || forMs < this.#outageMs) return undefined;
    this.#declared = true;
    return { down: true, cause, forMs };
  }

  /** A read succeeded; returns the outage's end when one was told (failures spanned `outageMs`). */
  answered(): OutageChange | undefined {
    if (this.#firstFailure === undefined) return undefined;
    const lastedMs = this.#now() - this.#firstFailure;
    const wasOutage = this.#declared;
    this.#firstFailure = undefined;
    this.#declared = false;
    return wasOutage ? { down: false, lastedMs } : undefined;
  }
}
