/**
 * `envoynpm plan`: what the service would do now, without doing it. The
 * reconciler runs one full resync as `run` would, over a dry-run NPM whose
 * writes are never sent, and its reports become the plan.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { Config } from "../config/mod.ts";
import { type ControllerEvent, type Observations, Reconciler } from "../controller/mod.ts";
import { describeDockerError, type DockerApi } from "../docker/mod.ts";
import type { NpmApi } from "../npm/mod.ts";
import { type ConnectFailure, dockerFailure, npmFailure, openDocker, openNpm } from "./connect.ts";
import { dryRunNpm } from "./dry_run_npm.ts";
import { EXIT } from "./exit_codes.ts";
import { formatPlan, planJson, type PlanReport, planReport } from "./plan_format.ts";

/** Options of {@linkcode runPlan}. */
export interface PlanCommandOptions {
  /** Print one JSON document. @default false */
  readonly json?: boolean;
  /** Where the plan goes. @default console.log */
  readonly write?: (text: string) => void;
  /** Where a failure's message goes. @default console.error */
  readonly writeError?: (text: string) => void;
}

/** Runs `envoynpm plan`; resolves the exit code (0, or 1/2/3 when it could not plan). */
export async function runPlan(config: Config, options: PlanCommandOptions = {}): Promise<number> {
  const writeError = options.writeError ?? console.error;
  const several = config.dockerHosts.length > 1;
  const texts: string[] = [];
  const documents: Record<string, unknown>[] = [];
  for (const [i, host] of config.dockerHosts.entries()) {
    const docker = openDocker(config, host);
    if (docker.isErr()) {
      writeError(docker.error.message);
      return docker.error.exitCode;
    }
    try {
      const engine = { ...config, instanceId: config.instanceIds?.[i] };
      const report = await computePlan({ docker: docker.value, npm: openNpm(config) }, engine);
      if (report.isErr()) {
        writeError(`Cannot plan${several ? ` for ${host}` : ""}: ${report.error.message}`);
        return report.error.exitCode;
      }
      const text = formatPlan(report.value);
      texts.push(several ? `Engine ${host}:\n${text}` : text);
      documents.push({ ...(several ? { engine: host } : {}), ...planJson(report.value) });
    } finally {
      docker.value.close();
    }
  }
  const json = several ? { engines: documents } : documents[0];
  (options.write ?? console.log)(options.json ? JSON.stringify(json, null, 2) : texts.join("\n\n"));
  return EXIT.ok;
}

/**
 * Reaches Docker and NPM once, then runs one full resync of the reconciler
 * over a dry-run NPM and returns what it would have done.
 */
export async function computePlan(
  clients: { docker: DockerApi; npm: NpmApi },
  config: Pick<Config, "enforce" | "hostAddress" | "npmContainerName"> & {
    readonly stopAction?: Config["stopAction"];
    readonly instanceId?: string;
  },
): Promise<Result<PlanReport, ConnectFailure>> {
  const version = await clients.docker.version();
  if (version.isErr()) return err(dockerFailure(describeDockerError(version.error)));
  const login = await clients.npm.login();
  if (login.isErr()) return err(npmFailure(login.error));
  const events: ControllerEvent[] = [];
  const reconciler = new Reconciler({ docker: clients.docker, npm: dryRunNpm(clients.npm) }, {
    emit: (event) => events.push(event),
    enforce: config.enforce,
    stopAction: config.stopAction,
    hostAddress: config.hostAddress,
    npmContainerName: config.npmContainerName,
    instanceId: config.instanceId,
  });
  const listing = await reconciler.resyncKeys();
  if (listing.keys === undefined) return err(failureOf(listing, events));
  const outcome = await reconciler.reconcile(listing.keys);
  if (outcome.retry.length > 0) return err(failureOf(outcome, events));
  return ok(planReport(events));
}

/** Why a plan could not be made: a failed read of Docker or NPM, else the error reported. */
function failureOf(seen: Observations, events: readonly ControllerEvent[]): ConnectFailure {
  if (seen.docker?.ok === false) return dockerFailure(describeDockerError(seen.docker.error));
  if (seen.npm?.ok === false) return npmFailure(seen.npm.error);
  const problem = events.flatMap((event) =>
    event.type === "problem" && event.problem.severity === "error" ? [event.problem] : []
  ).at(-1);
  return dockerFailure(problem?.message ?? "Docker or NPM did not answer every request");
}
