/**
 * The reconciler: given container ids, it reads the truth (Docker inspect,
 * NPM's hosts), plans with the pure core, and applies the fewest writes.
 * It keeps no state that the truth cannot rebuild, only what it saw last
 * (who claims which domain) and which warnings it already gave.
 *
 * @module
 */
import type { DockerApi } from "../docker/types.ts";
import { desiredState, isNpmContainer, type NpmPlacement } from "../desired/mod.ts";
import type { Action, Container, NpmSnapshot } from "../model/mod.ts";
import { describeNpmError } from "../npm/describe_error.ts";
import type { NpmApi } from "../npm/types.ts";
import { planContainer, type ReconcileTarget } from "../plan/mod.ts";
import { applyAction } from "./apply_action.ts";
import type { ContainerView, ControllerListener, NpmPlacementView, Problem } from "./events.ts";
import {
  invalidSettingsProblem,
  isTransient,
  refusedWriteProblem,
  settingWarning,
  skipProblem,
} from "./messages.ts";
import { Reporter } from "./reporter.ts";
import { withApplied } from "./snapshot_copy.ts";

/** Options of {@linkcode Reconciler}. */
export interface ReconcilerOptions {
  /** Receives every report. */
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
}

/** The outcome of one batch: keys to retry later, and keys that converged. */
export interface BatchResult {
  readonly retry: string[];
  readonly done: string[];
}

/** A key once inspected: what to plan (nothing for invalid settings), and the warnings its settings gave. */
interface Inspected {
  readonly target?: ReconcileTarget;
  readonly warnings: readonly Problem[];
}

/** Reconciles containers with NPM, one batch of container ids at a time. */
export class Reconciler {
  readonly #docker: DockerApi;
  readonly #npm: NpmApi;
  readonly #options: ReconcilerOptions;
  readonly #claims = new Map<string, { readonly domain: string; readonly name: string }>();
  readonly #names = new Map<string, string>();
  /** The last write NPM refused for good, per container, so its failure is told once. */
  readonly #refused = new Map<string, string>();
  readonly #report: Reporter;
  #placement: NpmPlacement | undefined;
  /** NPM's container as the last resync found it. */
  #npmContainer: { readonly id: string; readonly name: string } | undefined;
  /** What the last placement report said, so a change is told once. */
  #placementSaid: string | undefined;

  /** Makes a reconciler over a Docker engine and an NPM. */
  constructor(clients: { docker: DockerApi; npm: NpmApi }, options: ReconcilerOptions) {
    this.#docker = clients.docker;
    this.#npm = clients.npm;
    this.#options = options;
    this.#report = new Reporter(options.emit);
    this.#placement = options.npmPlacement;
  }

