import assert from "node:assert/strict";
import { describeThrown } from "../../../lib/errors/mod.ts";

Deno.test("describeThrown() joins the messages of the cause chain", () => {
  const inner = new Error("Connection refused (os error 111)");
  const thrown = new TypeError("fetch failed", { cause: new Error("", { cause: inner }) });
  assert.equal(describeThrown(thrown, "x"), "fetch failed: Connection refused (os error 111)");
});

Deno.test("describeThrown() takes non-errors as text, stops deep chains, and falls back", () => {
  assert.equal(describeThrown("plain", "x"), "plain");
  let deep: unknown = "bottom";
  for (let i = 5; i > 0; i--) deep = new Error(`level ${i}`, { cause: deep });
  assert.equal(describeThrown(deep, "x"), "level 1: level 2: level 3: level 4");
  assert.equal(describeThrown(new Error(""), "Unknown error"), "Unknown error");
});
