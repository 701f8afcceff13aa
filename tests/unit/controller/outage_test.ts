import assert from "node:assert/strict";
import { OutageWatch } from "../../../lib/controller/outage.ts";

function watch() {
  const clock = { ms: 0 };
  return { clock, outage: new OutageWatch({ outageMs: 5_000, now: () => clock.ms }) };
}

Deno.test("OutageWatch tells an outage once its failures span outageMs, and once only", () => {
  const { clock, outage } = watch();
  assert.equal(outage.failed("refused"), undefined);
  clock.ms = 4_999;
  assert.equal(outage.failed("refused"), undefined);
  clock.ms = 6_000;
  assert.deepEqual(outage.failed("refused"), { down: true, cause: "refused", forMs: 6_000 });
  clock.ms = 8_000;
  assert.equal(outage.failed("refused"), undefined, "told once");
  clock.ms = 25_000;
  assert.deepEqual(outage.answered(), { down: false, lastedMs: 25_000 });
  assert.equal(outage.answered(), undefined);
});

Deno.test("OutageWatch keeps one failure among good answers quiet", () => {
  const { clock, outage } = watch();
  outage.failed("timeout");
  assert.equal(outage.failing, true);
  clock.ms = 1_000;
  assert.equal(outage.answered(), undefined);
  assert.equal(outage.failing, false);
  clock.ms = 10_000;
  assert.equal(outage.failed("timeout"), undefined, "a new failure starts a new span");
});

Deno.test("OutageWatch ends only an outage it told: failed reads spanning less are no outage", () => {
  const { clock, outage } = watch();
  outage.failed("refused");
  clock.ms = 4_000;
  outage.failed("refused");
  clock.ms = 9_000;
  // The failed reads spanned 4 s; nobody asked in between.
  assert.equal(outage.answered(), undefined);
});
