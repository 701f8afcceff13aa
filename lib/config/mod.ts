/**
 * EnvoyNPM's own configuration, read from the environment only.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import { type DockerTlsFiles, readDockerTls } from "./docker_tls.ts";
import type { StopAction } from "../model/mod.ts";
import { envSchema } from "./schema.ts";
export { DEFAULT_HTTP_ADDR } from "./schema.ts";

/** Log levels EnvoyNPM accepts, as LogTape names them. */
export type LogLevel = "debug" | "info" | "warning" | "error";

/** EnvoyNPM's validated configuration. */
export interface Config {
  readonly npm: {
    readonly url: string;
    readonly email: string;
    readonly password: string;
    /** Base32 key of the account's two-factor login, when it has one. */
    readonly totpSecret?: string;
  };
  readonly logLevel: LogLevel;
  readonly logFormat: "text" | "json";
  /** `DOCKER_HOST`: every engine to watch, each with its own instance (one, unless a list). */
  readonly dockerHosts: readonly string[];
  /** TLS to a `tcp://` engine (`DOCKER_TLS_VERIFY`, `DOCKER_CERT_PATH`); absent for plain. */
  readonly dockerTls?: DockerTlsFiles;
  /** `DOCKER_PLAIN_TCP=trusted`: no warning for plain TCP to a host that is not loopback. */
  readonly dockerPlainTcpTrusted: boolean;
  readonly npmContainerName?: string;
  /** `INSTANCE_ID`: one per engine of `dockerHosts`, in order; each engine's id when unset. */
  readonly instanceIds?: readonly string[];
  readonly hostAddress?: string;
  /** Milliseconds between full resyncs; 0 turns them off. */
  readonly resyncIntervalMs: number;
  /** `PRUNE_AFTER`: delete our disabled hosts of containers gone this long; absent: never. */
  readonly pruneAfterMs?: number;
  /** Milliseconds NPM has to answer one request. */
  readonly npmTimeoutMs: number;
  readonly enforce: boolean;
  /** `STOP_ACTION`: what a stopped container's host shows. */
  readonly stopAction: StopAction;
  /** `STOP_GRACE` in ms: how long a stopped or unhealthy container waits before that (0: 1.5 s). */
  readonly stopGraceMs: number;
  /** `[host]:port` of the status server; empty when it is off. */
  readonly httpAddr: string;
  readonly httpToken?: string;
  readonly notifyUrl?: string;
}

/** One bad variable and how to fix it. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** The variables a `Config` is read from. */
const CONFIG_VARIABLES = Object.keys(envSchema.shape);

/** Options of {@linkcode loadConfig}. */
export interface LoadConfigOptions {
  /** Reads a TLS file of `DOCKER_CERT_PATH`; throws when it cannot. @default Deno.readTextFileSync */
  readonly readTextFile?: (path: string) => string;
}

/**
 * Reads the configuration from an environment map (and the TLS files it
 * names). Empty values count as unset. Returns every problem at once, never a
 * secret's value.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  options: LoadConfigOptions = {},
): Result<Config, ConfigProblem[]> {
  const present = Object.fromEntries(
    CONFIG_VARIABLES.map((name) => [name, env[name] === "" ? undefined : env[name]]),
  );
  if (env.HTTP_ADDR === "") present.HTTP_ADDR = "";
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    return err(parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "environment"),
      message: issue.message,
    })));
  }
  const data = parsed.data;
  const dockerHosts = data.DOCKER_HOST.split(",").map((host) => host.trim());
  const instanceIds = data.INSTANCE_ID?.split(",").map((id) => id.trim());
  const listProblems = engineListProblems(dockerHosts, instanceIds);
  if (listProblems.length > 0) return err(listProblems);
  const tls = readDockerTls({
    // TLS applies to the tcp:// engines of the list.
    dockerHost: dockerHosts.find((host) => host.startsWith("tcp://")) ?? dockerHosts[0],
    tlsVerify: data.DOCKER_TLS_VERIFY,
    certPath: data.DOCKER_CERT_PATH || undefined,
    home: env.HOME || undefined,
  }, options);
  if (tls.isErr()) return err(tls.error);
  return ok({
    npm: {
      url: data.NPM_API_URL,
      email: data.NPM_API_EMAIL,
      password: data.NPM_API_PASSWORD,
      ...(data.NPM_API_TOTP_SECRET ? { totpSecret: data.NPM_API_TOTP_SECRET } : {}),
    },
    logLevel: data.LOG_LEVEL as LogLevel,
    logFormat: data.LOG_FORMAT,
    dockerHosts,
    ...(tls.value === undefined ? {} : { dockerTls: tls.value }),
    dockerPlainTcpTrusted: data.DOCKER_PLAIN_TCP === "trusted",
    npmContainerName: data.NPM_CONTAINER || undefined,
    ...(instanceIds === undefined ? {} : { instanceIds }),
    hostAddress: data.HOST_ADDRESS || undefined,
    resyncIntervalMs: data.RESYNC_INTERVAL,
    ...(data.PRUNE_AFTER > 0 ? { pruneAfterMs: data.PRUNE_AFTER } : {}),
    npmTimeoutMs: data.NPM_TIMEOUT,
    enforce: data.ENFORCE,
    stopAction: data.STOP_ACTION,
    stopGraceMs: data.STOP_GRACE,
    httpAddr: data.HTTP_ADDR,
    httpToken: data.HTTP_TOKEN || undefined,
    notifyUrl: data.NOTIFY_URL || undefined,
  });
}

/** One message naming every bad variable, for stderr before exit code 2. */
export function formatConfigProblems(problems: readonly ConfigProblem[]): string {
  const lines = problems.map((problem) => `  - ${problem.message}`);
  return `EnvoyNPM cannot start: its configuration is invalid.\n${lines.join("\n")}\n` +
    "Set these environment variables and start it again (see README.md, Configuration).";
}

/** A list of engines names each once, and `INSTANCE_ID` gives one id per engine. */
function engineListProblems(
  hosts: readonly string[],
  instanceIds: readonly string[] | undefined,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const twice = hosts.find((host, i) => hosts.indexOf(host) !== i);
  if (twice !== undefined) {
    problems.push({
      variable: "DOCKER_HOST",
      message: `DOCKER_HOST names ${twice} twice: name each engine once`,
    });
  }
  if (instanceIds !== undefined && instanceIds.length !== hosts.length) {
    problems.push({
      variable: "INSTANCE_ID",
      message: `INSTANCE_ID gives ${instanceIds.length} id(s) for ${hosts.length} engine(s) in ` +
        "DOCKER_HOST: give one per engine, in the same order, or unset it to use each engine's id",
    });
  }
  if (instanceIds !== undefined && new Set(instanceIds).size !== instanceIds.length) {
    problems.push({
      variable: "INSTANCE_ID",
      message: "INSTANCE_ID repeats an id: each engine needs its own",
    });
  }
  return problems;
}
