/**
 * `envoynpm demo` (and `deno task demo`): the real service against the local
 * Docker engine and the embedded NPM double on 127.0.0.1, so a newcomer can
 * watch EnvoyNPM work without an NPM. Needs no NPM_* variables.
 *
 * @module
 */
import type { Config } from "../config/mod.ts";
import { EXIT } from "./exit_codes.ts";
import { startListeners } from "./listeners.ts";
import { runService } from "./run.ts";
import { localUrl } from "../status/mod.ts";

/** The account of the demo's NPM stand-in. */
const DEMO_ACCOUNT = { email: "admin@example.com", password: "changeme" };

/**
 * The environment the demo's configuration is read from: the caller's, with
 * NPM_* pointing at the stand-in (its port is known once it listens).
 */
export function demoEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return {
    ...env,
    NPM_API_URL: "http://127.0.0.1",
    NPM_API_EMAIL: DEMO_ACCOUNT.email,
    NPM_API_PASSWORD: DEMO_ACCOUNT.password,
  };
}

/** Starts the NPM double and runs the service against it until SIGINT/SIGTERM. */
export async function runDemo(
  config: Config,
  options: { readonly write?: (text: string) => void } = {},
): Promise<number> {
  const write = options.write ?? console.log;
  // Loaded only here, so that `run` and `healthcheck` never load the double.
  const { startNpmDouble } = await import("../npm_double/mod.ts");
  const npm = await startNpmDouble({ ...DEMO_ACCOUNT, hostname: "127.0.0.1" });
  const demo: Config = { ...config, npm: { url: npm.url, ...DEMO_ACCOUNT } };
  const listeners = startListeners(demo);
  if (listeners.isErr()) {
    await npm.close();
    console.error(listeners.error.message);
    return EXIT.usage;
  }
  write(demoBanner({ config: demo, npmUrl: npm.url }));
  return await runService(demo, {
    listeners: listeners.value.listeners,
    cleanups: [...listeners.value.cleanups, () => npm.close()],
  });
}

/** The text the demo prints before it starts: where to look and what to try. */
export function demoBanner(options: { readonly config: Config; readonly npmUrl: string }): string {
  const { config, npmUrl } = options;
  return [
    "EnvoyNPM demo: the real service, against your Docker engine and a built-in NPM stand-in.",
    `  Docker:        ${config.dockerHosts.join(", ")}`,
    `  NPM stand-in:  ${npmUrl} (REST API under /api; no web UI), ` +
    `login ${DEMO_ACCOUNT.email} / ${DEMO_ACCOUNT.password}`,
    `  Status page:   ${statusUrl(config.httpAddr)}`,
    "",
    "Try it: start a container that asks for a proxy host.",
    "  docker run -d --name demo-app -e NPM_HOST=demo.home.lan -e NPM_PORT=80 busybox sleep 3600",
    "The image must already exist locally (use any image you have, e.g. busybox after",
    "`docker pull busybox`); EnvoyNPM never pulls images. Then watch the status page,",
    "`docker stop demo-app` to see the host disabled, and `docker rm demo-app` when done.",
    "Press Ctrl-C to stop the demo.",
  ].join("\n");
}

function statusUrl(httpAddr: string): string {
  if (httpAddr === "") return "off (HTTP_ADDR is empty)";
  return localUrl(httpAddr).unwrapOr(`unusable HTTP_ADDR "${httpAddr}"`);
}
