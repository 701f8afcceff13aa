/**
 * The CasaOS app installs the released image and carries the store metadata
 * CasaOS shows. There is no YAML parser among our dependencies, so the
 * compose file is read as the indented text it is.
 */
import assert from "node:assert/strict";
import denoJson from "../../../deno.json" with { type: "json" };

const root = new URL("../../../", import.meta.url);
const APP = "casaos/envoynpm/";
const COMPOSE = Deno.readTextFileSync(new URL(`${APP}docker-compose.yml`, root));

/** The lines under `key:` at `indent` spaces, up to the next line as shallow; no trailing blanks. */
function block(text: string, key: string, indent: number): string[] {
  const lines = text.split("\n");
  const start = lines.indexOf(`${" ".repeat(indent)}${key}:`);
  assert.ok(start >= 0, `no "${key}:" at indent ${indent}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => line.trim() !== "" && line.search(/\S/) <= indent);
  const body = end < 0 ? rest : rest.slice(0, end);
  while (body.at(-1)?.trim() === "") body.pop();
  return body;
}

/** The keys at exactly `indent` spaces in `lines`. */
function keys(lines: readonly string[], indent: number): string[] {
  const pattern = new RegExp(`^ {${indent}}([A-Za-z_][\\w-]*):`);
  return lines.flatMap((line) => pattern.exec(line)?.[1] ?? []);
}

const service = block(COMPOSE, "envoynpm", 2);
const store = block(COMPOSE, "x-casaos", 0);

Deno.test("block() and keys() read a nested YAML mapping", () => {
  const text = "a:\n  b:\n    c: 1\n\n    d: 2\n  e: 3\nf: 4\n";
  assert.deepEqual(block(text, "b", 2), ["    c: 1", "", "    d: 2"]);
  assert.deepEqual(keys(block(text, "a", 0), 2), ["b", "e"]);
});

Deno.test("CasaOS app installs the released image of deno.json's version", () => {
  assert.deepEqual(
    service.filter((line) => /^ {4}image:/.test(line)),
    [`    image: ghcr.io/envoynpm/envoynpm:${denoJson.version}`],
  );
  assert.deepEqual(keys(service, 4).filter((key) => key === "build"), [], "nothing to build");
});

Deno.test("CasaOS app has the store's metadata", () => {
  assert.deepEqual(keys(store, 2).sort(), [
    "architectures",
    "author",
    "category",
    "description",
    "developer",
    "icon",
    "index",
    "main",
    "port_map",
    "scheme",
    "screenshot_link",
    "tagline",
    "tips",
    "title",
  ]);
  for (const localized of ["title", "tagline", "description"]) {
    assert.match(block(store.join("\n"), localized, 2).join("\n"), /^ {4}en_us: \S/m, localized);
  }
  assert.ok(store.includes("  main: envoynpm"));
  assert.ok(store.includes('  port_map: "8787"'));
  assert.deepEqual(block(store.join("\n"), "architectures", 2), ["    - amd64", "    - arm64"]);
});

Deno.test("CasaOS app's icon and screenshot are files of this folder", async () => {
  const links = store.flatMap((line) => /https:\/\/\S+/.exec(line)?.[0] ?? []);
  assert.deepEqual(links.map((link) => link.replace(/^.*\//, "")), [
    "icon.svg",
    "screenshot-1.png",
  ]);
  for (const link of links) {
    assert.match(
      link,
      new RegExp(`^https://cdn\\.jsdelivr\\.net/gh/envoynpm/envoynpm@main/${APP}`),
    );
    const file = link.replace(/^.*@main\//, "");
    assert.ok((await Deno.stat(new URL(file, root))).size > 0, file);
  }
});

Deno.test("CasaOS app describes every environment variable it sets", () => {
  const set = keys(block(service.join("\n"), "environment", 4), 6);
  const described = service.flatMap((line) => /^ {8}- container: (\w+)$/.exec(line)?.[1] ?? []);
  assert.ok(set.includes("NPM_API_EMAIL") && set.includes("NPM_API_PASSWORD"));
  assert.deepEqual(described, set);
});
