/**
 * The resync's key listing: every container a full resync must look at,
 * read from the truth (Docker's containers, NPM's hosts), never from memory.
 *
 * @module
 */
import type { ResultAsync } from "neverthrow";
import type { DockerApi, DockerError } from "../docker/types.ts";
import type { NpmApi } from "../npm/types.ts";
import { type ContainerBook, forgetContainer } from "./container_book.ts";
import type { ControllerListener } from "./reports.ts";
import type { NpmLocator } from "./npm_placement.ts";
import type { ResyncKeys } from "./outcome.ts";

/** What the listing reads and updates. */
export interface ResyncDeps {
  readonly docker: DockerApi;
  readonly npm: NpmApi;
  readonly book: ContainerBook;
  readonly locator: NpmLocator;
  readonly emit: ControllerListener;
  /** This instance's id: hosts of other instances are not looked at. */
  readonly instanceId: string;
}

/**
 * The running containers (oldest first, so the one that claimed a domain first keeps it) and
 * the containers our hosts belong to (whose stop may have been missed). Names the listing gives
 * are noted, NPM's container is looked for, and containers that are gone are forgotten.
 */
export async function listResyncKeys(deps: ResyncDeps): Promise<ResyncKeys> {
  // Only what was known before listing may be forgotten: an event during the listing is news.
  const known = deps.book.ids();
  const [containers, hosts] = await Promise.all([
    deps.docker.listContainers({ all: true }),
    deps.npm.listProxyHosts(),
  ]);
  if (containers.isErr()) return { docker: { ok: false, error: containers.error } };
  if (hosts.isErr()) return { docker: { ok: true }, npm: { ok: false, error: hosts.error } };
  for (const summary of containers.value) deps.book.noteName(summary.id, summary.name);
  const placement = await deps.locator.look(containers.value, deps.docker);
  if (placement) deps.emit({ type: "npm_placement", placement });
  const owned = hosts.value.flatMap((host) =>
    host.owner && (host.owner.instance_id ?? deps.instanceId) === deps.instanceId
      ? [host.owner.container_id]
      : []
  );
  // Docker lists the newest first.
  const running = containers.value.filter((summary) => summary.running)
    .map((summary) => summary.id).reverse();
  const exist = new Set([...containers.value.map((summary) => summary.id), ...owned]);
  for (const id of known.filter((id) => !exist.has(id))) forgetContainer(id, deps);
  return { keys: [...new Set([...running, ...owned])], docker: { ok: true }, npm: { ok: true } };
}

/**
 * The instance id an engine gives: its `GET /info` id, stable across restarts on Docker. An engine
 * whose id changes from one call to the next (Podman answers a new UUID each time) is known by its
 * host name instead, which is stable.
 */
export function engineInstanceId(docker: DockerApi): ResultAsync<string, DockerError> {
  return docker.info().andThen((first) =>
    docker.info().map((second) => first.id === second.id ? first.id : `host:${first.name}`)
  );
}
