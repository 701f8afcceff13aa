/**
 * Zod schemas of the NPM JSON EnvoyNPM reads. They check what EnvoyNPM uses,
 * tolerate extra keys and NPM's nulls, and name the field at fault.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import { z } from "zod";
import type { NpmError } from "./types.ts";

/** `{"error":{"code":400,"message":"…"}}`, NPM's answer to a failed request. */
export const errorBodySchema = z.looseObject({
  error: z.looseObject({ code: z.number().optional(), message: z.string() }),
});

/** `POST /api/tokens` and `GET /api/tokens`: a token and its ISO 8601 expiry. */
export const tokenSchema = z.looseObject({ token: z.string().min(1), expires: z.string() });

/** `POST /api/tokens` for an account with two-factor login. */
export const challengeSchema = z.looseObject({
  requires_2fa: z.literal(true),
  challenge_token: z.string(),
});

/** `GET /api/`: health and version. */
export const statusSchema = z.looseObject({
  status: z.string(),
  version: z.looseObject({ major: z.number(), minor: z.number(), revision: z.number() }),
});

/** A flag as NPM stores it: older releases answer 0/1 where newer ones answer false/true. */
const flag = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform(Boolean);

/** One row of `GET /api/nginx/proxy-hosts`, and the answer to a create or update. */
export const proxyHostRowSchema = z.looseObject({
  id: z.number().int().positive(),
  domain_names: z.array(z.string()),
  forward_scheme: z.enum(["http", "https"]),
  forward_host: z.string(),
  forward_port: z.number().int(),
  allow_websocket_upgrade: flag,
  advanced_config: z.string().nullable().transform((value) => value ?? ""),
  certificate_id: z.union([z.number().int(), z.string()]).nullish()
    .transform((value) => typeof value === "number" ? value : 0),
  ssl_forced: flag.optional().transform((value) => value ?? false),
  http2_support: flag.optional().transform((value) => value ?? false),
  hsts_enabled: flag,
  hsts_subdomains: flag.optional().transform((value) => value ?? false),
  access_list_id: z.number().int().nullish().transform((value) => value ?? 0),
  block_exploits: flag.optional().transform((value) => value ?? false),
  caching_enabled: flag.optional().transform((value) => value ?? false),
  /** Absent before NPM 2.14. */
  trust_forwarded_proto: flag.optional(),
  /** NPM stores `null` for a host without custom locations. */
  locations: z.array(z.record(z.string(), z.unknown())).nullish()
    .transform((value) => value ?? []),
  enabled: flag,
  meta: z.record(z.string(), z.unknown()).nullable().transform((value) => value ?? {}),
});

/** A proxy-host row as validated. */
export type ProxyHostRow = z.infer<typeof proxyHostRowSchema>;

/** `GET /api/nginx/proxy-hosts`. */
export const proxyHostListSchema = z.array(proxyHostRowSchema);

/**
 * One row of `GET /api/nginx/certificates`: what it covers and until when. `meta` (which holds
 * the certificate and its private key for custom ones) is never read, so it never goes further.
 */
export const certificateRowSchema = z.object({
  id: z.number().int().positive(),
  nice_name: z.string().nullish().transform((value) => value ?? ""),
  domain_names: z.array(z.string()).nullish().transform((value) => value ?? []),
  expires_on: z.string().nullish(),
  provider: z.string(),
});

/** A certificate row as validated (without `meta`). */
export type CertificateRow = z.infer<typeof certificateRowSchema>;

/** `GET /api/nginx/certificates`. */
export const certificateListSchema = z.array(certificateRowSchema);

/**
 * One row of `GET /api/nginx/access-lists`: its id and name only. Its items and clients (which
 * carry passwords) are never read, so they never go further.
 */
export const accessListRowSchema = z.object({ id: z.number().int().positive(), name: z.string() });

/** `GET /api/nginx/access-lists`. */
export const accessListListSchema = z.array(accessListRowSchema);

/** `GET /api/nginx/redirection-hosts` and `/dead-hosts`: only their domains matter. */
export const otherHostListSchema = z.array(z.looseObject({ domain_names: z.array(z.string()) }));

/** Any list of JSON objects, e.g. `GET /api/nginx/streams`, for read-only audits. */
export const rowListSchema = z.array(z.record(z.string(), z.unknown()));

/** Validates a 2xx body; a mismatch is `npm_bad_response` naming the fields at fault. */
export function parseAnswer<T>(
  schema: z.ZodType<T>,
  body: unknown,
  { url }: { url: string },
): Result<T, NpmError> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  const detail = parsed.error.issues.slice(0, 3).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join(".") : "body";
    return `${field}: ${issue.message}`;
  }).join("; ");
  return err({ kind: "npm_bad_response", url, detail });
}
