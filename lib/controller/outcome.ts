/**
 * What a reconcile, or a resync's listing, hands back to the controller:
 * which keys converged, which to retry and why, and what the reads of NPM
 * and Docker said. The controller alone turns it into scheduling and
 * health reports.
 *
 * @module
 */
import type { DockerError } from "../docker/types.ts";
import type { NpmError } from "../npm/types.ts";

/** What a read of NPM or Docker said: it answered, or failed with this error. */
export type Observed<E> = { readonly ok: true } | { readonly ok: false; readonly error: E };

/** What NPM's and Docker's reads said during a step; a service not read is absent. */
export interface Observations {
  readonly npm?: Observed<NpmError>;
  readonly docker?: Observed<DockerError>;
}

/** A key to try again later, and why. */
export interface Retry {
  readonly key: string;
  readonly why: string;
}

/** What a reconcile did: the keys that converged, those to retry, and what the reads said. */
export interface ReconcileOutcome extends Observations {
  readonly done: readonly string[];
  readonly retry: readonly Retry[];
}

/** The keys a resync must look at, or nothing when a listing failed; and what the reads said. */
export interface ResyncKeys extends Observations {
  readonly keys?: readonly string[];
}
