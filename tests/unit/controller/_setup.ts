/**
 * A reconciler over the recording fakes, with every report it makes kept.
 *
 * @module
 */
import type { ControllerEvent, Problem } from "../../../lib/controller/events.ts";
import { Reconciler, type ReconcilerOptions } from "../../../lib/controller/reconciler.ts";
import { FakeDocker, FakeNpm } from "../../support/fakes.ts";

/** The time the tests run at. */
export const NOW = "2025-01-02T03:04:05.000Z";

/** The two reads every reconcile starts with (and repeats after it wrote). */
export const LIST = ["GET /proxy-hosts", "GET /other-hosts"] as const;

/** A reconciler over fresh fakes, its reports, and the problems among them. */
export interface Bed {
  readonly docker: FakeDocker;
  readonly npm: FakeNpm;
  readonly reconciler: Reconciler;
  readonly events: ControllerEvent[];
  /** The problems reported so far, in order. */
  problems(): Problem[];
}

/** Builds a {@linkcode Bed}; `options` override the reconciler's. */
export function setup(options: Partial<ReconcilerOptions> = {}): Bed {
  const docker = new FakeDocker();
  const npm = new FakeNpm();
  const events: ControllerEvent[] = [];
  const reconciler = new Reconciler({ docker, npm }, {
    emit: (event) => events.push(event),
    now: () => new Date(NOW),
    // NPM beside the fake containers on `casaos`, as on a CasaOS host.
    npmPlacement: { networks: [{ name: "casaos", ip: "172.18.0.254", gateway: "172.18.0.1" }] },
    ...options,
  });
  return {
    docker,
    npm,
    reconciler,
    events,
    problems: () => events.flatMap((event) => event.type === "problem" ? [event.problem] : []),
  };
}
