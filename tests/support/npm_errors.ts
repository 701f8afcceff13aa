/**
 * The errors NPM answers, as the NPM client reports them: those a test makes
 * the NPM fake (`fake_npm_api.ts`) answer with `failNext`, and those the fake
 * answers by NPM's rules.
 *
 * @module
 */
import type { NpmError } from "../../lib/npm/types.ts";

/** NPM's answer when `domain` is held by another host. */
export function inUse(domain: string): NpmError {
  return { kind: "npm_domain_in_use", domain, message: `${domain} is already in use` };
}

/** NPM's answer when there is no host `hostId`. */
export function notFound(hostId: number): NpmError {
  return {
    kind: "npm_not_found",
    url: `http://npm/api/nginx/proxy-hosts/${hostId}`,
    message: `Not Found - ${hostId}`,
  };
}

/** An NPM error that goes away by itself (NPM restarting behind its proxy). */
export const NPM_DOWN: NpmError = {
  kind: "npm_server_error",
  url: "http://npm/api/nginx/proxy-hosts",
  status: 502,
  message: "Bad Gateway",
};

/** NPM's answer when certbot fails (NPM answers 500 "Internal Error"). */
export const CERTBOT_FAILED: NpmError = {
  kind: "npm_server_error",
  url: "http://npm/api/nginx/certificates",
  status: 500,
  message: "Internal Error",
};

/** An NPM error that will not go away by retrying. */
export const NPM_REFUSED: NpmError = {
  kind: "npm_rejected",
  url: "http://npm/api/nginx/proxy-hosts",
  status: 400,
  message: "data must NOT have additional properties",
};
