import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config/mod.ts";
import { createDockerClient } from "../../../lib/docker/client.ts";
import type { ContainerEvent } from "../../../lib/docker/types.ts";
import { uniqueName } from "../../support/docker_admin.ts";
import { type PrivateEngine, startPrivateEngine } from "../../support/private_engine.ts";
import { waitUntil } from "../../support/wait.ts";

/** The TLS settings as EnvoyNPM reads them from the environment, for a private TLS engine. */
function tlsConfig(engine: PrivateEngine) {
  const config = loadConfig({
    NPM_API_URL: "http://npm:81",
    NPM_API_EMAIL: "admin@example.com",
    NPM_API_PASSWORD: "unused",
    DOCKER_HOST: engine.tls!.host,
    DOCKER_TLS_VERIFY: "1",
    DOCKER_CERT_PATH: engine.tls!.certPath,
  })._unsafeUnwrap();
  return { host: config.dockerHosts[0], tls: config.dockerTls! };
}

Deno.test("over TLS (--tlsverify), the client lists, inspects and streams events", async () => {
  await using engine = await startPrivateEngine({ tls: true });
  using docker = createDockerClient(tlsConfig(engine))._unsafeUnwrap();
  assert.match((await docker.version())._unsafeUnwrap().apiVersion, /^1\.\d+$/);

  const controller = new AbortController();
  const seen: ContainerEvent[] = [];
  const { promise: connected, resolve: onConnected } = Promise.withResolvers<void>();
  const stream = docker.streamEvents((event) => seen.push(event), {
    onConnected,
    signal: controller.signal,
  });
  await connected;
  const name = uniqueName("tls");
  const id = await engine.admin.run({ name, networkMode: "none", labels: { over: "tls" } });

  const listed = (await docker.listContainers())._unsafeUnwrap();
  assert.equal(listed.find((c) => c.id === id)?.name, name);
  const inspected = (await docker.inspectContainer(id))._unsafeUnwrap();
  assert.equal(inspected?.running, true);
  assert.deepEqual(inspected?.labels, { over: "tls" });
  await waitUntil("the start event over TLS", () => {
    return seen.some((e) => e.id === id && e.action === "start" && e.name === name);
  });
  controller.abort();
  assert.ok((await stream).isOk());
});

Deno.test("the TLS engine refuses a client without a certificate, and we refuse the wrong CA", async () => {
  await using engine = await startPrivateEngine({ tls: true });
  const { host, tls } = tlsConfig(engine);
  const url = host.replace("tcp://", "https://") + "/_ping";

  using anonymous = Deno.createHttpClient({ caCerts: [tls.ca] });
  const refused = await fetch(url, { client: anonymous }).then(
    async (response) => `status ${response.status}: ${await response.text()}`,
    (e: Error) => `refused: ${e.message}`,
  );
  assert.match(refused, /^refused: /, `dockerd answered a client without a certificate`);

  const plain = await fetch(host.replace("tcp://", "http://") + "/_ping").then(
    async (response) => `status ${response.status}: ${await response.text()}`,
    (e: Error) => `refused: ${e.message}`,
  );
  assert.doesNotMatch(plain, /^status 200/, "dockerd answered plain HTTP on its TLS port");

  const wrongCa = { ...tls, ca: await Deno.readTextFile(engine.tls!.otherCa) };
  using distrusting = createDockerClient({ host, tls: wrongCa, timeoutMs: 5_000 })
    ._unsafeUnwrap();
  const error = (await distrusting.ping())._unsafeUnwrapErr();
  assert.equal(error.kind, "docker_unreachable");
  assert.match(error.kind === "docker_unreachable" ? error.cause : "", /certificate|issuer/i);

  using trusted = createDockerClient({ host, tls })._unsafeUnwrap();
  assert.ok((await trusted.ping()).isOk());
});
