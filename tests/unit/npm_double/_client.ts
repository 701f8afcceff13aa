/**
 * A tiny client for tests of the NPM double: raw requests, login, and a
 * double started per test.
 *
 * @module
 */
import {
  type NpmDouble,
  type NpmDoubleOptions,
  type ProxyHostRow,
  startNpmDouble,
} from "../../../lib/npm_double/mod.ts";

/** An answer: status and parsed JSON (or text when not JSON). */
export interface Answer {
  status: number;
  body: unknown;
}

/** The `error.message` of an error answer, with its status: `"400 Empty token"`. */
export function failure(answer: Answer): string {
  const body = answer.body as { error?: { message?: string } };
  return `${answer.status} ${body.error?.message}`;
}

/** The body of a proxy-host answer. */
export function rowOf(answer: Answer): ProxyHostRow & Record<string, unknown> {
  return answer.body as ProxyHostRow & Record<string, unknown>;
}

/** Sends one request to the double. */
export async function call(
  npm: NpmDouble,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; raw?: string; signal?: AbortSignal } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined && options.token !== null) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let body: string | undefined = options.raw;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(npm.url + path, { method, headers, body, signal: options.signal });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

/** Logs in with the double's account and returns the token. */
export async function login(npm: NpmDouble): Promise<string> {
  const answer = await call(npm, "POST", "/api/tokens", {
    body: { identity: npm.email, secret: npm.password },
  });
  return (answer.body as { token: string }).token;
}

/** A valid create body for `domain`. */
export function hostBody(domain: string, extra: Record<string, unknown> = {}) {
  return {
    domain_names: [domain],
    forward_scheme: "http",
    forward_host: "127.0.0.1",
    forward_port: 8080,
    meta: { managed_by: "x" },
    ...extra,
  };
}

/** Runs `fn` with a fresh double and its token, closing the double afterwards. */
export async function withDouble(
  fn: (npm: NpmDouble, token: string) => Promise<void>,
  options: NpmDoubleOptions = {},
): Promise<void> {
  const npm = await startNpmDouble(options);
  try {
    await fn(npm, await login(npm));
  } finally {
    await npm.close();
  }
}
