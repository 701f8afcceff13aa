/**
 * Zod schemas of the engine's JSON that EnvoyNPM reads, and the one place
 * wire JSON is checked against them.
 *
 * @module
 */
import { err, ok, Result } from "neverthrow";
import { z } from "zod";
import { describeThrown } from "../errors/mod.ts";
import type { DockerError } from "./types.ts";

/** An Engine API version like `1.41`; it becomes part of every request's path. */
const apiVersionSchema = z.string().regex(/^\d+\.\d+$/, "Expected an API version like 1.41");

/** `GET /version`; `MinAPIVersion` is missing before API 1.25. */
export const versionSchema = z.object({
  Version: z.string(),
  ApiVersion: apiVersionSchema,
  MinAPIVersion: apiVersionSchema.optional(),
});

/** `GET /info`: the engine's own id and name (the rest is not read). */
export const infoSchema = z.object({ ID: z.string().min(1), Name: z.string().catch("") });

/** One line of `GET /containers/json`. */
export const containerListItemSchema = z.object({
  Id: z.string(),
  Names: z.array(z.string()).nullable(),
  Image: z.string(),
  State: z.string(),
});

/** `GET /containers/json`. */
export const containerListSchema = z.array(containerListItemSchema);

/** One entry of `NetworkSettings.Networks`. */
export const endpointSettingsSchema = z.object({
  IPAddress: z.string().nullish(),
  Gateway: z.string().nullish(),
});

/** `GET /containers/{id}/json`, the parts EnvoyNPM reads. */
export const containerInspectSchema = z.object({
  Id: z.string(),
  Name: z.string(),
  Config: z.object({
    Image: z.string(),
    Env: z.array(z.string()).nullish(),
    Labels: z.record(z.string(), z.string()).nullish(),
  }),
  State: z.object({
    Running: z.boolean(),
    // "none" (a healthcheck turned off) and unknown words count as no healthcheck.
    Health: z.object({ Status: z.string() }).nullish(),
  }),
  HostConfig: z.object({ NetworkMode: z.string().nullish() }),
  NetworkSettings: z.object({
    Networks: z.record(z.string(), endpointSettingsSchema).nullish(),
  }),
});

/** One message of `GET /events` about a container or a network. */
export const eventSchema = z.object({
  Type: z.enum(["container", "network"]),
  Action: z.string(),
  Actor: z.object({
    ID: z.string(),
    Attributes: z.record(z.string(), z.string()).nullish(),
  }),
  timeNano: z.number(),
});

/** `GET /version` as the engine sends it. */
export type VersionJson = z.infer<typeof versionSchema>;
/** One line of `GET /containers/json` as the engine sends it. */
export type ContainerListItemJson = z.infer<typeof containerListItemSchema>;
/** `GET /containers/{id}/json` as the engine sends it (the parts EnvoyNPM reads). */
export type ContainerInspectJson = z.infer<typeof containerInspectSchema>;
/** One container or network event as the engine sends it. */
export type EventJson = z.infer<typeof eventSchema>;

/** Checks `value` against `schema`; a mismatch is `docker_bad_response` naming the first problems. */
export function parseWire<T>(
  schema: z.ZodType<T>,
  value: unknown,
  options: { path: string },
): Result<T, DockerError> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const detail = parsed.error.issues.slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  return err({ kind: "docker_bad_response", path: options.path, detail });
}

/** Parses JSON text and checks it against `schema`; bad JSON is `docker_bad_response` too. */
export function parseWireText<T>(
  schema: z.ZodType<T>,
  text: string,
  options: { path: string },
): Result<T, DockerError> {
  const parseJson = Result.fromThrowable((json: string): unknown => JSON.parse(json), (e) => ({
    kind: "docker_bad_response" as const,
    path: options.path,
    detail: `Invalid JSON: ${describeThrown(e, "unreadable")}`,
  }));
  return parseJson(text).andThen((value) => parseWire(schema, value, options));
}
