import assert from "node:assert/strict";
import {
  chooseApiVersion,
  compareApiVersions,
  isVersionRefused,
} from "../../../lib/docker/api_version.ts";
import type { DockerError } from "../../../lib/docker/types.ts";

const comparisons: [string, string, "<" | "=" | ">"][] = [
  ["1.41", "1.41", "="],
  ["1.40", "1.41", "<"],
  ["1.44", "1.41", ">"],
  ["1.9", "1.41", "<"],
  ["1.100", "1.52", ">"],
  ["2.0", "1.52", ">"],
];

for (const [a, b, want] of comparisons) {
  Deno.test(`compareApiVersions() orders ${a} ${want} ${b}`, () => {
    const got = Math.sign(compareApiVersions(a, b));
    assert.equal(got, { "<": -1, "=": 0, ">": 1 }[want]);
  });
}

const chosen: { desc: string; engine: string; min?: string; want: string }[] = [
  { desc: "Docker 20.10 (1.41)", engine: "1.41", min: "1.12", want: "1.41" },
  { desc: "Docker 29 (1.52, refusing below 1.44)", engine: "1.52", min: "1.44", want: "1.52" },
  { desc: "an engine that does not say its minimum", engine: "1.44", want: "1.44" },
];

for (const { desc, engine, min, want } of chosen) {
  Deno.test(`chooseApiVersion() speaks the engine's own version with ${desc}`, () => {
    const json = { Version: "x", ApiVersion: engine, ...(min ? { MinAPIVersion: min } : {}) };
    assert.deepEqual(chooseApiVersion(json)._unsafeUnwrap(), {
      version: "x",
      apiVersion: want,
      ...(min ? { minApiVersion: min } : {}),
    });
  });
}

Deno.test("chooseApiVersion() refuses an engine older than API 1.41, saying what to do", () => {
  const error = chooseApiVersion({ Version: "19.03.15", ApiVersion: "1.40", MinAPIVersion: "1.12" })
    ._unsafeUnwrapErr();
  assert.equal(error.kind, "docker_api_error");
  assert.deepEqual(
    error.kind === "docker_api_error" ? [error.path, error.status] : [],
    ["/version", 400],
  );
  assert.match(
    error.kind === "docker_api_error" ? error.message : "",
    /^The Docker engine 19\.03\.15 speaks API 1\.40 at most, but EnvoyNPM needs API 1\.41 .*upgrade/,
  );
});

const refusals: { desc: string; error: DockerError; want: boolean }[] = [
  {
    desc: "a too old client",
    error: {
      kind: "docker_api_error",
      path: "/events",
      status: 400,
      message: "client version 1.41 is too old. Minimum supported API version is 1.44, " +
        "please upgrade your client to a newer version",
    },
    want: true,
  },
  {
    desc: "a too new client",
    error: {
      kind: "docker_api_error",
      path: "/_ping",
      status: 400,
      message: "client version 1.44 is too new. Maximum supported API version is 1.41",
    },
    want: true,
  },
  {
    desc: "another 400",
    error: { kind: "docker_api_error", path: "/x", status: 400, message: "bad parameter" },
    want: false,
  },
  {
    desc: "the same words with another status",
    error: {
      kind: "docker_api_error",
      path: "/x",
      status: 500,
      message: "client version 1.41 is too old",
    },
    want: false,
  },
  {
    desc: "a connection failure",
    error: { kind: "docker_unreachable", endpoint: "unix:///x", cause: "gone" },
    want: false,
  },
];

for (const { desc, error, want } of refusals) {
  Deno.test(`isVersionRefused() is ${want} for ${desc}`, () => {
    assert.equal(isVersionRefused(error), want);
  });
}
