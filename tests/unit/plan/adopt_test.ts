/** NPM_ADOPT: a hand-made host with the container's domain becomes EnvoyNPM's, keeping its id. */
import assert from "node:assert/strict";
import { planContainer } from "../../../lib/plan/mod.ts";
import { desired, fields, host, NOW, snapshot } from "./_factories.ts";

const options = { now: NOW, enforce: false, isActiveClaim: () => false, instanceId: "pc" };

Deno.test("planContainer() adopts a hand-made host in one PUT, keeping its id and its certificate", () => {
  const hand = host({
    id: 9,
    forward_host: "10.0.0.9",
    certificate_id: 3,
    ssl_forced: true,
    meta: { nginx_online: true },
  });
  const actions = planContainer(
    { kind: "running", hosts: [{ ...desired(), adopt: true }] },
    snapshot([hand]),
    options,
  );
  assert.equal(actions.length, 1);
  const [update] = actions;
  assert.ok(update.kind === "update");
  assert.equal(update.hostId, 9);
  assert.equal(update.adopted, true);
  assert.equal(update.takeoverFrom, undefined);
  assert.equal(update.meta.managed_by, "EnvoyNPM");
  assert.equal(update.meta.container_id, "web1");
  assert.equal(update.meta.instance_id, "pc");
  assert.equal(update.changes.forward_host, fields().forward_host, "the container's settings win");
});

Deno.test("planContainer() leaves a hand-made host alone without NPM_ADOPT (policy B)", () => {
  const hand = host({ id: 9, meta: {} });
  const actions = planContainer({ kind: "running", hosts: [desired()] }, snapshot([hand]), options);
  assert.deepEqual(actions.map((a) => [a.kind, a.kind === "skip" && a.reason]), [[
    "skip",
    "foreign_host",
  ]]);
});

Deno.test("planContainer() does not adopt the host of another instance", () => {
  const theirs = host({ meta: { managed_by: "EnvoyNPM", container_id: "x", instance_id: "nas" } });
  const actions = planContainer(
    { kind: "running", hosts: [{ ...desired(), adopt: true }] },
    snapshot([theirs]),
    options,
  );
  assert.deepEqual(actions.map((a) => a.kind === "skip" && a.reason), ["other_instance"]);
});
