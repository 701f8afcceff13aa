import assert from "node:assert/strict";
import type { ProxyHost, StopAction } from "../../../lib/model/mod.ts";
import { planContainer, type ReconcileTarget } from "../../../lib/plan/mod.ts";
import {
  inMaintenance,
  MAINTENANCE_MARKER,
  maintenanceComment,
  maintenanceConfig,
} from "../../../lib/plan/maintenance.ts";
import { parseOwnerMeta } from "../../../lib/npm/mod.ts";
import { desired, DISABLED, host, options, ownMeta, snapshot, stored, WEB } from "./_factories.ts";

const gone = (stopAction?: StopAction): ReconcileTarget => ({ kind: "gone", ...WEB, stopAction });

/** Applies an update the way NPM does: fields replaced, meta replaced whole. */
function applied(before: ProxyHost, plan: ReturnType<typeof planContainer>): ProxyHost {
  let after = before;
  for (const action of plan) {
    if (action.kind === "update") {
      const meta = stored({ ...action.meta });
      after = { ...after, ...action.changes, meta, enabled: after.enabled || action.enable };
    }
    if (action.kind === "disable") after = { ...after, enabled: false };
    if (action.kind === "enable") after = { ...after, enabled: true };
  }
  return { ...after, owner: parseOwnerMeta(after.meta) };
}

const CASES: { stopAction?: StopAction; kinds: string[]; enabled: boolean; comment: string }[] = [
  { stopAction: undefined, kinds: ["disable", "update"], enabled: false, comment: DISABLED },
  { stopAction: "disable", kinds: ["disable", "update"], enabled: false, comment: DISABLED },
  {
    stopAction: "maintenance",
    kinds: ["update"],
    enabled: true,
    comment: maintenanceComment("app.lan"),
  },
  { stopAction: "keep", kinds: [], enabled: true, comment: ownMeta().comments },
];

for (const { stopAction, kinds, enabled, comment } of CASES) {
  Deno.test(`planContainer() on stop with ${stopAction ?? "no"} stop action: ${kinds.join(", ") || "no write"}`, () => {
    const before = host();
    const plan = planContainer(gone(stopAction), snapshot([before]), options());
    assert.deepEqual(plan.map((action) => action.kind), kinds);
    const after = applied(before, plan);
    assert.equal(after.enabled, enabled);
    assert.equal(after.owner?.comments, comment);
    assert.equal(inMaintenance(after), stopAction === "maintenance");
    // Once done, the same plan has nothing more to write.
    assert.deepEqual(planContainer(gone(stopAction), snapshot([after]), options()), []);
  });
}

Deno.test("maintenanceConfig() is a 503 page marked as EnvoyNPM's, naming the container", () => {
  const page = maintenanceConfig("web");
  assert.ok(page.startsWith(MAINTENANCE_MARKER));
  assert.match(page, /return 503 ".*web is stopped/);
  assert.match(page, /location \/ \{/);
  assert.doesNotMatch(maintenanceConfig('we"b;}'), /we"b/, "never quotes odd characters in");
});

Deno.test("planContainer() restores a maintenance host in one write when the container starts", () => {
  const before = host({ advanced_config: "" });
  const down = applied(before, planContainer(gone("maintenance"), snapshot([before]), options()));
  const plan = planContainer({ kind: "running", hosts: [desired()] }, snapshot([down]), options());
  assert.equal(plan.length, 1);
  const [update] = plan;
  assert.equal(update.kind, "update");
  if (update.kind !== "update") return;
  assert.deepEqual(update.changes, { advanced_config: "" });
  assert.equal(update.meta.comments, ownMeta().comments);
  assert.equal("maintenance" in update.meta, false, "the saved config goes");
  const up = applied(down, plan);
  assert.deepEqual(
    planContainer({ kind: "running", hosts: [desired()] }, snapshot([up]), options()),
    [],
  );
});

Deno.test("planContainer() restores the container's own NPM_ADVANCED_CONFIG, and a hand edit survives", () => {
  const own = "proxy_read_timeout 60s;";
  const applied0 = ownMeta({ last_applied: { ...ownMeta().last_applied, advanced_config: own } });
  // By hand, before the stop: a line added that the merge keeps.
  const edited = host({ advanced_config: `${own}\n# by hand`, meta: stored(applied0) });
  const down = applied(edited, planContainer(gone("maintenance"), snapshot([edited]), options()));
  assert.ok(inMaintenance(down));
  const plan = planContainer(
    { kind: "running", hosts: [desired({ advanced_config: own })] },
    snapshot([down]),
    options(),
  );
  assert.equal(plan.length, 1);
  assert.equal(plan[0].kind === "update" && plan[0].changes.advanced_config, `${own}\n# by hand`);
  // Changed while stopped: the new value is written, in the same single write.
  const changed = planContainer(
    { kind: "running", hosts: [desired({ advanced_config: "client_max_body_size 1g;" })] },
    snapshot([down]),
    options(),
  );
  assert.equal(changed.length, 1);
  assert.equal(
    changed[0].kind === "update" && changed[0].changes.advanced_config,
    "client_max_body_size 1g;",
  );
});

Deno.test("planContainer() puts a disabled host in maintenance enabled, in one write", () => {
  const before = host({ enabled: false, meta: stored(ownMeta({ comments: DISABLED })) });
  const plan = planContainer(gone("maintenance"), snapshot([before]), options());
  assert.deepEqual(plan.map((action) => action.kind), ["update"]);
  assert.equal(plan[0].kind === "update" && plan[0].enable, true);
});
