/**
 * Reading a private engine's containers the way EnvoyNPM does, for asserting
 * which address a host should forward to.
 *
 * @module
 */
import { createDockerClient } from "../../lib/docker/mod.ts";
import type { Container } from "../../lib/model/mod.ts";

/** Inspects a container on the engine at `host`; throws if it is gone. */
export async function inspect(host: string, id: string): Promise<Container> {
  using docker = createDockerClient({ host })._unsafeUnwrap();
  const container = (await docker.inspectContainer(id))._unsafeUnwrap();
  if (container === null) throw new Error(`Container ${id} is gone`);
  return container;
}
