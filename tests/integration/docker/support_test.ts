import assert from "node:assert/strict";
import { createDockerClient } from "../../../lib/docker/client.ts";
import { createDockerAdmin, uniqueName } from "../../support/docker_admin.ts";
import { engineHost, engineTransport } from "../../support/engine.ts";
import { ensureTestImage, importBusyboxImage, isStaticElf } from "../../support/test_image.ts";

Deno.test("isStaticElf() tells the static busybox from a dynamic program", async () => {
  assert.equal(isStaticElf(await Deno.readFile("/bin/busybox")), true);
  using deno = await Deno.open(Deno.execPath());
  const head = new Uint8Array(65_536);
  await deno.read(head);
  assert.equal(isStaticElf(head), false);
  assert.equal(isStaticElf(new TextEncoder().encode("#!/bin/sh\necho not elf\n")), false);
});

Deno.test("importBusyboxImage() builds an image whose default command keeps running", async () => {
  const tag = uniqueName("image");
  const image = `envoynpm-test:${tag}`;
  using admin = await createDockerAdmin();
  using transport = engineTransport();
  try {
    await importBusyboxImage(image);
    const id = await admin.run({ name: tag, image, networkMode: "none" });
    using docker = createDockerClient({ host: engineHost() })._unsafeUnwrap();
    const container = (await docker.inspectContainer(id))._unsafeUnwrap();
    assert.equal(container?.image, image);
    assert.equal(container?.running, true);
  } finally {
    await admin.cleanup(tag);
    await transport.text(`/images/${image}?force=1`, { method: "DELETE" });
  }
});

Deno.test("ensureTestImage() is idempotent under parallel calls", async () => {
  const names = await Promise.all([ensureTestImage(), ensureTestImage()]);
  assert.deepEqual(names, ["envoynpm-test:busybox", "envoynpm-test:busybox"]);
});

Deno.test("DockerAdmin.cleanup() removes the containers and networks of a prefix only", async () => {
  const prefix = uniqueName("cleanup");
  const other = uniqueName("keep");
  using admin = await createDockerAdmin();
  using docker = createDockerClient({ host: engineHost() })._unsafeUnwrap();
  try {
    const network = await admin.createNetwork(`${prefix}-net`);
    const second = await admin.createNetwork(`${prefix}-net2`);
    const a = await admin.run({ name: `${prefix}-a`, network: network.name });
    const b = await admin.run({ name: `${prefix}-b`, start: false });
    const kept = await admin.run({ name: other, networkMode: "none", start: false });
    await admin.connect(second.name, a);
    assert.equal((await docker.inspectContainer(a))._unsafeUnwrap()?.networks.length, 2);
    await admin.disconnect(second.name, a);
    assert.equal((await docker.inspectContainer(a))._unsafeUnwrap()?.networks.length, 1);
    await admin.cleanup(prefix);
    assert.equal((await docker.inspectContainer(a))._unsafeUnwrap(), null);
    assert.equal((await docker.inspectContainer(b))._unsafeUnwrap(), null);
    assert.notEqual((await docker.inspectContainer(kept))._unsafeUnwrap(), null);
    await admin.removeNetwork(network.name); // already gone: fine
  } finally {
    await admin.cleanup(prefix);
    await admin.cleanup(other);
  }
});

Deno.test("DockerAdmin start, restart, stop and kill change the running state", async () => {
  const name = uniqueName("life");
  using admin = await createDockerAdmin();
  using docker = createDockerClient({ host: engineHost() })._unsafeUnwrap();
  const running = async (id: string) =>
    (await docker.inspectContainer(id))._unsafeUnwrap()?.running;
  try {
    const id = await admin.run({ name, networkMode: "none" });
    await admin.stop(id);
    assert.equal(await running(id), false);
    await admin.stop(id); // already stopped: fine
    await admin.start(id);
    assert.equal(await running(id), true);
    await admin.restart(id);
    assert.equal(await running(id), true);
    await admin.kill(id);
    assert.equal(await running(id), false);
    await admin.remove(id);
    await admin.remove(id); // already gone: fine
  } finally {
    await admin.cleanup(name);
  }
});
