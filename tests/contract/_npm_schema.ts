/**
 * NPM 2.15.1's schemas for the contract tests, read at run time from
 * `shared/npm-api/schema` beside the repository (never copied here), NPM's ajv
 * set-up, and a small client of the double.
 *
 * @module
 */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";
import { type NpmDouble, startNpmDouble } from "../../lib/npm_double/mod.ts";

/** NPM's schema folder beside the repository. */
export const SCHEMA_DIR = schemaDir(Deno.env.get("NPM_API_SCHEMA_DIR"));

function schemaDir(override: string | undefined): URL {
  if (override === undefined || override === "") {
    return new URL("../../../shared/npm-api/schema/", import.meta.url);
  }
  return new URL(override.replace(/\/?$/, "/"), `file://${Deno.cwd()}/`);
}

/** Whether the shared schema folder is there (the checks skip without it). */
export function schemaDirExists(): boolean {
  try {
    return Deno.statSync(SCHEMA_DIR).isDirectory;
  } catch {
    return false;
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const files = new Map<string, Json>();

function load(url: URL): Json {
  const key = url.href.split("#")[0];
  if (!files.has(key)) files.set(key, JSON.parse(Deno.readTextFileSync(new URL(key))));
  return files.get(key) as Json;
}

/** Inlines every `$ref` (file-relative, with JSON pointers), as NPM's ref parser does. */
function deref(node: Json, base: URL): Json {
  if (Array.isArray(node)) return node.map((n) => deref(n, base));
  if (node === null || typeof node !== "object") return node;
  if (typeof node.$ref === "string") {
    const target = new URL(node.$ref, base);
    let value = load(target);
    const pointer = decodeURIComponent(target.hash.replace(/^#/, ""));
    for (const part of pointer.split("/").slice(1)) {
      value = (value as { [key: string]: Json })[part.replaceAll("~1", "/").replaceAll("~0", "~")];
    }
    return deref(value, target);
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(v, base)]));
}

/** A schema file with every `$ref` inlined. */
export function schemaOf(path: string): Json {
  const url = new URL(path, SCHEMA_DIR);
  return deref(load(url), url);
}

/** The JSON request body schema of an operation file. */
export function requestSchema(path: string): Json {
  const operation = schemaOf(path) as {
    requestBody: { content: Record<string, { schema: Json }> };
  };
  return operation.requestBody.content["application/json"].schema;
}

// NPM's backend/lib/validator/api.js configures ajv (2020 dialect) this way.
export const npmAjv = new Ajv2020({
  verbose: true,
  allErrors: true,
  allowUnionTypes: true,
  strict: false,
  coerceTypes: true,
});
// Answers are checked without coercion, so a wrong type cannot slip through.
/** Checks answers without coercion. */
export const answerAjv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: false });

/** Sends one JSON request; the answer's status and parsed body. */
export async function send(
  npm: NpmDouble,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(npm.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** Runs `fn` with a fresh double and its token. */
export async function withDouble(
  fn: (npm: NpmDouble, token: string) => Promise<void>,
  twoFactor = false,
) {
  const npm = await startNpmDouble({ twoFactor });
  try {
    const login = await send(npm, "POST", "/api/tokens", {
      identity: npm.email,
      secret: npm.password,
    });
    await fn(npm, login.body.token);
  } finally {
    await npm.close();
  }
}

/**
 * Where real NPM 2.15.1 answers outside its own schema, as observed (README table):
 * a host created or updated without `locations` has `locations: null`.
 */
function observedDivergences(component: string, value: unknown): unknown {
  if (!component.startsWith("proxy-host")) return value;
  const rows = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
  const fixed = rows.map((row) => {
    const out: Record<string, unknown> = row.locations === null
      ? { ...row, locations: [] }
      : { ...row };
    // From NPM's source: an expanded certificate keeps `is_deleted` (only the host's is omitted).
    if (out.certificate && typeof out.certificate === "object") {
      const { is_deleted: _, ...certificate } = out.certificate as Record<string, unknown>;
      out.certificate = certificate;
    }
    return out;
  });
  return Array.isArray(value) ? fixed : fixed[0];
}

/** Asserts that an answer fits `components/<component>.json`. */
export function assertFits(component: string, answer: unknown): void {
  const value = observedDivergences(component, answer);
  const validate = answerAjv.compile(schemaOf(`components/${component}.json`) as object);
  assert.ok(
    validate(value),
    `${component}: ${answerAjv.errorsText(validate.errors)}\n${JSON.stringify(value)}`,
  );
}

/** A valid proxy-host create body for `domain`. */
export const host = (domain: string, extra: Record<string, unknown> = {}) => ({
  domain_names: [domain],
  forward_scheme: "http",
  forward_host: "10.0.0.2",
  forward_port: 8080,
  ...extra,
});
