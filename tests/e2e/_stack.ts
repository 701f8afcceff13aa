/**
 * The end-to-end test bed: a private Docker engine, the NPM double, and
 * EnvoyNPM run as a user runs it, all torn down by `await using`.
 *
 * @module
 */
import type { ProxyHostRow } from "../../lib/npm_double/mod.ts";
import { type NpmDouble, type NpmDoubleOptions, startNpmDouble } from "../../lib/npm_double/mod.ts";
import { type EnvoyProcess, startEnvoy } from "../support/envoy_process.ts";
import { startPodman } from "../support/podman_engine.ts";
import {
  type PrivateEngine,
  type PrivateEngineOptions,
  startPrivateEngine,
} from "../support/private_engine.ts";
import { type WaitOptions, waitUntil } from "../support/wait.ts";

/** A container command that exits at once on SIGTERM (busybox `sleep` as PID 1 ignores it). */
export const FAST_STOP = ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"];

/** How long EnvoyNPM must log nothing (at DEBUG, it logs every event) to count as settled. */
const QUIET_MS = 800;

/** A private engine (dockerd or Podman), an NPM double, and at most one EnvoyNPM at a time. */
export interface Stack extends AsyncDisposable {
  readonly engine: PrivateEngine;
  readonly npm: NpmDouble;
  /** The EnvoyNPM started last. */
  readonly envoy: EnvoyProcess;
  /** Starts EnvoyNPM (stopping the previous one first) and waits until it has synced once. */
  startEnvoy(env?: Record<string, string>): Promise<EnvoyProcess>;
  /** NPM's proxy host holding `domain`, if any. */
  host(domain: string): ProxyHostRow | undefined;
  /** Waits until NPM's host for `domain` satisfies `check`; returns it. */
  waitForHost(
    domain: string,
    check: (host: ProxyHostRow) => boolean,
    options?: WaitOptions,
  ): Promise<ProxyHostRow>;
  /** Waits until EnvoyNPM has logged nothing for a while: its queue has drained. */
  settled(options?: WaitOptions): Promise<void>;
}

/** An NPM double closed by `await using`, for tests that build their own bed. */
export async function startNpm(
  options?: NpmDoubleOptions,
): Promise<NpmDouble & AsyncDisposable> {
  const npm = await startNpmDouble(options);
  return Object.assign(npm, { [Symbol.asyncDispose]: () => npm.close() });
}

/** The comment EnvoyNPM writes on a host it took offline because its container went away. */
export function disabledComment(domain: string): string {
  return `[EnvoyNPM Managed] DISABLED: Container stopped/died (${domain})`;
}

/** Waits until the host of each of `domains` is disabled and carries the DISABLED comment. */
export async function waitRetired(stack: Stack, domains: readonly string[]): Promise<void> {
  for (const domain of domains) {
    await stack.waitForHost(
      domain,
      (row) => !row.enabled && row.meta.comments === disabledComment(domain),
    );
  }
}

/** Domains held by more than one proxy host, sorted. */
export function duplicateDomains(rows: readonly ProxyHostRow[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const domain of rows.flatMap((row) => row.domain_names)) {
    (seen.has(domain) ? twice : seen).add(domain);
  }
  return [...twice].sort();
}

/** Options of {@linkcode startStack}. */
export interface StackOptions {
  readonly npm?: NpmDoubleOptions;
  /** With `tls: true`, EnvoyNPM reaches the engine over TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH). */
  readonly engine?: PrivateEngineOptions;
  /** A Podman service instead of a private dockerd (`engine` is then ignored). */
  readonly podman?: boolean;
}

/** Builds the test bed. */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const engine: PrivateEngine = options.podman
    ? await startPodman()
    : await startPrivateEngine(options.engine);
  const docker: { dockerHost: string; env: Record<string, string> } = engine.tls === undefined
    ? { dockerHost: engine.host, env: {} }
    : {
      dockerHost: engine.tls.host,
      env: { DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: engine.tls.certPath },
    };
  const npm = await startNpmDouble(options.npm);
  let envoy: EnvoyProcess | undefined;
  const host = (domain: string) =>
    npm.proxyHosts().find((row) => row.domain_names.includes(domain));
  const stack: Stack = {
    engine,
    npm,
    get envoy() {
      if (envoy === undefined) throw new Error("EnvoyNPM was not started");
      return envoy;
    },
    async startEnvoy(env = {}) {
      await envoy?.stop();
      envoy = startEnvoy({ npm, dockerHost: docker.dockerHost, env: { ...docker.env, ...env } });
      // Generous: on a loaded 2-core machine, starting Deno and a first sync can take a while.
      await envoy.waitForLog("first reconcile", (line) => line.message.startsWith("Reconciled"), {
        timeoutMs: 45_000,
      }).catch((error) => {
        const tail = [...envoy!.logs.slice(-5).map((l) => l.message), ...envoy!.otherOutput];
        throw new Error(`${error.message}; EnvoyNPM said: ${tail.join(" | ") || "nothing"}`);
      });
      return envoy;
    },
    host,
    waitForHost: (domain, check, waitOptions) =>
      waitUntil(`proxy host ${domain}`, () => {
        const row = host(domain);
        return row !== undefined && check(row) ? row : undefined;
      }, waitOptions),
    async settled(waitOptions) {
      let count = -1;
      let since = Date.now();
      await waitUntil("EnvoyNPM to go quiet", () => {
        if (stack.envoy.logs.length !== count) {
          count = stack.envoy.logs.length;
          since = Date.now();
        }
        return Date.now() - since >= QUIET_MS;
      }, waitOptions);
    },
    async [Symbol.asyncDispose]() {
      await envoy?.stop();
      await npm.close();
      await engine.close();
    },
  };
  return stack;
}
