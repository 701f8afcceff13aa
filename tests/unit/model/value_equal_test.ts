import assert from "node:assert/strict";
import { valueEqual } from "../../../lib/model/mod.ts";

Deno.test("valueEqual() compares JSON-like values deeply, ignoring key order and undefined keys", () => {
  const cases: { desc: string; a: unknown; b: unknown; want: boolean }[] = [
    { desc: "same number", a: 1, b: 1, want: true },
    { desc: "number and string", a: 1, b: "1", want: false },
    { desc: "NaN", a: NaN, b: NaN, want: true },
    { desc: "null and empty object", a: null, b: {}, want: false },
    { desc: "equal arrays", a: ["a", 1], b: ["a", 1], want: true },
    { desc: "arrays in another order", a: ["a", "b"], b: ["b", "a"], want: false },
    { desc: "array and object", a: ["a"], b: { 0: "a" }, want: false },
    { desc: "arrays of other lengths", a: [1], b: [1, 2], want: false },
    { desc: "keys in another order", a: { x: 1, y: 2 }, b: { y: 2, x: 1 }, want: true },
    { desc: "an undefined key", a: { x: 1, y: undefined }, b: { x: 1 }, want: true },
    { desc: "a missing key", a: { x: 1, y: 2 }, b: { x: 1 }, want: false },
    { desc: "nested difference", a: { x: { y: [1, 2] } }, b: { x: { y: [1, 3] } }, want: false },
    {
      desc: "nested equality",
      a: { x: { y: [1, { z: true }] } },
      b: { x: { y: [1, { z: true }] } },
      want: true,
    },
  ];
  for (const c of cases) assert.equal(valueEqual(c.a, c.b), c.want, c.desc);
});
