/**
 * The zod schema of EnvoyNPM's own environment: one entry per variable, each
 * with a message that says how to fix it.
 *
 * @module
 */
import { z } from "zod";
import { parseDuration } from "./duration.ts";
import { decodeBase32 } from "../npm/totp.ts";

const LOG_LEVELS = {
  debug: "debug",
  info: "info",
  warning: "warning",
  warn: "warning",
  error: "error",
};

function httpUrl(name: string) {
  return z.string({ error: `${name} is required: the address of NPM, e.g. http://npm:81` })
    .trim()
    .min(1, `${name} is required: the address of NPM, e.g. http://npm:81`)
    .refine((text) => {
      try {
        const url = new URL(text);
        return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
      } catch {
        return false;
      }
    }, {
      error: (issue) =>
        `${name} "${issue.input}" must be an absolute http:// or https:// URL, e.g. http://npm:81`,
    })
    // The URL is logged and shown in errors: it must not carry a password.
    .refine((text) => {
      const url = URL.parse(text);
      return url === null || (url.username === "" && url.password === "");
    }, {
      error: `${name} must not hold a user or password (user:password@); ` +
        "EnvoyNPM logs in with NPM_API_EMAIL and NPM_API_PASSWORD",
    });
}

function boolean(name: string) {
  return z.string().trim().toLowerCase()
    .refine((text) => ["true", "false", "1", "0", "yes", "no", "on", "off", ""].includes(text), {
      error: (issue) => `${name} "${issue.input}" is not a boolean: use true or false`,
    })
    .transform((text) => ["true", "1", "yes", "on"].includes(text));
}

function duration(name: string) {
  return z.string().transform((text, ctx) => {
    const parsed = parseDuration(text);
    if (parsed.isOk()) return parsed.value;
    ctx.addIssue({ code: "custom", message: `${name}: ${parsed.error}` });
    return z.NEVER;
  });
}

/** Where the status server listens unless HTTP_ADDR says otherwise. */
export const DEFAULT_HTTP_ADDR = ":8787";

/** The environment EnvoyNPM reads, validated and converted. */
export const envSchema = z.object({
  NPM_API_URL: httpUrl("NPM_API_URL"),
  NPM_API_EMAIL: z.string({
    error: "NPM_API_EMAIL is required: the email NPM's admin logs in with",
  })
    .trim()
    .min(1, "NPM_API_EMAIL is required: the email NPM's admin logs in with"),
  NPM_API_PASSWORD: z.string({ error: "NPM_API_PASSWORD is required: that account's password" })
    .min(1, "NPM_API_PASSWORD must not be empty"),
  // Never quoted in a message: it is as secret as the password.
  NPM_API_TOTP_SECRET: z.string()
    .refine((text) => decodeBase32(text).isOk(), {
      error: "NPM_API_TOTP_SECRET is not a base32 secret: use the key NPM shows when two-factor " +
        "login is set up (letters A-Z and digits 2-7)",
    })
    .optional(),
  LOG_LEVEL: z.string().trim().toLowerCase()
    .refine((text) => text in LOG_LEVELS, {
      error: (issue) =>
        `LOG_LEVEL "${issue.input}" is not a level: use DEBUG, INFO, WARNING or ERROR`,
    })
    .transform((text) => LOG_LEVELS[text as keyof typeof LOG_LEVELS])
    .default("info"),
  LOG_FORMAT: z.string().trim().toLowerCase()
    .pipe(
      z.enum(["text", "json"], {
        error: (issue) => `LOG_FORMAT "${issue.input}" must be text or json`,
      }),
    )
    .default("text"),
  DOCKER_HOST: z.string().trim()
    .regex(/^(unix:\/\/\/[^,]+|tcp:\/\/[^/,]+)(\s*,\s*(unix:\/\/\/[^,]+|tcp:\/\/[^/,]+))*$/, {
      error: (issue) =>
        `DOCKER_HOST "${issue.input}" must look like unix:///var/run/docker.sock or tcp://host:2375 ` +
        "(several engines: separated by commas)",
    })
    .default("unix:///var/run/docker.sock"),
  DOCKER_TLS_VERIFY: z.string().optional(),
  DOCKER_CERT_PATH: z.string().trim().optional(),
  DOCKER_PLAIN_TCP: z.string().trim().toLowerCase()
    .pipe(
      z.enum(["warn", "trusted"], {
        error: (issue) =>
          `DOCKER_PLAIN_TCP "${issue.input}" must be warn or trusted (a plain tcp:// engine ` +
          "on a private network you trust, e.g. a socket proxy)",
      }),
    )
    .default("warn"),
  NPM_CONTAINER: z.string().trim().optional(),
  INSTANCE_ID: z.string().trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}(\s*,\s*[A-Za-z0-9][A-Za-z0-9._:-]{0,99})*$/, {
      error: (issue) =>
        `INSTANCE_ID "${issue.input}" must be letters, digits and . _ : - (at most 100; one per ` +
        "engine of DOCKER_HOST, separated by commas), or unset to use each engine's id",
    })
    .optional(),
  HOST_ADDRESS: z.string().trim().optional(),
  RESYNC_INTERVAL: duration("RESYNC_INTERVAL")
    .refine((ms) => ms === 0 || ms >= 1_000, {
      error: "RESYNC_INTERVAL must be 0 (off) or at least 1s",
    })
    .default(300_000),
  PRUNE_AFTER: duration("PRUNE_AFTER")
    .refine((ms) => ms === 0 || ms >= 60_000, {
      error: "PRUNE_AFTER must be 0 (off) or at least 1m",
    })
    .default(0),
  NPM_TIMEOUT: duration("NPM_TIMEOUT")
    .refine((ms) => ms >= 1_000, { error: "NPM_TIMEOUT must be at least 1s" })
    .default(10_000),
  ENFORCE: boolean("ENFORCE").default(false),
  STOP_ACTION: z.string().trim().toLowerCase()
    .pipe(
      z.enum(["disable", "maintenance", "keep"], {
        error: (issue) =>
          `STOP_ACTION "${issue.input}" must be disable (the host goes offline), maintenance ` +
          '(it answers 503 with a "stopped" page) or keep (left as it is)',
      }),
    )
    .default("disable"),
  STOP_GRACE: duration("STOP_GRACE").default(0),
  HTTP_ADDR: z.string().trim()
    .refine((text) => {
      const port = /^(?:\[[0-9A-Fa-f:.]+\]|[^:[\]]*):(\d{1,5})$/.exec(text)?.[1];
      return text === "" || (port !== undefined && Number(port) <= 65_535);
    }, {
      error: (issue) =>
        `HTTP_ADDR "${issue.input}" must be [host]:port, e.g. ":8787", or empty to turn the status server off`,
    })
    .default(DEFAULT_HTTP_ADDR),
  HTTP_TOKEN: z.string().optional(),
  NOTIFY_URL: z.string().trim()
    .refine((text) => text === "" || /^https?:\/\/[^/]/.test(text), {
      // Not quoted: webhook URLs often carry their secret in the path.
      error: "NOTIFY_URL must be an http:// or https:// URL",
    })
    .optional(),
});
