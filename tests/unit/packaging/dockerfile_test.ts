/**
 * The Dockerfile's two ways to the binary: compiled from source (the
 * default, for `docker build .`) or copied from the release binaries.
 */
import assert from "node:assert/strict";

const root = new URL("../../../", import.meta.url);
const DOCKERFILE = Deno.readTextFileSync(new URL("Dockerfile", root));
const DOCKERIGNORE = Deno.readTextFileSync(new URL(".dockerignore", root));
const LICENSE = Deno.readTextFileSync(new URL("LICENSE", root));

const facts: { desc: string; text: string; pattern: RegExp }[] = [
  {
    desc: "compiles from source unless told otherwise",
    text: DOCKERFILE,
    pattern: /^ARG BINARY=compile$/m,
  },
  {
    desc: "runs the compile stage on the build machine's platform",
    text: DOCKERFILE,
    pattern: /^FROM --platform=\$BUILDPLATFORM denoland\/deno:\S+ AS compile$/m,
  },
  {
    desc: "cross-compiles for x86-64 Linux",
    text: DOCKERFILE,
    pattern: /amd64\) target=x86_64-unknown-linux-gnu ;;/,
  },
  {
    desc: "cross-compiles for arm64 Linux",
    text: DOCKERFILE,
    pattern: /arm64\) target=aarch64-unknown-linux-gnu ;;/,
  },
  {
    desc: "copies the prebuilt binary of the image's architecture",
    text: DOCKERFILE,
    pattern: /^COPY --chmod=0755 dist\/envoynpm-linux-\$\{TARGETARCH\} \/envoynpm$/m,
  },
  {
    desc: "takes the binary from the chosen stage",
    text: DOCKERFILE,
    pattern: /^FROM \$\{BINARY\} AS binary\n[\s\S]*^COPY --from=binary \/envoynpm \/envoynpm$/m,
  },
  {
    desc: "labels the version it is given",
    text: DOCKERFILE,
    pattern: /org\.opencontainers\.image\.version="\$\{VERSION\}"/,
  },
  {
    desc: "labels the licence MIT",
    text: DOCKERFILE,
    pattern: /org\.opencontainers\.image\.licenses="MIT"/,
  },
  {
    desc: "lets the release binaries into the context",
    text: DOCKERIGNORE,
    pattern: /^!dist\/envoynpm-linux-\*$/m,
  },
  { desc: "LICENSE is the MIT licence", text: LICENSE, pattern: /^MIT License\n/ },
];

Deno.test("Dockerfile", async (t) => {
  for (const { desc, text, pattern } of facts) {
    await t.step(desc, () => assert.match(text, pattern));
  }
});
