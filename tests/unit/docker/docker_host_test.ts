import assert from "node:assert/strict";
import { DEFAULT_DOCKER_HOST, parseDockerHost } from "../../../lib/docker/docker_host.ts";

const good = [
  {
    value: DEFAULT_DOCKER_HOST,
    want: {
      display: DEFAULT_DOCKER_HOST,
      baseUrl: "http://docker",
      socketPath: "/var/run/docker.sock",
    },
  },
  {
    value: "tcp://127.0.0.1:2375",
    want: { display: "tcp://127.0.0.1:2375", baseUrl: "http://127.0.0.1:2375" },
  },
  {
    value: "tcp://docker-proxy:2375/",
    want: { display: "tcp://docker-proxy:2375/", baseUrl: "http://docker-proxy:2375" },
  },
];

for (const { value, want } of good) {
  Deno.test(`parseDockerHost() reads ${value}`, () => {
    assert.deepEqual(parseDockerHost(value)._unsafeUnwrap(), want);
  });
}

const bad = [
  { value: "", reason: /unix:\/\/ or tcp:\/\// },
  { value: "/var/run/docker.sock", reason: /unix:\/\/ or tcp:\/\// },
  { value: "ssh://me@host", reason: /unix:\/\/ or tcp:\/\// },
  { value: "unix://relative.sock", reason: /absolute path/ },
  { value: "tcp://127.0.0.1", reason: /host and a port/ },
  { value: "tcp://:2375", reason: /host and a port/ },
  { value: "tcp://host:2375/path", reason: /host and a port/ },
];

for (const { value, reason } of bad) {
  Deno.test(`parseDockerHost() refuses "${value}"`, () => {
    const error = parseDockerHost(value)._unsafeUnwrapErr();
    assert.equal(error.kind, "docker_host_invalid");
    assert.equal(error.value, value);
    assert.match(error.reason, reason);
  });
}
