/**
 * Scenario 1, the pure core: `desiredState` per container, and
 * `planContainer` per container against a snapshot of 1 000 hosts.
 *
 * @module
 */
import { desiredState } from "../lib/desired/mod.ts";
import type { DesiredHost, NpmSnapshot, ProxyHost } from "../lib/model/mod.ts";
import { parseOwnerMeta } from "../lib/npm/mod.ts";
import { buildMeta, linkedComment } from "../lib/plan/owner.ts";
import { planContainer, type PlanOptions } from "../lib/plan/mod.ts";
import { managedContainer } from "./_fakes.ts";
import { microsPerOp, type Row } from "./_support.ts";

const HOSTS = 1_000;
const BUDGET_US = 1_000;
const SCENARIO = "1 core";

/** The desired host of the `i`-th bench container. */
function desiredOf(i: number): DesiredHost {
  const state = desiredState(managedContainer(i), {});
  if (state.kind !== "desired") throw new Error(`Bench container ${i} is ${state.kind}`);
  return state.hosts[0];
}

/** NPM's hosts as EnvoyNPM left them for containers 0..count-1: in sync, enabled. */
function syncedSnapshot(desired: readonly DesiredHost[]): NpmSnapshot {
  const proxyHosts: ProxyHost[] = desired.map((host, index) => {
    const meta = {
      ...buildMeta({}, {
        containerId: host.containerId,
        createdAt: "2025-01-01T00:00:00.000Z",
        comments: linkedComment(host.containerName, host.domain),
        lastApplied: host.fields,
      }),
      nginx_online: true,
      nginx_err: null,
    };
    return { ...host.fields, id: index + 1, enabled: true, meta, owner: parseOwnerMeta(meta) };
  });
  return { proxyHosts, otherHostDomains: [], certificates: [] };
}

function row(figure: string, micros: number): Row {
  return {
    scenario: SCENARIO,
    figure,
    value: micros,
    unit: "µs/op",
    against: "1 ms budget",
    ratio: micros / BUDGET_US,
    ok: micros < BUDGET_US,
  };
}

/** Measures the pure core. */
export function coreBench(): Row[] {
  const containers = Array.from({ length: HOSTS }, (_, i) => managedContainer(i));
  const desired = containers.map((_, i) => desiredOf(i));
  const snapshot = syncedSnapshot(desired);
  const options: PlanOptions = {
    now: "2025-01-02T00:00:00.000Z",
    enforce: false,
    isActiveClaim: () => false,
  };
  const stranger = desiredOf(HOSTS + 1);
  if (planContainer({ kind: "running", hosts: [desired[7]] }, snapshot, options).length !== 0) {
    throw new Error("A container in sync was planned a write");
  }
  let n = 0;
  const next = () => (n = (n + 1) % HOSTS);
  const desire = microsPerOp(() => desiredState(containers[next()], {}));
  const inSync = microsPerOp(() =>
    planContainer({ kind: "running", hosts: [desired[next()]] }, snapshot, options)
  );
  const create = microsPerOp(() =>
    planContainer({ kind: "running", hosts: [stranger] }, snapshot, options)
  );
  const gone = microsPerOp(() =>
    planContainer(
      { kind: "gone", containerId: desired[next()].containerId, containerName: "x" },
      snapshot,
      options,
    )
  );
  const resyncMs = (HOSTS * (desire + inSync)) / 1000;
  return [
    row("desiredState, per container", desire),
    row(`planContainer vs ${HOSTS} hosts, in sync`, inSync),
    row(`planContainer vs ${HOSTS} hosts, new container (create)`, create),
    row(`planContainer vs ${HOSTS} hosts, stopped container (disable)`, gone),
    {
      scenario: SCENARIO,
      figure: `pure CPU of a resync of ${HOSTS} containers in sync`,
      value: resyncMs,
      unit: "ms",
      against: "NPM list 60 ms",
      ratio: resyncMs / 60,
    },
  ];
}
