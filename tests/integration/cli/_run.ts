/**
 * Runs `main.ts` as a user runs it, in its own process with only the
 * environment a test gives, and captures what it prints.
 *
 * @module
 */
import { engineHost } from "../../support/engine.ts";
import { envoyCommand } from "../../support/envoy_process.ts";

/** What one run printed and how it ended. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Runs `main.ts` with `args` and only `env` (plus PATH, HOME, DENO_DIR) set. */
export async function runMain(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<RunResult> {
  const started = performance.now();
  const output = await envoyCommand(args, env).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
    ms: performance.now() - started,
  };
}

/** The environment of a run against `npm` and the test engine, with JSON logs and no status server. */
export function serviceEnv(
  npm: { readonly url: string; readonly email: string; readonly password: string },
): Record<string, string> {
  return {
    NPM_API_URL: npm.url,
    NPM_API_EMAIL: npm.email,
    NPM_API_PASSWORD: npm.password,
    DOCKER_HOST: engineHost(),
    LOG_FORMAT: "json",
    HTTP_ADDR: "",
  };
}

/** A loopback port nothing listens on (at the time of the call). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}
