import assert from "node:assert/strict";
import { okAsync } from "neverthrow";
import { engineInstanceId } from "../../../lib/controller/resync_keys.ts";
import { FakeDocker } from "../../support/fake_docker_api.ts";

Deno.test("engineInstanceId() is the engine's id when it is stable, as Docker's is", async () => {
  const docker = new FakeDocker();
  docker.engineId = "ABCD:EFGH";
  assert.equal((await engineInstanceId(docker))._unsafeUnwrap(), "ABCD:EFGH");
});

Deno.test("engineInstanceId() is the host name when the id changes at every call, as Podman's does", async () => {
  const docker = new FakeDocker();
  docker.info = () => okAsync({ id: crypto.randomUUID(), name: "nas" });
  assert.equal((await engineInstanceId(docker))._unsafeUnwrap(), "host:nas");
});
