import assert from "node:assert/strict";
import {
  DEFAULT_DOCKER_HOST,
  isExposedPlainTcp,
  parseDockerHost,
} from "../../../lib/docker/docker_host.ts";

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

const TLS = { ca: "ca", cert: "cert", key: "key" };

Deno.test("parseDockerHost() speaks https to a tcp:// host with TLS", () => {
  assert.deepEqual(parseDockerHost("tcp://nas:2376", { tls: TLS })._unsafeUnwrap(), {
    display: "tcp://nas:2376",
    baseUrl: "https://nas:2376",
    tls: TLS,
  });
});

Deno.test("parseDockerHost() refuses TLS for a unix socket", () => {
  const error = parseDockerHost(DEFAULT_DOCKER_HOST, { tls: TLS })._unsafeUnwrapErr();
  assert.match(error.reason, /tcp:\/\/ hosts only/);
});

const exposure = [
  { value: "tcp://127.0.0.1:2375", exposed: false },
  { value: "tcp://127.8.0.3:2375", exposed: false },
  { value: "tcp://localhost:2375", exposed: false },
  { value: "tcp://[::1]:2375", exposed: false },
  { value: DEFAULT_DOCKER_HOST, exposed: false },
  { value: "tcp://socket-proxy:2375", exposed: true },
  { value: "tcp://192.168.1.20:2375", exposed: true },
  { value: "tcp://127.0.0.1.nip.io:2375", exposed: true },
];

for (const { value, exposed } of exposure) {
  Deno.test(`isExposedPlainTcp() says ${exposed} for ${value}`, () => {
    assert.equal(isExposedPlainTcp(parseDockerHost(value)._unsafeUnwrap()), exposed);
  });
}

Deno.test("isExposedPlainTcp() is false once TLS is on", () => {
  const endpoint = parseDockerHost("tcp://nas:2376", { tls: TLS })._unsafeUnwrap();
  assert.equal(isExposedPlainTcp(endpoint), false);
});
