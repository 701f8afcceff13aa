/**
 * Recognizing the Nginx Proxy Manager container among the running ones.
 *
 * @module
 */

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
