/**
 * The reconciler: given container ids, it reads the truth (Docker inspect,
 * NPM's hosts), plans with the pure core, applies the fewest writes, and
 * returns what happened as a value. What to retry and when, and how NPM's
 * and Docker's health is reported, is the controller's to decide.
 *
 * @module
 */
import type { NpmPlacement } from "../desired/mod.ts";
import type { DockerApi, DockerError } from "../docker/types.ts";
import type { NpmSnapshot, StopAction } from "../model/mod.ts";
import type { NpmApi } from "../npm/types.ts";
import { planContainer, type ReconcileTarget, targetContainerId } from "../plan/mod.ts";
import { ContainerBook } from "./container_book.ts";
import { converge, type ConvergeDeps } from "./converge.ts";
import type { ControllerListener, Problem } from "./reports.ts";
import {
  claimantsOfFreedDomains,
  dockerObserved,
  inspectContainers,
  type Inspected,
  runningFirst,
} from "./inspect_containers.ts";
import { internalErrorProblem, nginxProblems } from "./problems.ts";
import { NpmLocator } from "./npm_placement.ts";
import type { Observed, ReconcileOutcome, ResyncKeys } from "./outcome.ts";
import { engineInstanceId, listResyncKeys } from "./resync_keys.ts";
import { NpmListing } from "./npm_listing.ts";
import { hostReport, withHostReports } from "./host_report.ts";

/** A read of NPM that answered; and how a skip is reported (an action that writes nothing). */
const OK = { ok: true } as const;
const SKIP_REPORT = { type: "action", outcome: "ok", durationMs: 0 } as const;

/** Options of {@linkcode Reconciler}. */
export interface ReconcilerOptions {
  /** Receives every report (containers, actions, problems). */
  readonly emit: ControllerListener;
  /** ENFORCE: restore every managed field, ignoring hand edits. @default false */
  readonly enforce?: boolean;
  /** HOST_ADDRESS, for host-network containers. */
  readonly hostAddress?: string;
  /** NPM_CONTAINER: the name of NPM's container. */
  readonly npmContainerName?: string;
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
  /** Where NPM runs until the first resync looks. @default unknown */
  readonly npmPlacement?: NpmPlacement;
  /** `PRUNE_AFTER`, in ms: delete our disabled hosts of containers gone this long. @default never */
  readonly pruneAfterMs?: number;
  /** `INSTANCE_ID`: whose hosts are this instance's. @default the engine's id, asked at the first resync */
  readonly instanceId?: string;
  /** STOP_ACTION: what the host of a stopped container (without NPM_STOP_ACTION) shows. */
  readonly stopAction?: StopAction;
  /** How long a listing of NPM is reused by the next reconciles (listing_cache.ts). @default 0 */
  readonly listingReuseMs?: number;
}

/** Reconciles containers with NPM, one batch of container ids at a time. */
export class Reconciler {
  readonly #docker: DockerApi;
  readonly #npm: NpmApi;
  readonly #options: ReconcilerOptions;
  readonly #book = new ContainerBook();
  readonly #locator: NpmLocator;
  readonly #listing: NpmListing;
  /** This instance's id: `INSTANCE_ID`, else the engine's, asked at the first resync. */
  #instanceId: string | undefined;
  #announced = false;

