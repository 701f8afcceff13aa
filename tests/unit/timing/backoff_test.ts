import assert from "node:assert/strict";
import fc from "fast-check";
import { backoffDelay } from "../../../lib/timing/mod.ts";

Deno.test("backoffDelay() doubles up to the cap", () => {
  const table: [attempt: number, baseMs: number, maxMs: number, expected: number][] = [
    [0, 1_000, 30_000, 1_000],
    [1, 1_000, 30_000, 2_000],
    [2, 1_000, 30_000, 4_000],
    [4, 1_000, 30_000, 16_000],
    [5, 1_000, 30_000, 30_000],
    [60, 1_000, 30_000, 30_000],
    [2_000, 1_000, 30_000, 30_000],
    [0, 250, 5_000, 250],
    [3, 250, 5_000, 2_000],
    [5, 250, 5_000, 5_000],
    [0, 2_000, 1_000, 1_000],
  ];
  for (const [attempt, baseMs, maxMs, expected] of table) {
    assert.equal(backoffDelay(attempt, { baseMs, maxMs }), expected, `attempt ${attempt}`);
  }
});

Deno.test("backoffDelay() treats a negative or fractional attempt as the whole one below, 0 at least", () => {
  assert.equal(backoffDelay(-3, { baseMs: 100, maxMs: 1000 }), 100);
  assert.equal(backoffDelay(2.7, { baseMs: 100, maxMs: 1000 }), 400);
  assert.equal(backoffDelay(-3, { baseMs: 100, maxMs: 1000, random: () => 0.5 }), 50);
});

Deno.test("backoffDelay() with random stays within [0, min(max, base·2^attempt)]", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 1, max: 100_000 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (attempt, baseMs, maxMs, r) => {
        const delay = backoffDelay(attempt, { baseMs, maxMs, random: () => r });
        assert.ok(delay >= 0);
        assert.ok(delay <= Math.min(maxMs, baseMs * 2 ** attempt));
        assert.ok(Number.isInteger(delay));
      },
    ),
  );
});

Deno.test("backoffDelay() with random doubles its ceiling per attempt until the cap", () => {
  const ceiling = (attempt: number) =>
    backoffDelay(attempt, { baseMs: 250, maxMs: 8_000, random: () => 0.999999 });
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6, 30, 2000].map(ceiling),
    [249, 499, 999, 1999, 3999, 7999, 7999, 7999, 7999],
  );
});

Deno.test("backoffDelay() with random is full jitter: random 0 gives 0, the spread covers the range", () => {
  const table: [r: number, expected: number][] = [[0, 0], [0.25, 200], [0.5, 400], [0.75, 600]];
  for (const [r, expected] of table) {
    assert.equal(backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: () => r }), expected);
  }
});
