import assert from "node:assert/strict";
import { describeDockerError } from "../../../lib/docker/describe_error.ts";
import type { DockerHostError } from "../../../lib/docker/docker_host.ts";
import type { DockerError } from "../../../lib/docker/types.ts";

const E = "unix:///var/run/docker.sock";
const cases: { error: DockerError | DockerHostError; want: RegExp }[] = [
  {
    error: { kind: "docker_unreachable", endpoint: E, cause: "No such file. Is dockerd running?" },
    want: /^Cannot reach the Docker engine at unix:\/\/\/var\/run\/docker\.sock: No such file/,
  },
  {
    error: { kind: "docker_timeout", endpoint: E, path: "/_ping", timeoutMs: 5000 },
    want: /did not answer \/_ping within 5000 ms/,
  },
  {
    error: { kind: "docker_api_error", path: "/x", status: 500, message: "boom" },
    want: /^Docker refused \/x: status 500: boom$/,
  },
  {
    error: { kind: "docker_bad_response", path: "/version", detail: "Version: expected string" },
    want: /unexpected JSON: Version/,
  },
  {
    error: { kind: "docker_stream_ended", endpoint: E, cause: "The engine closed it" },
    want: /event stream .* ended: The engine closed it/,
  },
  {
    error: { kind: "docker_host_invalid", value: "x", reason: "Nope" },
    want: /DOCKER_HOST "x": Nope/,
  },
];

for (const { error, want } of cases) {
  Deno.test(`describeDockerError() explains ${error.kind}`, () => {
    assert.match(describeDockerError(error), want);
  });
}
