/**
 * Zod building blocks that accept and coerce values the way NPM's ajv does
 * (`coerceTypes: true`), and carry ajv's error texts.
 *
 * @module
 */
import { z } from "zod";

/** The message a zod issue carries when a required property is absent. */
export const MISSING = "\u0000missing";

/** An error callback: `missing` marker for an absent value, else the given ajv text. */
function text(message: string): (issue: { input?: unknown }) => string {
  return (issue) => issue.input === undefined ? MISSING : message;
}

/** ajv's coercion to a number: booleans, null and numeric strings. */
function toNumber(value: unknown, integer: boolean): unknown {
  if (typeof value === "boolean" || value === null) return Number(value);
  if (typeof value === "string" && value !== "" && !Number.isNaN(Number(value))) {
    const n = Number(value);
    return integer && n % 1 !== 0 ? value : n;
  }
  return value;
}

/** ajv's coercion to a string: numbers and booleans are stringified, null is "". */
function toString(value: unknown): unknown {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === null ? "" : value;
}

/** ajv's coercion to a boolean: "true"/1 and "false"/0/null. */
function toBoolean(value: unknown): unknown {
  if (value === "true" || value === 1) return true;
  if (value === "false" || value === 0 || value === null) return false;
  return value;
}

/** An integer in [min, max], coerced like ajv. */
export function ajvInteger(min: number, max = Number.MAX_SAFE_INTEGER) {
  const inner = z.int({ error: text("must be integer") })
    .min(min, { error: `must be >= ${min}` })
    .max(max, { error: `must be <= ${max}` });
  return z.preprocess((v) => toNumber(v, true), inner);
}

/** A string, coerced like ajv, with optional length bounds and pattern (its JSON text). */
export function ajvString(options: { min?: number; max?: number; pattern?: string } = {}) {
  let inner = z.string({ error: text("must be string") });
  if (options.min !== undefined) {
    inner = inner.min(options.min, {
      error: `must NOT have fewer than ${options.min} characters`,
    });
  }
  if (options.max !== undefined) {
    inner = inner.max(options.max, { error: `must NOT have more than ${options.max} characters` });
  }
  if (options.pattern !== undefined) {
    inner = inner.regex(new RegExp(options.pattern, "u"), {
      error: `must match pattern "${options.pattern}"`,
    });
  }
  return z.preprocess(toString, inner);
}

/** A string from a fixed list, coerced like ajv. */
export function ajvEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    toString,
    z.string({ error: text("must be string") }).pipe(
      z.enum(values, { error: "must be equal to one of the allowed values" }),
    ),
  );
}

/** A boolean, coerced like ajv. */
export function ajvBoolean() {
  return z.preprocess(toBoolean, z.boolean({ error: text("must be boolean") }));
}

/** Any JSON object (not an array, not null). */
export function ajvObject() {
  return z.record(z.string(), z.unknown(), { error: text("must be object") });
}

/** `integer | null`, coerced like ajv (to integer first, then to null). */
export function ajvIntegerOrNull() {
  return z.unknown().transform((value, ctx) => {
    if (value === null || Number.isInteger(value)) return value as number | null;
    const n = toNumber(value, true);
    if (Number.isInteger(n)) return n as number;
    if (value === "" || value === 0 || value === false) return null;
    ctx.addIssue({ code: "custom", message: "must be integer,null", input: value });
    return z.NEVER;
  });
}

/** NPM's `certificate_id`: anyOf an integer >= 0 or the string "new". */
export function ajvCertificateId() {
  return z.unknown().transform((value, ctx) => {
    const n = toNumber(value, true);
    let first = "must be integer";
    if (typeof n === "number" && Number.isInteger(n)) {
      if (n >= 0) return n;
      first = "must be >= 0";
    }
    const s = toString(value);
    if (s === "new") return "new" as const;
    const second = typeof s === "string" ? 'must match pattern "^new$"' : "must be string";
    for (const message of [first, second, "must match a schema in anyOf"]) {
      ctx.addIssue({ code: "custom", message, input: value });
    }
    return z.NEVER;
  });
}

/** A unique-items array check with ajv's message (ajv scans from the end). */
export function uniqueItems(items: readonly unknown[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  for (let i = items.length - 1; i >= 0; i--) {
    const key = JSON.stringify(items[i]);
    const j = seen.get(key);
    if (j !== undefined) {
      ctx.addIssue({
        code: "custom",
        message: `must NOT have duplicate items (items ## ${j} and ${i} are identical)`,
        input: items,
      });
      return;
    }
    seen.set(key, i);
  }
}

/** NPM's `domain_names`: `min` (default 1) to 100 unique strings matching its pattern. */
export function ajvDomainNames(options: { min?: number } = {}) {
  const pattern = "^[^&| @!#%^();:/\\\\}{=+?<>,~`'\"]+$";
  const min = options.min ?? 1;
  return z.array(ajvString({ pattern }), { error: text("must be array") })
    .min(min, { error: `must NOT have fewer than ${min} items` })
    .max(100, { error: "must NOT have more than 100 items" })
    .superRefine(uniqueItems);
}
