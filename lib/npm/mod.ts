/**
 * The NPM edge: a client of Nginx Proxy Manager's REST API behind the small
 * {@linkcode NpmApi} interface the controller uses.
 *
 * @module
 */
export { createNpmClient, type NpmClientOptions } from "./client.ts";
export type { CreateHostBody, NpmApi, NpmError, NpmStatus, UpdateHostBody } from "./types.ts";
