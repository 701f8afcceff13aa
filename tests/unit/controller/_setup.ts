/**
 * A reconciler over the recording fakes, with every report it makes kept.
 *
 * @module
 */
import type { ControllerEvent, Problem } from "../../../lib/controller/reports.ts";
import type { Observations } from "../../../lib/controller/outcome.ts";
import { Reconciler, type ReconcilerOptions } from "../../../lib/controller/reconciler.ts";
import { ServiceHealth } from "../../../lib/controller/service_health.ts";
import { FakeDocker } from "../../support/fake_docker_api.ts";
import { FakeNpm } from "../../support/fake_npm_api.ts";

/** This instance's id (`INSTANCE_ID`). */
export const INSTANCE = "test-instance";

/** The time the tests run at. */
export const NOW = "2025-01-02T03:04:05.000Z";

/** The two reads every reconcile starts with (and repeats after it wrote). */
export const LIST = [
  "GET /proxy-hosts",
  "GET /other-hosts",
  "GET /certificates",
  "GET /access-lists",
] as const;

/** A reconcile's keys, as the worker schedules them. */
export interface Keys {
  readonly retry: string[];
  readonly done: string[];
}

/**
 * The reconciler as the worker drives it: each outcome's observations go to the controller's
 * health reports (so NPM's and Docker's failures show among the problems), and the keys come back.
 */
export interface DrivenReconciler {
  reconcile(keys: readonly string[]): Promise<Keys>;
  resyncKeys(): Promise<readonly string[] | undefined>;
}

/** A reconciler over fresh fakes, its reports, and the problems among them. */
export interface Bed {
  readonly docker: FakeDocker;
  readonly npm: FakeNpm;
  /** The reconciler itself, for tests of its outcome values. */
  readonly real: Reconciler;
  readonly reconciler: DrivenReconciler;
  readonly events: ControllerEvent[];
  /** The problems reported so far, in order. */
  problems(): Problem[];
}

/** Builds a {@linkcode Bed}; `options` override the reconciler's. */
export function setup(options: Partial<ReconcilerOptions> = {}): Bed {
  const docker = new FakeDocker();
  const npm = new FakeNpm();
  const events: ControllerEvent[] = [];
  const emit = (event: ControllerEvent) => void events.push(event);
  const health = new ServiceHealth(emit);
  const observe = (seen: Observations) => {
    if (seen.docker) health.docker(seen.docker);
    if (seen.npm) health.npm(seen.npm, { tell: true });
  };
  const real = new Reconciler({ docker, npm }, {
    emit,
    now: () => new Date(NOW),
    instanceId: INSTANCE,
    // NPM beside the fake containers on `casaos`, as on a CasaOS host.
    npmPlacement: { networks: [{ name: "casaos", ip: "172.18.0.254", gateway: "172.18.0.1" }] },
    ...options,
  });
  const reconciler: DrivenReconciler = {
    async reconcile(keys) {
      const outcome = await real.reconcile(keys);
      observe(outcome);
      return { retry: outcome.retry.map((retry) => retry.key), done: [...outcome.done] };
    },
    async resyncKeys() {
      const listing = await real.resyncKeys();
      observe(listing);
      return listing.keys;
    },
  };
  return {
    docker,
    npm,
    real,
    reconciler,
    events,
    problems: () => events.flatMap((event) => event.type === "problem" ? [event.problem] : []),
  };
}
