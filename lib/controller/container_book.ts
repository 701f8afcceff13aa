/**
 * The reconciler's one memory: what it learned about each container between
 * reconciles, none of which the truth (Docker, NPM) would not give back at
 * the next resync. Per container: its name, the domains it claims while it
 * runs, the domains left alone, the last write NPM refused for good, and the problems already told.
 * One `forget` drops all of it, so memory stays bounded by the containers
 * that exist.
 *
 * @module
 */
import type { ContainerSkip, ControllerListener, Problem } from "./reports.ts";
import { backoffDelay } from "../timing/mod.ts";
import { ProblemMemory } from "./problem_memory.ts";

interface Entry {
  name?: string;
  /** The domains the container asks for while it runs with valid settings. */
  claims?: readonly string[];
  /** The signature of the last write NPM refused for good. */
  refused?: string;
  /** The domains it asks for that are left alone, while they are (one per host at most). */
  skips?: readonly ContainerSkip[];
}

/** A Let's Encrypt request that failed, for its domain set. */
interface FailedRequest {
  readonly failures: number;
  readonly retryAt: number;
  readonly error: string;
}

/** The first and longest wait after a failed Let's Encrypt request. */
const REQUEST_BACKOFF = { baseMs: 3_600_000, maxMs: 24 * 3_600_000 } as const;

/** What the reconciler knows per container, and per domain set asked of Let's Encrypt. */
export class ContainerBook {
  readonly #entries = new Map<string, Entry>();
  readonly #told = new ProblemMemory();
  readonly #requests = new Map<string, FailedRequest>();

  /** The container's name, if it was ever seen. */
  name(id: string): string | undefined {
    return this.#entries.get(id)?.name;
  }

  /** The container's name, else its short id: how messages name it. */
  label(id: string): string {
    return this.name(id) ?? id.slice(0, 12);
  }

  /** Notes a container's name (from a listing, an inspect or an event). */
  noteName(id: string, name: string): void {
    if (name !== "") this.#entry(id).name = name;
  }

  /** Notes the domains a running container asks for (all its hosts'), or that it asks for none. */
  setClaim(id: string, domains: readonly string[] | undefined): void {
    if (domains !== undefined) this.#entry(id).claims = domains;
    else {
      const entry = this.#entries.get(id);
      if (entry) delete entry.claims;
    }
  }

  /** Whether `id` runs and asks for `domain` (so it keeps a host it holds). */
  claims(id: string, domain: string): boolean {
    return this.#entries.get(id)?.claims?.includes(domain) ?? false;
  }

  /**
   * Whether `holder` keeps `domain` from container `from`: it is another container, runs and asks
   * for it. One of the same name as `from` does not: Docker names are unique, so it is gone and
   * `from` is its successor (recreated, as when its settings change).
   */
  keeps(holder: string, input: { readonly domain: string; readonly from: string }): boolean {
    if (holder === input.from || !this.claims(holder, input.domain)) return false;
    const name = this.name(holder);
    return name === undefined || name !== this.name(input.from);
  }

  /** The containers that ask for one of `domains`, other than those in `except`. */
  claimantsOf(domains: ReadonlySet<string>, except: ReadonlySet<string>): string[] {
    return [...this.#entries].filter(([id, entry]) =>
      !except.has(id) && (entry.claims ?? []).some((domain) => domains.has(domain))
    ).map(([id]) => id);
  }

  /** Whether the last write refused for `id` was this one (its signature). */
  wasRefused(id: string, signature: string): boolean {
    return this.#entries.get(id)?.refused === signature;
  }

  /** Notes a write NPM refused for good, or (with `undefined`) that writes go through again. */
  setRefused(id: string, signature: string | undefined): void {
    if (signature !== undefined) this.#entry(id).refused = signature;
    else {
      const entry = this.#entries.get(id);
      if (entry) delete entry.refused;
    }
  }

  /**
   * Notes which of the container's domains are left alone now; returns each skip as it stands
   * (its `since` kept while it is the same) and whether it is news.
   */
  noteSkips(
    id: string,
    skips: readonly Omit<ContainerSkip, "since">[],
    at: string,
  ): { readonly skip: ContainerSkip; readonly isNew: boolean }[] {
    const before = this.#entries.get(id)?.skips ?? [];
    const noted = skips.map((skip) => {
      const same = before.find((old) =>
        old.domain === skip.domain && old.reason === skip.reason && old.hostId === skip.hostId &&
        old.holderContainerId === skip.holderContainerId
      );
      return { skip: { ...skip, since: same?.since ?? at }, isNew: same === undefined };
    });
    if (noted.length > 0) this.#entry(id).skips = noted.map(({ skip }) => skip);
    else if (before.length > 0) delete this.#entries.get(id)!.skips;
    return noted;
  }

  /**
   * Takes every problem `subject` (a container id, or `host:N`) has now; returns the ones not
   * told before, and forgets the ones it no longer has.
   */
  tell(subject: string, problems: readonly Problem[]): Problem[] {
    return this.#told.update(subject, problems);
  }

  /**
   * Notes a Let's Encrypt request for `domains`: a success clears its memory, a failure makes
   * the next one wait an hour, doubling up to a day.
   */
  noteRequest(
    domains: readonly string[],
    outcome: { readonly at: number; readonly failed?: string },
  ): void {
    const key = requestKey(domains);
    if (outcome.failed === undefined) {
      this.#requests.delete(key);
      return;
    }
    const failures = (this.#requests.get(key)?.failures ?? 0) + 1;
    const retryAt = outcome.at + backoffDelay(failures - 1, REQUEST_BACKOFF);
    this.#requests.set(key, { failures, retryAt, error: outcome.failed });
  }

  /** Why a Let's Encrypt request for `domains` must wait at `now`; undefined when it may go. */
  requestBlocked(domains: readonly string[], now: number): string | undefined {
    const failed = this.#requests.get(requestKey(domains));
    if (failed === undefined || now >= failed.retryAt) return undefined;
    return `The Let's Encrypt request for ${domains.join(", ")} failed (${failed.error}), so it ` +
      `is served over HTTP only; EnvoyNPM asks again after ${
        new Date(failed.retryAt).toISOString()
      }`;
  }

  /** Every container id the book holds something about. */
  ids(): string[] {
    return [...this.#entries.keys()];
  }

  /** Forgets everything about a container (removed, or no longer listed). */
  forget(id: string): void {
    this.#entries.delete(id);
    this.#told.forget(id);
  }

  /** Forgets a subject's problems only (e.g. `host:N` of a host that is gone). */
  forgetProblems(subject: string): void {
    this.#told.forget(subject);
  }

  #entry(id: string): Entry {
    let entry = this.#entries.get(id);
    if (entry === undefined) {
      entry = {};
      this.#entries.set(id, entry);
    }
    return entry;
  }
}

/** Forgets a container that no longer exists, and reports it removed: memory stays bounded. */
export function forgetContainer(
  id: string,
  deps: { readonly book: ContainerBook; readonly emit: ControllerListener },
): void {
  deps.book.forget(id);
  deps.emit({ type: "container_removed", id });
}

function requestKey(domains: readonly string[]): string {
  return [...domains].map((domain) => domain.toLowerCase()).sort().join(",");
}
