/**
 * EnvoyNPM's ownership meta, read once where NPM's JSON becomes a
 * `ProxyHost`: who owns a host, so the core never parses `meta`.
 *
 * @module
 */
import { z } from "zod";
import { MANAGER_NAME, type OwnerMeta } from "../model/mod.ts";

/** `meta.last_applied`: the fields EnvoyNPM last sent; keys it does not send are dropped. */
const lastAppliedSchema = z.object({
  domain_names: z.array(z.string()),
  forward_scheme: z.enum(["http", "https"]),
  forward_host: z.string(),
  forward_port: z.number(),
  allow_websocket_upgrade: z.boolean(),
  advanced_config: z.string(),
  certificate_id: z.number().optional(),
  ssl_forced: z.boolean().optional(),
  http2_support: z.boolean().optional(),
  hsts_enabled: z.boolean().optional(),
  hsts_subdomains: z.boolean().optional(),
  access_list_id: z.number().optional(),
  block_exploits: z.boolean().optional(),
  caching_enabled: z.boolean().optional(),
  trust_forwarded_proto: z.boolean().optional(),
  locations: z.array(z.record(z.string(), z.unknown())).optional(),
});

/**
 * The meta of a host EnvoyNPM owns: `managed_by` is EnvoyNPM's name and
 * `container_id` a string. A bad `created_at` or `comments` reads as `""`, a
 * malformed `last_applied` as missing; other keys are not EnvoyNPM's.
 */
export const ownerMetaSchema = z.object({
  managed_by: z.literal(MANAGER_NAME),
  container_id: z.string(),
  created_at: z.string().catch(""),
  comments: z.string().catch(""),
  last_applied: lastAppliedSchema.optional().catch(undefined),
  instance_id: z.string().min(1).optional().catch(undefined),
  disabled_at: z.string().optional().catch(undefined),
  site: z.string().min(1).optional().catch(undefined),
  container_name: z.string().min(1).optional().catch(undefined),
}).transform((
  { last_applied, instance_id, disabled_at, site, container_name, ...owner },
): OwnerMeta => ({
  ...owner,
  ...(container_name === undefined ? {} : { container_name }),
  ...(site === undefined ? {} : { site }),
  ...(last_applied === undefined ? {} : { last_applied }),
  ...(instance_id === undefined ? {} : { instance_id }),
  ...(disabled_at === undefined ? {} : { disabled_at }),
}));

/** Who owns a host according to its meta, or `null` when it is not EnvoyNPM's or unreadable. */
export function parseOwnerMeta(meta: unknown): OwnerMeta | null {
  const parsed = ownerMetaSchema.safeParse(meta);
  return parsed.success ? parsed.data : null;
}
