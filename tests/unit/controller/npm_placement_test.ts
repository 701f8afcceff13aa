/** Recognizing NPM's container by name or image. */
import assert from "node:assert/strict";
import { isNpmContainer } from "../../../lib/controller/npm_placement.ts";

const cases: readonly {
  desc: string;
  name?: string;
  image: string;
  npmContainerName?: string;
  npm: boolean;
}[] = [
  { desc: "the Docker Hub image with a tag", image: "jc21/nginx-proxy-manager:latest", npm: true },
  { desc: "the image without a tag", image: "jc21/nginx-proxy-manager", npm: true },
  {
    desc: "the image with a registry prefix",
    image: "docker.io/jc21/nginx-proxy-manager:2.15.1",
    npm: true,
  },
  {
    desc: "the image on a registry with a port",
    image: "registry.lan:5000/jc21/nginx-proxy-manager:2",
    npm: true,
  },
  {
    desc: "the image pinned by digest",
    image: `jc21/nginx-proxy-manager@sha256:${"ab".repeat(32)}`,
    npm: true,
  },
  {
    desc: "the image with a tag and a digest",
    image: `jc21/nginx-proxy-manager:2@sha256:${"ab".repeat(32)}`,
    npm: true,
  },
  { desc: "the image in upper case", image: "JC21/Nginx-Proxy-Manager:latest", npm: true },
  { desc: "another image", image: "nginx:alpine", npm: false },
  { desc: "a look-alike repository", image: "jc21/nginx-proxy-manager-beta:latest", npm: false },
  { desc: "a look-alike owner", image: "xjc21/nginx-proxy-manager:latest", npm: false },
  {
    desc: "a repository tagged with NPM's name",
    image: "mine/app:jc21-nginx-proxy-manager",
    npm: false,
  },
  {
    desc: "the NPM_CONTAINER name",
    name: "proxy",
    image: "lscr.io/other/npm:1",
    npmContainerName: "proxy",
    npm: true,
  },
  {
    desc: "the NPM_CONTAINER name with Docker's slash",
    name: "/proxy",
    image: "x",
    npmContainerName: "proxy",
    npm: true,
  },
  {
    desc: "NPM's image when NPM_CONTAINER names another container",
    name: "npm2",
    image: "jc21/nginx-proxy-manager",
    npmContainerName: "proxy",
    npm: false,
  },
  {
    desc: "NPM's image when NPM_CONTAINER is empty",
    name: "npm",
    image: "jc21/nginx-proxy-manager",
    npmContainerName: "",
    npm: true,
  },
];

for (const c of cases) {
  Deno.test(`isNpmContainer() ${c.npm ? "accepts" : "refuses"} ${c.desc}`, () => {
    const summary = { name: c.name ?? "npm", image: c.image };
    assert.equal(isNpmContainer(summary, { npmContainerName: c.npmContainerName }), c.npm);
  });
}
