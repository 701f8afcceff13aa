/**
 * NPM's state as reconciles read it. Every read is reported (the status page's hosts, nginx's
 * refusals of our hosts), and the last one is kept: a reconcile soon after it plans on it instead
 * of listing again, as a Kubernetes controller plans on its informer's cache rather than asking
 * the API server. NPM has no watch, so the cache is kept short and honest: every read refreshes
 * it (a resync's, and the one after our writes), a failed write drops it (NPM's state is then not
 * what it says), and a write NPM refuses for good on a cached plan is planned again on a fresh
 * read (converge.ts). It spares a listing (some 60 ms on a real NPM) between an event and its
 * write.
 *
 * @module
 */
import type { NpmSnapshot } from "../model/mod.ts";
import type { NpmApi, NpmError } from "../npm/types.ts";
import type { Observed } from "./outcome.ts";
import { readSnapshot } from "./read_snapshot.ts";

/** A listing: NPM's state, and whether it is the kept one; or the read that failed. */
export type Listing =
  | { readonly ok: true; readonly snapshot: NpmSnapshot; readonly cached: boolean }
  | Extract<Observed<NpmError>, { ok: false }>;

/** Options of {@linkcode NpmListing}. */
export interface NpmListingOptions {
  /** How long a read is reused; 0 never reuses one. */
  readonly reuseMs: number;
  /** The clock, in epoch milliseconds. */
  readonly now: () => number;
  /** Receives every snapshot read (to report it). */
  readonly onRead: (snapshot: NpmSnapshot) => void;
}

/** Reads NPM's state for reconciles, and keeps the last read for a while. */
export class NpmListing {
  readonly #npm: NpmApi;
  readonly #options: NpmListingOptions;
  #last: { readonly snapshot: NpmSnapshot; readonly at: number } | undefined;

  /** Makes a listing of `npm` that has read nothing yet. */
  constructor(npm: NpmApi, options: NpmListingOptions) {
    this.#npm = npm;
    this.#options = options;
  }

  /** The last read when younger than `reuseMs` (unless `fresh` is asked); else a new read. */
  get(options: { readonly fresh?: boolean } = {}): Promise<Listing> | Listing {
    const last = this.#last;
    const young = last !== undefined && this.#options.now() - last.at < this.#options.reuseMs;
    return young && !options.fresh
      ? { ok: true, snapshot: last.snapshot, cached: true }
      : this.read();
  }

  /** Reads NPM now, reports the snapshot and keeps it; or the failed read (nothing kept). */
  async read(): Promise<Listing> {
    const read = await readSnapshot(this.#npm);
    if (read.isErr()) {
      this.#last = undefined;
      return { ok: false, error: read.error };
    }
    this.#last = { snapshot: read.value, at: this.#options.now() };
    this.#options.onRead(read.value);
    return { ok: true, snapshot: read.value, cached: false };
  }

  /** Forgets the last read: the next reconcile reads NPM again. */
  drop(): void {
    this.#last = undefined;
  }
}