  /** Makes a reconciler over a Docker engine and an NPM. */
  constructor(clients: { docker: DockerApi; npm: NpmApi }, options: ReconcilerOptions) {
    this.#docker = clients.docker;
    this.#npm = clients.npm;
    this.#options = options;
    this.#instanceId = options.instanceId;
    this.#listing = new NpmListing(clients.npm, {
      reuseMs: options.listingReuseMs ?? 0,
      now: () => this.#now().getTime(),
      onRead: (snapshot) => {
        options.emit({ type: "npm_snapshot", snapshot });
        for (const [subject, problems] of nginxProblems(snapshot, (id) => this.#book.label(id))) {
          this.#tell(subject, problems);
        }
      },
    });
    this.#locator = new NpmLocator({
      npmContainerName: options.npmContainerName,
      placement: options.npmPlacement,
    });
  }

  /**
   * Every key a full resync must look at (see {@linkcode listResyncKeys}); also looks where
   * NPM's container is, and forgets containers that are gone.
   */
  async resyncKeys(): Promise<ResyncKeys> {
    if (this.#instanceId === undefined) {
      const id = await engineInstanceId(this.#docker);
      if (id.isErr()) return { docker: { ok: false, error: id.error } };
      this.#instanceId = id.value;
      this.#options.emit({ type: "instance", id: id.value, fromEngine: true });
    } else if (!this.#announced) {
      this.#options.emit({ type: "instance", id: this.#instanceId, fromEngine: false });
    }
    this.#announced = true;
    return listResyncKeys({
      docker: this.#docker,
      npm: this.#npm,
      book: this.#book,
      locator: this.#locator,
      emit: this.#options.emit,
      instanceId: this.#instanceId,
    });
  }

  /** Whether an event is about NPM's own container: where it runs decides every address. */
  concernsNpm(
    event: { readonly id: string; readonly name?: string; readonly image?: string },
  ): boolean {
    return this.#locator.concerns(event);
  }

  /** The name of a container seen before, if any (for reports of events that lack one). */
  knownName(id: string): string | undefined {
    return this.#book.name(id);
  }

  /**
   * Reconciles the given container ids: one NPM listing, then a plan and its writes per
   * container. `names` are names the events gave (for containers already gone). A container
   * found stopped whose key is `settling` (its stop came in while this reconcile ran, and may be
   * half of a restart) is left to the reconcile after its settle: neither done nor retried. A
   * recent listing is reused (`listingReuseMs`) unless `fresh` (a resync) asks for a new one.
   */
  async reconcile(
    keys: readonly string[],
    input: {
      readonly names?: ReadonlyMap<string, string>;
      readonly settling?: (key: string) => boolean;
      readonly fresh?: boolean;
    } = {},
  ): Promise<ReconcileOutcome> {
    const started = performance.now();
    for (const [id, name] of input.names ?? []) this.#book.noteName(id, name);
    // Whose hosts are ours is not known before the first resync asked the engine.
    if (this.#instanceId === undefined) return retryAll(keys, "the engine's id is not known yet");
    const listed = await this.#listing.get({ fresh: input.fresh });
    if (!listed.ok) return { ...retryAll(keys, "NPM's hosts could not be read"), npm: listed };
    let snapshot = listed.snapshot;
    const retry = new Map<string, string>();
    const first = await this.#inspect(keys, retry);
    for (const [id, item] of first.items) {
      if (item.target?.kind === "gone" && input.settling?.(id)) first.items.delete(id);
    }
    const freed = claimantsOfFreedDomains(first.items, { snapshot, book: this.#book });
    const second = await this.#inspect(freed, retry);
    const inspected = new Map([...first.items, ...second.items]);
    // Running containers first: a container taking over a domain whose holder left does it in
    // one write, before the holder's host would be disabled.
    const ordered = [...inspected.values()].sort(runningFirst);
    let wrote = false;
    for (const item of ordered) {
      try {
        const outcome = await this.#converge(item, { snapshot, cached: listed.cached });
        snapshot = outcome.snapshot;
        wrote ||= outcome.wrote;
        if (outcome.retry) retry.set(item.id, "NPM did not take a write");
      } catch (error) {
        // One container's bug must not stop the others: it is told once and retried.
        this.#internalError(item.id, error);
        retry.set(item.id, "internal error");
      }
    }
    // A failed write leaves NPM's state unknown: the next reconcile lists it.
    if (retry.size > 0) this.#listing.drop();
    const after = wrote ? await this.#listing.read() : undefined;
    this.#options.emit({
      type: "reconcile",
      durationMs: performance.now() - started,
      containers: ordered.filter((item) => item.target !== undefined).length,
    });
    const docker = [first.docker, second.docker].find((seen) => seen?.ok === false) ??
      first.docker ?? second.docker;
    return {
      done: [...inspected.keys()].filter((key) => !retry.has(key)),
      retry: [...retry].map(([key, why]) => ({ key, why })),
      // What NPM's reads said (a reused listing is no news of its health).
      ...(after ? { npm: after.ok ? OK : after } : listed.cached ? {} : { npm: OK }),
      ...(docker ? { docker } : {}),
    };
  }

  /** Inspects `ids`; what could not be inspected goes to `retry`. */
  async #inspect(
    ids: readonly string[],
    retry: Map<string, string>,
  ): Promise<{ items: Map<string, Inspected>; docker?: Observed<DockerError> }> {
    if (ids.length === 0) return { items: new Map() };
    const batch = await inspectContainers(ids, {
      docker: this.#docker,
      book: this.#book,
      emit: this.#options.emit,
      npm: this.#locator.placement,
      hostAddress: this.#options.hostAddress,
      stopAction: this.#options.stopAction,
    });
    for (const [id, error] of batch.thrown) {
      this.#internalError(id, error);
      retry.set(id, "internal error");
    }
    for (const id of batch.dockerFailed.keys()) retry.set(id, "Docker could not inspect it");
    return { items: batch.items, docker: dockerObserved(batch) };
  }

  async #converge(item: Inspected, planOn: { snapshot: NpmSnapshot; cached: boolean }) {
    const { snapshot } = planOn;
    const at = this.#now().toISOString();
    if (item.target === undefined) {
      // Invalid settings: nothing to plan; the problem is told, the view shown.
      this.#book.noteSkips(item.id, [], at);
      this.#tell(item.id, item.problems);
      if (item.view) this.#options.emit({ type: "container", container: item.view });
      return { snapshot, wrote: false, retry: false };
    }
    const outcome = await converge({ target: item.target, problems: item.problems }, {
      ...planOn,
      deps: this.#convergeDeps(),
    });
    // A skip repeats at every reconcile: it is reported once while it lasts.
    const noted = this.#book.noteSkips(item.id, outcome.skips.map(({ skip }) => skip), at);
    for (const [i, { isNew }] of noted.entries()) {
      if (isNew) this.#options.emit({ ...SKIP_REPORT, action: outcome.skips[i].action });
    }
    const now = this.#now().getTime();
    const reports = (item.target.kind === "running" ? item.target.hosts : []).map((host) =>
      hostReport(host, {
        snapshot: outcome.snapshot,
        now,
        requestBlocked: (domains) => this.#book.requestBlocked(domains, now),
      })
    );
    if (outcome.problems) {
      this.#tell(item.id, [...outcome.problems, ...reports.flatMap((report) => report.problems)]);
    }
    if (item.view) {
      const skips = noted.map(({ skip }) => skip);
      const container = withHostReports(item.view, { reports, skips });
      this.#options.emit({ type: "container", container });
    }
    return outcome;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #convergeDeps(): ConvergeDeps {
    return {
      npm: this.#npm,
      book: this.#book,
      emit: this.#options.emit,
      plan: (target, snapshot) => this.#plan(target, snapshot),
      relist: async () => {
        const listed = await this.#listing.read();
        return listed.ok ? listed.snapshot : undefined;
      },
      now: () => this.#now().getTime(),
    };
  }

  #plan(target: ReconcileTarget, snapshot: NpmSnapshot) {
    const id = targetContainerId(target);
    return planContainer(target, snapshot, {
      now: this.#now().toISOString(),
      enforce: this.#options.enforce ?? false,
      isActiveClaim: (holder, domain) => this.#book.keeps(holder, { domain, from: id }),
      requestBlocked: (domains) => this.#book.requestBlocked(domains, this.#now().getTime()),
      instanceId: this.#instanceId,
      pruneAfterMs: this.#options.pruneAfterMs,
    });
  }

  /** Emits the problems of `subject` not told before. */
  #tell(subject: string, problems: readonly Problem[]): void {
    for (const problem of this.#book.tell(subject, problems)) {
      this.#options.emit({ type: "problem", problem });
    }
  }

  #internalError(id: string, error: unknown): void {
    this.#tell(id, [internalErrorProblem({ id, name: this.#book.label(id) }, error)]);
  }
}

/** An outcome that retries every key, for one reason. */
function retryAll(keys: readonly string[], why: string): ReconcileOutcome {
  return { done: [], retry: keys.map((key) => ({ key, why })) };
}