  /**
   * Every key a full resync must look at: the running containers and the
   * containers our hosts belong to (whose stop may have been missed). Also
   * refreshes where NPM's container is, for the forward_host choice.
   */
  async allKeys(): Promise<string[] | undefined> {
    // Only what was known before listing may be forgotten: an event during the listing is news.
    const known = new Set([...this.#names.keys(), ...this.#claims.keys()]);
    const [containers, hosts] = await Promise.all([
      this.#docker.listContainers({ all: true }),
      this.#npm.listProxyHosts(),
    ]);
    if (containers.isErr()) return void this.#report.dockerFailed(containers.error);
    if (hosts.isErr()) return void this.#report.npmFailed(hosts.error);
    this.#report.npmAnswered();
    // Names from the listing: the first report about a container already names it.
    for (const summary of containers.value) this.#names.set(summary.id, summary.name);
    // A running NPM before a stopped one (an old copy left behind).
    const npmContainer = containers.value
      .filter((summary) =>
        isNpmContainer(summary, { npmContainerName: this.#options.npmContainerName })
      )
      .sort((a, b) => Number(b.running) - Number(a.running))[0];
    await this.#refreshPlacement(npmContainer);
    const owned = hosts.value.flatMap((host) => host.owner?.container_id ?? []);
    // Docker lists the newest first; oldest first lets the container that
    // claimed a domain first keep it when nothing holds it yet.
    const running = containers.value.filter((summary) => summary.running)
      .map((summary) => summary.id).reverse();
    const exist = new Set([...containers.value.map((summary) => summary.id), ...owned]);
    this.#forget([...known].filter((id) => !exist.has(id)));
    return [...new Set([...running, ...owned])];
  }

  /** Forgets containers that no longer exist (removed, events lost or not): memory stays bounded. */
  #forget(ids: readonly string[]): void {
    for (const id of ids) {
      this.#names.delete(id);
      this.#claims.delete(id);
      this.#refused.delete(id);
      this.#report.forget(id);
      this.#options.emit({ type: "container_removed", id });
    }
  }

  /**
   * Whether an event is about NPM's own container (by the id the last resync found, or by
   * name or image): where NPM runs decides every forward address, so it asks for a resync.
   */
  concernsNpm(
    event: { readonly id: string; readonly name?: string; readonly image?: string },
  ): boolean {
    if (event.id === this.#npmContainer?.id) return true;
    if (event.name === undefined) return false;
    return isNpmContainer({ name: event.name, image: event.image ?? "" }, {
      npmContainerName: this.#options.npmContainerName,
    });
  }

  /** The name of a container seen before, if any. */
  knownName(id: string): string | undefined {
    return this.#names.get(id) ?? this.#claims.get(id)?.name;
  }

  /** Notes a container's name from an event, for messages about containers already gone. */
  noteName(id: string, name: string | undefined): void {
    if (name) this.#names.set(id, name);
  }

  /** Reconciles the given container ids: one NPM listing, then a plan and its writes per container. */
  async reconcile(keys: readonly string[]): Promise<BatchResult> {
    const started = performance.now();
    const listed = await this.#listSnapshot();
    if (listed === undefined) return { retry: [...keys], done: [] };
    let snapshot = listed;
    const retry = new Set<string>();
    const inspected = await this.#inspectAll(keys, retry);
    const freed = this.#claimantsOfFreedDomains(inspected, snapshot);
    for (const [id, item] of await this.#inspectAll(freed, retry)) inspected.set(id, item);

    // Running containers first: a container taking over a domain whose holder
    // left does it in one write, before the holder's host would be disabled.
    const ordered = [...inspected.values()].filter((item) => item.target !== undefined)
      .sort((a, b) => rank(a) - rank(b));
    let wrote = false;
    for (const item of ordered) {
      const id = targetId(item.target!);
      try {
        const outcome = await this.#converge(item, snapshot);
        snapshot = outcome.snapshot;
        wrote ||= outcome.wrote;
        if (outcome.retry) retry.add(id);
      } catch (error) {
        // One container's bug must not stop the others: it is told once and retried.
        this.#internalError(id, error);
        retry.add(id);
      }
    }
    if (wrote) await this.#listSnapshot();
    this.#options.emit({
      type: "reconcile",
      durationMs: performance.now() - started,
      containers: ordered.length,
    });
    return { retry: [...retry], done: [...inspected.keys()].filter((key) => !retry.has(key)) };
  }

  async #listSnapshot(): Promise<NpmSnapshot | undefined> {
    const [proxyHosts, otherHostDomains] = await Promise.all([
      this.#npm.listProxyHosts(),
      this.#npm.listOtherHostDomains(),
    ]);
    if (proxyHosts.isErr()) return void this.#report.npmFailed(proxyHosts.error);
    if (otherHostDomains.isErr()) return void this.#report.npmFailed(otherHostDomains.error);
    this.#report.npmAnswered();
    const snapshot = { proxyHosts: proxyHosts.value, otherHostDomains: otherHostDomains.value };
    this.#options.emit({ type: "npm_snapshot", snapshot });
    this.#report.nginx(snapshot, (id) => this.#nameOf(id));
    return snapshot;
  }

  async #inspectAll(ids: readonly string[], retry: Set<string>): Promise<Map<string, Inspected>> {
    const inspected = new Map<string, Inspected>();
    for (const id of ids) {
      try {
        const result = await this.#docker.inspectContainer(id);
        if (result.isErr()) {
          this.#report.dockerFailed(result.error);
          retry.add(id);
          continue;
        }
        inspected.set(id, this.#toTarget(id, result.value));
      } catch (error) {
        // One container's bug must not stop the others: it is told once and retried.
        this.#internalError(id, error);
        retry.add(id);
      }
    }
    // Docker answered every inspect: a later failure is news again.
    if (ids.length > 0 && inspected.size === ids.length) this.#report.dockerAnswered();
    return inspected;
  }

  #toTarget(id: string, container: Container | null): Inspected {
    if (container === null) {
      const containerName = this.#nameOf(id);
      this.#forget([id]);
      return { target: { kind: "gone", containerId: id, containerName }, warnings: [] };
    }
    this.#names.set(id, container.name);
    const state = desiredState(container, {
      npm: this.#placement,
      hostAddress: this.#options.hostAddress,
    });
    // A stopped container has no address: that is no problem of its settings, its host is off.
    const stopped = !container.running && state.kind !== "unmanaged";
    const view: ContainerView = {
      id,
      name: container.name,
      running: container.running,
      state: stopped ? "stopped" : state.kind,
      problems: stopped
        ? []
        : state.kind === "invalid"
        ? state.problems
        : state.kind === "desired"
        ? state.warnings
        : [],
      ...(state.kind === "desired"
        ? {
          domain: state.host.domain,
          forward:
            `${state.host.fields.forward_scheme}://${state.host.fields.forward_host}:${state.host.fields.forward_port}`,
        }
        : {}),
    };
    this.#options.emit({ type: "container", container: view });
    if (!container.running || state.kind === "unmanaged") {
      this.#claims.delete(id);
      return {
        target: { kind: "gone", containerId: id, containerName: container.name },
        warnings: [],
      };
    }
    if (state.kind === "invalid") {
      this.#claims.delete(id);
      this.#report.problems(id, [invalidSettingsProblem(container, state.problems)]);
      return { warnings: [] };
    }
    this.#claims.set(id, { domain: state.host.domain, name: container.name });
    const subject = { id, name: container.name, domain: state.host.domain };
    return {
      target: { kind: "running", desired: state.host },
      warnings: state.warnings.map((warning) => settingWarning(subject, warning)),
    };
  }

  /** Running containers (not in this batch) that ask for a domain held by a container that left. */
  #claimantsOfFreedDomains(inspected: Map<string, Inspected>, snapshot: NpmSnapshot): string[] {
    const goneIds = new Set(
      [...inspected.values()].flatMap((item) =>
        item.target?.kind === "gone" ? [item.target.containerId] : []
      ),
    );
    const freed = new Set(snapshot.proxyHosts.flatMap((host) => {
      const owner = host.owner;
      return owner && goneIds.has(owner.container_id) ? host.domain_names : [];
    }));
    return [...this.#claims].filter(([id, claim]) => !inspected.has(id) && freed.has(claim.domain))
      .map(([id]) => id);
  }

  async #converge(
    item: Inspected,
    start: NpmSnapshot,
  ): Promise<{ snapshot: NpmSnapshot; wrote: boolean; retry: boolean }> {
    const target = item.target;
    if (target === undefined) return { snapshot: start, wrote: false, retry: false };
    const id = targetId(target);
    const actions = this.#plan(target, start);
    const problems: Problem[] = [...item.warnings];
    let snapshot = start;
    let wrote = false;
    for (const action of actions) {
      if (action.kind === "skip") {
        problems.push(skipProblem(action, this.#nameOf(action.holderContainerId ?? "")));
        this.#options.emit({ type: "action", action, outcome: "ok", durationMs: 0 });
        continue;
      }
      const started = performance.now();
      const applied = await applyAction(this.#npm, action);
      const durationMs = performance.now() - started;
      if (applied.isOk()) {
        this.#refused.delete(id);
        snapshot = withApplied(snapshot, applied.value);
        wrote = true;
        const hostId = applied.value.kind === "row"
          ? applied.value.host.id
          : applied.value.kind === "enabled"
          ? applied.value.hostId
          : undefined;
        this.#options.emit({ type: "action", action, outcome: "ok", durationMs, hostId });
        continue;
      }
      const error = applied.error;
      // The same write refused again (each resync tries it): once in logs and webhooks is enough.
      const again = this.#refused.get(id) === writeSignature(action);
      if (!again) {
        this.#options.emit({
          type: "action",
          action,
          outcome: "failed",
          durationMs,
          error: describeNpmError(error),
        });
      }
      if (error.kind === "npm_domain_in_use") {
        // Made by hand since our listing: warn as the plan will from now on (same message, with
        // the holder's host id), so the next reconcile does not warn again.
        const fresh = await this.#listSnapshot() ?? snapshot;
        const skips = this.#plan(target, fresh).filter((next) => next.kind === "skip");
        if (skips.length === 0) skips.push({ ...action, kind: "skip", reason: "foreign_host" });
        for (const skip of skips) {
          problems.push(skipProblem(skip, this.#nameOf(skip.holderContainerId ?? "")));
        }
        this.#report.problems(id, problems);
        return { snapshot: fresh, wrote, retry: false };
      }
      if (!isTransient(error)) {
        this.#refused.set(id, writeSignature(action));
        problems.push(refusedWriteProblem(action, describeNpmError(error)));
      }
      // No npm_answer here: whether NPM is up is judged by reads, not by one refused write.
      this.#report.problems(id, problems);
      return { snapshot, wrote, retry: isTransient(error) };
    }
    this.#refused.delete(id);
    // A stopped container keeps its warnings in memory, so a restart does not repeat them.
    if (target.kind === "running") this.#report.problems(id, problems);
    return { snapshot, wrote, retry: false };
  }

  #plan(target: ReconcileTarget, snapshot: NpmSnapshot): Action[] {
    const id = targetId(target);
    return planContainer(target, snapshot, {
      now: (this.#options.now?.() ?? new Date()).toISOString(),
      enforce: this.#options.enforce ?? false,
      isActiveClaim: (holder, domain) =>
        holder !== id && this.#claims.get(holder)?.domain === domain,
    });
  }

  async #refreshPlacement(npm: { id: string; name: string } | undefined): Promise<void> {
    this.#npmContainer = npm;
    if (npm === undefined) this.#placement = undefined;
    else {
      const inspected = await this.#docker.inspectContainer(npm.id);
      if (inspected.isErr()) return;
      this.#placement = inspected.value ? { networks: inspected.value.networks } : undefined;
    }
    const placement: NpmPlacementView = npm !== undefined && this.#placement !== undefined
      ? {
        container: npm.name,
        foundBy: this.#options.npmContainerName ? "name" : "image",
        networks: this.#placement.networks.map((network) => network.name),
      }
      : { container: null };
    const said = JSON.stringify(placement);
    if (said === this.#placementSaid) return;
    this.#placementSaid = said;
    this.#options.emit({ type: "npm_placement", placement });
  }

  #internalError(id: string, error: unknown): void {
    this.#report.problems(id, [{
      severity: "error",
      code: "internal_error",
      message: `Internal error while reconciling container ${this.#nameOf(id)}, will retry: ${
        error instanceof Error ? error.message : String(error)
      }`,
      containerId: id,
      containerName: this.#nameOf(id),
    }]);
  }

  #nameOf(id: string): string {
    return this.knownName(id) ?? id.slice(0, 12);
  }
}

function targetId(target: ReconcileTarget): string {
  return target.kind === "running" ? target.desired.containerId : target.containerId;
}

/** What identifies a write whatever the moment: the action without its volatile meta. */
function writeSignature(action: Action): string {
  return JSON.stringify({ ...action, meta: undefined });
}

function rank(item: Inspected): number {
  return item.target?.kind === "running" ? 0 : 1;
}
