/**
 * Where NPM runs, which decides every forward address: NPM's container
 * recognized among the engine's (by `NPM_CONTAINER` or its image), its
 * networks read at each resync, and events of that container recognized so
 * the controller can resync at once.
 *
 * @module
 */
import type { DockerApi } from "../docker/types.ts";
import type { NpmPlacement } from "../desired/mod.ts";
import type { ContainerSummary } from "../docker/types.ts";
import type { NpmPlacementView } from "./reports.ts";

/** NPM's image repository on Docker Hub. */
const NPM_REPOSITORY = "jc21/nginx-proxy-manager";

/** Options of {@linkcode isNpmContainer}. */
export interface NpmContainerOptions {
  /**
   * `NPM_CONTAINER`: NPM's container name. When set, only that name counts
   * and the image is not looked at, so a second NPM cannot be mistaken for it.
   */
  readonly npmContainerName?: string;
}

/** Whether a container is NPM: by `NPM_CONTAINER` name when set, else by image `jc21/nginx-proxy-manager` (any tag, digest or registry). */
export function isNpmContainer(
  summary: { readonly name: string; readonly image: string },
  options: NpmContainerOptions,
): boolean {
  const wanted = options.npmContainerName?.replace(/^\//, "");
  if (wanted) return summary.name.replace(/^\//, "") === wanted;
  const repository = imageRepository(summary.image);
  return repository === NPM_REPOSITORY || repository.endsWith(`/${NPM_REPOSITORY}`);
}

/** An image reference without its tag and digest, lower-cased: `ghcr.io/a/b:1@sha256:…` → `ghcr.io/a/b`. */
function imageRepository(image: string): string {
  const withoutDigest = image.split("@")[0];
  const lastSlash = withoutDigest.lastIndexOf("/");
  const colon = withoutDigest.indexOf(":", lastSlash + 1);
  return (colon === -1 ? withoutDigest : withoutDigest.slice(0, colon)).toLowerCase();
}

/** Follows NPM's container: where it is, and whether an event is about it. */
export class NpmLocator {
  readonly #options: NpmContainerOptions;
  #container: { readonly id: string; readonly name: string } | undefined;
  #placement: NpmPlacement | undefined;
  #said: string | undefined;

  /** Makes a locator; `placement` is where NPM runs until the first look. */
  constructor(options: NpmContainerOptions & { readonly placement?: NpmPlacement }) {
    this.#options = options;
    this.#placement = options.placement;
  }

  /** Where NPM runs as last seen; undefined when NPM is not a container of this engine. */
  get placement(): NpmPlacement | undefined {
    return this.#placement;
  }

  /**
   * Finds NPM's container in a listing (a running one before a stopped copy) and reads its
   * networks. Returns what to tell when the placement changed since the last look.
   */
  async look(
    containers: readonly ContainerSummary[],
    docker: DockerApi,
  ): Promise<NpmPlacementView | undefined> {
    const found = containers.filter((summary) => isNpmContainer(summary, this.#options))
      .sort((a, b) => Number(b.running) - Number(a.running))[0];
    this.#container = found;
    if (found === undefined) this.#placement = undefined;
    else {
      const inspected = await docker.inspectContainer(found.id);
      if (inspected.isErr()) return undefined;
      this.#placement = inspected.value ? { networks: inspected.value.networks } : undefined;
    }
    const view: NpmPlacementView = found !== undefined && this.#placement !== undefined
      ? {
        container: found.name,
        foundBy: this.#options.npmContainerName ? "name" : "image",
        networks: this.#placement.networks.map((network) => network.name),
      }
      : { container: null };
    const said = JSON.stringify(view);
    if (said === this.#said) return undefined;
    this.#said = said;
    return view;
  }

  /** Whether an event is about NPM's container: by the id last found, or by name or image. */
  concerns(
    event: { readonly id: string; readonly name?: string; readonly image?: string },
  ): boolean {
    if (event.id === this.#container?.id) return true;
    if (event.name === undefined) return false;
    return isNpmContainer({ name: event.name, image: event.image ?? "" }, this.#options);
  }
}
