import assert from "node:assert/strict";
import { desiredState, stopPolicy } from "../../../lib/desired/mod.ts";
import { container } from "../../support/model_factories.ts";

const APP = { NPM_HOST: "app.lan", NPM_PORT: "80" };

const CASES: {
  desc: string;
  env?: Record<string, string>;
  labels?: Record<string, string>;
  want: { stopAction: string; health: string };
  problem?: RegExp;
}[] = [
  { desc: "defaults", want: { stopAction: "disable", health: "follow" } },
  {
    desc: "env NPM_STOP_ACTION",
    env: { NPM_STOP_ACTION: "maintenance" },
    want: { stopAction: "maintenance", health: "follow" },
  },
  {
    desc: "any case",
    env: { NPM_STOP_ACTION: "KEEP", NPM_HEALTH: "Ignore" },
    want: { stopAction: "keep", health: "ignore" },
  },
  {
    desc: "label envoynpm.stop_action",
    labels: { "envoynpm.stop_action": "keep" },
    want: { stopAction: "keep", health: "follow" },
  },
  {
    desc: "env before label",
    env: { NPM_STOP_ACTION: "disable" },
    labels: { NPM_STOP_ACTION: "keep" },
    want: { stopAction: "disable", health: "follow" },
  },
  {
    desc: "an unknown stop action: the default, and a problem",
    env: { NPM_STOP_ACTION: "pause" },
    want: { stopAction: "maintenance", health: "follow" },
    problem: /NPM_STOP_ACTION "pause" is not a stop action: use disable, maintenance or keep/,
  },
  {
    desc: "an empty NPM_HEALTH is refused",
    env: { NPM_HEALTH: "" },
    want: { stopAction: "maintenance", health: "follow" },
    problem: /NPM_HEALTH/,
  },
  {
    desc: "a stray space is refused",
    env: { NPM_STOP_ACTION: "keep " },
    want: { stopAction: "maintenance", health: "follow" },
    problem: /NPM_STOP_ACTION/,
  },
];

for (const { desc, env, labels, want, problem } of CASES) {
  Deno.test(`stopPolicy() and desiredState(): ${desc}`, () => {
    const app = container("app", { ...APP, ...env }, { labels: labels ?? {} });
    // The global default in the failing cases is maintenance, to see it used.
    const fallback = problem ? "maintenance" : "disable";
    assert.deepEqual(stopPolicy(app, { stopAction: fallback }), want);
    const state = desiredState(app, {});
    if (problem === undefined) assert.equal(state.kind, "desired");
    else {
      assert.equal(state.kind, "invalid", "a bad value means no write");
      assert.match(state.kind === "invalid" ? state.problems[0].reason : "", problem);
    }
  });
}
