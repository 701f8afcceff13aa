/**
 * The release workflow takes a release's notes from CHANGELOG.md's section
 * of the version, so that section must be there before the tag is pushed.
 */
import assert from "node:assert/strict";
import denoJson from "../../../deno.json" with { type: "json" };

const CHANGELOG = Deno.readTextFileSync(new URL("../../../CHANGELOG.md", import.meta.url));
const headings = CHANGELOG.split("\n").filter((line) => line.startsWith("## "));

Deno.test("CHANGELOG.md starts with Unreleased, then deno.json's version", () => {
  assert.equal(headings[0], "## [Unreleased]");
  assert.match(
    headings[1] ?? "",
    new RegExp(`^## \\[${denoJson.version}\\] - \\d{4}-\\d{2}-\\d{2}$`),
  );
});

Deno.test("CHANGELOG.md links every version it names", () => {
  for (const heading of headings) {
    const version = /^## \[([^\]]+)\]/.exec(heading)?.[1];
    assert.ok(version !== undefined, heading);
    assert.match(CHANGELOG, new RegExp(`^\\[${version.replaceAll(".", "\\.")}\\]: https://`, "m"));
  }
});
