import assert from "node:assert/strict";
import { ContainerBook } from "../../../lib/controller/container_book.ts";
import type { Problem } from "../../../lib/controller/reports.ts";

const WARNING: Problem = { severity: "warning", code: "setting_warning", message: "Careful" };

Deno.test("ContainerBook names a container by name once seen, else by short id", () => {
  const book = new ContainerBook();
  const id = "c0ffee".padEnd(64, "0");
  assert.equal(book.label(id), "c0ffee000000");
  book.noteName(id, "web");
  assert.equal(book.label(id), "web");
  book.noteName(id, "");
  assert.equal(book.name(id), "web", "an empty name is no news");
});

Deno.test("ContainerBook knows who claims which domain, and the claimants of freed domains", () => {
  const book = new ContainerBook();
  book.setClaim("a", ["app.lan"]);
  book.setClaim("b", ["app.lan"]);
  book.setClaim("c", ["other.lan"]);
  assert.equal(book.claims("a", "app.lan"), true);
  assert.deepEqual(book.claimantsOf(new Set(["app.lan"]), new Set(["a"])), ["b"]);
  book.setClaim("b", undefined);
  assert.deepEqual(book.claimantsOf(new Set(["app.lan"]), new Set(["a"])), []);
});

Deno.test("ContainerBook.keeps(): a running holder keeps its domains, except from its successor", () => {
  const book = new ContainerBook();
  book.setClaim("old", ["app.lan", "b.lan"]);
  book.noteName("old", "web");
  book.noteName("new", "web");
  book.noteName("other", "blog");
  const cases = [
    { holder: "old", domain: "app.lan", from: "other", keeps: true },
    { holder: "old", domain: "b.lan", from: "other", keeps: true },
    { holder: "old", domain: "c.lan", from: "other", keeps: false },
    { holder: "old", domain: "app.lan", from: "old", keeps: false },
    // Names are unique: a holder named as the claimant was removed, and the claimant recreates it.
    { holder: "old", domain: "app.lan", from: "new", keeps: false },
    { holder: "old", domain: "app.lan", from: "unnamed", keeps: true },
  ];
  for (const c of cases) {
    assert.equal(
      book.keeps(c.holder, { domain: c.domain, from: c.from }),
      c.keeps,
      JSON.stringify(c),
    );
  }
});

Deno.test("ContainerBook remembers the refused write until writes go through", () => {
  const book = new ContainerBook();
  book.setRefused("a", "PUT 4");
  assert.equal(book.wasRefused("a", "PUT 4"), true);
  assert.equal(book.wasRefused("a", "PUT 5"), false);
  book.setRefused("a", undefined);
  assert.equal(book.wasRefused("a", "PUT 4"), false);
});

Deno.test("ContainerBook.forget() drops all it knew of a container, problems told included", () => {
  const book = new ContainerBook();
  book.noteName("a", "web");
  book.setClaim("a", ["app.lan"]);
  book.setRefused("a", "PUT 4");
  assert.deepEqual(book.tell("a", [WARNING]), [WARNING]);
  assert.deepEqual(book.tell("a", [WARNING]), [], "told once");
  book.forget("a");
  assert.deepEqual(book.ids(), []);
  assert.equal(book.claims("a", "app.lan"), false);
  assert.equal(book.wasRefused("a", "PUT 4"), false);
  assert.deepEqual(book.tell("a", [WARNING]), [WARNING], "news again after forget");
});
