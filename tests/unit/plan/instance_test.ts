/** Several EnvoyNPM instances on one NPM: each owns only its own hosts. */
import assert from "node:assert/strict";
import { planContainer } from "../../../lib/plan/mod.ts";
import { desired, host, NOW, ownMeta, snapshot, stored } from "./_factories.ts";

const MINE = "engine-a";
const options = { now: NOW, enforce: false, isActiveClaim: () => false, instanceId: MINE };

Deno.test("planContainer() leaves a host of another instance alone, with a skip naming it", () => {
  const theirs = host({
    meta: stored(ownMeta({ instance_id: "engine-b", container_id: "other" })),
  });
  const actions = planContainer(
    { kind: "running", hosts: [desired()] },
    snapshot([theirs]),
    options,
  );
  assert.deepEqual(actions.map((a) => [a.kind, a.kind === "skip" && a.reason]), [[
    "skip",
    "other_instance",
  ]]);
  assert.equal(actions[0].kind === "skip" && actions[0].holderInstanceId, "engine-b");
});

Deno.test("planContainer() never retires a host of another instance, even for a container id it names", () => {
  const theirs = host({ meta: stored(ownMeta({ instance_id: "engine-b" })) });
  for (const known of [true, false]) {
    const actions = planContainer(
      { kind: "gone", containerId: "web1", containerName: "web", known },
      snapshot([theirs]),
      options,
    );
    assert.deepEqual(actions, [], `known: ${known}`);
  }
});

Deno.test("planContainer() takes over a host made before instances had ids, in one write", () => {
  const legacy = host({ meta: stored(ownMeta()) });
  const actions = planContainer(
    { kind: "running", hosts: [desired()] },
    snapshot([legacy]),
    options,
  );
  assert.equal(actions.length, 1);
  const [update] = actions;
  assert.equal(update.kind, "update");
  assert.equal(update.kind === "update" && update.meta.instance_id, MINE);
  assert.deepEqual(update.kind === "update" && update.changes, {});
});

Deno.test("planContainer() leaves a legacy host alone when this engine does not know its container", () => {
  const legacy = host({ meta: stored(ownMeta()) });
  const gone = { kind: "gone", containerId: "web1", containerName: "web1", known: false } as const;
  assert.deepEqual(planContainer(gone, snapshot([legacy]), options), []);
  const stopped = { ...gone, known: true };
  assert.deepEqual(
    planContainer(stopped, snapshot([legacy]), options).map((a) => a.kind),
    ["disable", "update"],
    "a stopped container of this engine is this instance's: disabled and marked",
  );
});

Deno.test("planContainer() writes this instance's id into a new host's meta", () => {
  const [create] = planContainer({ kind: "running", hosts: [desired()] }, snapshot([]), options);
  assert.equal(create.kind === "create" && create.meta.instance_id, MINE);
});
