import assert from "node:assert/strict";
import { sleep } from "../../../lib/timing/mod.ts";

Deno.test("sleep() resolves after its delay", async () => {
  const started = performance.now();
  await sleep(30);
  assert.ok(performance.now() - started >= 25);
});

Deno.test("sleep() ends early, without throwing, when its signal aborts", async () => {
  const controller = new AbortController();
  const started = performance.now();
  const pause = sleep(60_000, controller.signal);
  setTimeout(() => controller.abort(), 10);
  await pause;
  assert.ok(performance.now() - started < 5_000);
});

Deno.test("sleep() resolves at once when its signal already aborted", async () => {
  const started = performance.now();
  await sleep(60_000, AbortSignal.abort());
  assert.ok(performance.now() - started < 5_000);
});
