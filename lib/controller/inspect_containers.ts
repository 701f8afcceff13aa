/**
 * The first step of a reconcile: inspect each container and turn it into
 * what to plan for (its desired hosts, or "gone"), the view the status page
 * shows, and the problems its settings have. Notes names and claims in the
 * book; a container Docker no longer knows is forgotten.
 *
 * @module
 */
import { desiredState, type NpmPlacement, stopPolicy } from "../desired/mod.ts";
import type { DockerApi, DockerError } from "../docker/types.ts";
import type { Container, DesiredHost, NpmSnapshot, StopAction } from "../model/mod.ts";
import type { ReconcileTarget } from "../plan/mod.ts";
import { type ContainerBook, forgetContainer } from "./container_book.ts";
import type { ContainerView, ControllerListener, HostView, Problem } from "./reports.ts";
import type { Observed } from "./outcome.ts";
import { invalidSettingsProblem, settingWarning } from "./problems.ts";

/** A container once inspected. */
export interface Inspected {
  readonly id: string;
  /** What to plan for; none when its settings are invalid. */
  readonly target?: ReconcileTarget;
  /** What the status page shows; none for a container Docker no longer knows. */
  readonly view?: ContainerView;
  /** The problems its settings have (the invalid-settings warning, or setting warnings). */
  readonly problems: readonly Problem[];
}

/** What inspecting a batch gave: the containers, and those that could not be inspected. */
export interface InspectedBatch {
  readonly items: Map<string, Inspected>;
  /** Docker's error per container it failed to inspect. */
  readonly dockerFailed: Map<string, DockerError>;
  /** A bug's exception per container whose inspection threw. */
  readonly thrown: Map<string, unknown>;
}

/** What inspecting needs besides the ids. */
export interface InspectDeps {
  readonly docker: DockerApi;
  readonly book: ContainerBook;
  readonly emit: ControllerListener;
  readonly npm: NpmPlacement | undefined;
  readonly hostAddress?: string;
  /** STOP_ACTION: for containers without NPM_STOP_ACTION, and removed ones. @default "disable" */
  readonly stopAction?: StopAction;
}

/** Inspects `ids` one by one; one container's failure never stops the others. */
export async function inspectContainers(
  ids: readonly string[],
  deps: InspectDeps,
): Promise<InspectedBatch> {
  const batch: InspectedBatch = { items: new Map(), dockerFailed: new Map(), thrown: new Map() };
  for (const id of ids) {
    try {
      const result = await deps.docker.inspectContainer(id);
      if (result.isErr()) batch.dockerFailed.set(id, result.error);
      else batch.items.set(id, toInspected(id, result.value, deps));
    } catch (error) {
      batch.thrown.set(id, error);
    }
  }
  return batch;
}

function toInspected(id: string, container: Container | null, deps: InspectDeps): Inspected {
  const { book } = deps;
  if (container === null) {
    const containerName = book.label(id);
    forgetContainer(id, deps);
    // Its own NPM_STOP_ACTION went with it: the global one applies.
    const stopAction = deps.stopAction ?? "disable";
    return {
      id,
      target: { kind: "gone", containerId: id, containerName, known: false, stopAction },
      problems: [],
    };
  }
  book.noteName(id, container.name);
  const state = desiredState(container, { npm: deps.npm, hostAddress: deps.hostAddress });
  // A stopped container has no address: that is no problem of its settings, its host is off.
  const stopped = !container.running && state.kind !== "unmanaged";
  const view: { -readonly [K in keyof ContainerView]: ContainerView[K] } = {
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
    ...(state.kind === "desired" ? { hosts: state.hosts.map(hostView) } : {}),
  };
  const policy = stopPolicy(container, { stopAction: deps.stopAction ?? "disable" });
  if (state.kind !== "unmanaged") {
    view.stopAction = policy.stopAction;
    if (container.health) {
      view.health = { status: container.health, followed: policy.health === "follow" };
    }
  }
  const gone = {
    kind: "gone",
    containerId: id,
    containerName: container.name,
    stopAction: policy.stopAction,
  } as const;
  if (!container.running || state.kind === "unmanaged") {
    book.setClaim(id, undefined);
    return { id, target: gone, view, problems: [] };
  }
  if (state.kind === "invalid") {
    book.setClaim(id, undefined);
    return { id, view, problems: [invalidSettingsProblem(container, state.problems)] };
  }
  book.setClaim(id, state.hosts.flatMap((host) => host.fields.domain_names));
  const subject = { id, name: container.name, domain: state.hosts[0].domain };
  return {
    id,
    target: healthGate(container, {
      hosts: state.hosts,
      gone,
      follow: policy.health === "follow",
    }),
    view,
    problems: state.warnings.map((warning) => settingWarning(subject, warning)),
  };
}

/** What the status page shows of a desired host before it is planned. */
function hostView(host: DesiredHost): HostView {
  const { forward_scheme, forward_host, forward_port, domain_names } = host.fields;
  return {
    site: host.site,
    domain: host.domain,
    domains: domain_names,
    forward: `${forward_scheme}://${forward_host}:${forward_port}`,
  };
}

/** What the batch says of Docker: a failure if any inspect failed; answered when all did. */
export function dockerObserved(batch: InspectedBatch): Observed<DockerError> | undefined {
  const [failure] = batch.dockerFailed.values();
  if (failure !== undefined) return { ok: false, error: failure };
  // Docker answered every inspect: a later failure is news again.
  return batch.thrown.size === 0 ? { ok: true } : undefined;
}

/**
 * Running containers not in this batch that ask for a domain held by a container of the batch
 * that left: they may take it over now, in the same reconcile.
 */
export function claimantsOfFreedDomains(
  inspected: ReadonlyMap<string, Inspected>,
  context: { readonly snapshot: NpmSnapshot; readonly book: ContainerBook },
): string[] {
  const goneIds = new Set(
    [...inspected.values()].flatMap((item) =>
      item.target?.kind === "gone" ? [item.target.containerId] : []
    ),
  );
  const freed = new Set(context.snapshot.proxyHosts.flatMap((host) => {
    const owner = host.owner;
    return owner && goneIds.has(owner.container_id) ? host.domain_names : [];
  }));
  return context.book.claimantsOf(freed, new Set(inspected.keys()));
}

/** Sorts running containers first (they may take over, in one write, a domain a gone one held). */
export function runningFirst(a: Inspected, b: Inspected): number {
  const rank = (item: Inspected) => item.target?.kind === "running" ? 0 : 1;
  return rank(a) - rank(b);
}

/**
 * A running container with a followed healthcheck is published once `healthy`; while `starting`
 * nothing is written (no new host; a host it has stays as it is, so a restart does not flap it);
 * `unhealthy` is a stop (the controller waits STOP_GRACE after the event first).
 */
function healthGate(
  container: Container,
  input: {
    readonly hosts: readonly DesiredHost[];
    readonly gone: Extract<ReconcileTarget, { kind: "gone" }>;
    readonly follow: boolean;
  },
): ReconcileTarget {
  if (!input.follow || container.health === undefined || container.health === "healthy") {
    return { kind: "running", hosts: input.hosts };
  }
  return container.health === "starting" ? { ...input.gone, stopAction: "keep" } : input.gone;
}
