/**
 * The NPM edge: a client of Nginx Proxy Manager's REST API behind the small
 * {@linkcode NpmApi} interface the controller uses.
 *
 * @module
 */
export { createNpmClient, type NpmClient, type NpmClientOptions } from "./client.ts";
export { describeNpmError } from "./describe_error.ts";
export { isRetryable, isTransient } from "./retryable.ts";
export type {
  CreateHostBody,
  NpmApi,
  NpmCollection,
  NpmError,
  NpmRowReader,
  NpmStatus,
  UpdateHostBody,
} from "./types.ts";
export { parseOwnerMeta } from "./owner_meta.ts";
