/**
 * Small factories for the desired-state tests: a container that differs
 * from a default only where a test says so.
 *
 * @module
 */
import { type DesiredOptions, desiredState } from "../../../lib/desired/mod.ts";
import type { Container, ContainerNetwork, DesiredState } from "../../../lib/model/mod.ts";
import assert from "node:assert/strict";

/** A network on `172.18.0.0/16` unless the test says otherwise. */
export function network(name: string, overrides: Partial<ContainerNetwork> = {}): ContainerNetwork {
  return { name, ip: "172.18.0.5", gateway: "172.18.0.1", ...overrides };
}

/** NPM on the test container's network `casaos`: rule 4 decides, so no fallback warning. */
export const NPM_BESIDE: DesiredOptions = { npm: { networks: [network("casaos")] } };

/** What a test may set on a container; an env value of `undefined` removes that variable. */
export interface ContainerSpec {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly labels?: Readonly<Record<string, string>>;
  readonly networkMode?: string;
  readonly networks?: readonly ContainerNetwork[];
}

/** The env every managed test container starts from. */
export const BASE_ENV = { NPM_HOST: "app.lan", NPM_PORT: "8080" } as const;

/** A running container named `web` on network `casaos`, with {@linkcode BASE_ENV} plus `spec.env`. */
export function container(spec: ContainerSpec = {}): Container {
  const merged: Record<string, string | undefined> = { ...BASE_ENV, ...spec.env };
  const env = Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return {
    id: "c0ffee".padEnd(64, "0"),
    name: "web",
    image: "nginx:alpine",
    running: true,
    env,
    labels: spec.labels ?? {},
    networkMode: spec.networkMode ?? "casaos",
    networks: spec.networks ?? [network("casaos")],
  };
}

/** Asserts `state` is `desired` and narrows it. */
export function assertDesired(
  state: DesiredState,
): asserts state is Extract<DesiredState, { kind: "desired" }> {
  assert.equal(state.kind, "desired", JSON.stringify(state));
}

/** Asserts `state` is `invalid` and narrows it. */
export function assertInvalid(
  state: DesiredState,
): asserts state is Extract<DesiredState, { kind: "invalid" }> {
  assert.equal(state.kind, "invalid", JSON.stringify(state));
}

/** A setting the bad-input rule refuses: the only problem names `variable` and `mentions` why. */
export interface RefusedCase {
  readonly desc: string;
  readonly env: Record<string, string>;
  readonly variable: string;
  readonly mentions: string;
}

/** One test per case: the container is invalid, with one problem naming the variable. */
export function testRefused(cases: readonly RefusedCase[]): void {
  for (const c of cases) {
    Deno.test(`desiredState() refuses ${c.desc}`, () => {
      const state = desiredState(container({ env: c.env }), NPM_BESIDE);
      assertInvalid(state);
      assert.deepEqual(state.problems.map((p) => p.variable), [c.variable]);
      assert.ok(state.problems[0].reason.includes(c.mentions), state.problems[0].reason);
    });
  }
}
