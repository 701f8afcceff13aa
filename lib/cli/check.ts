/**
 * `envoynpm check`: validates the configuration, reaches Docker and NPM once,
 * and audits NPM's proxy hosts (enabled ones nginx does not serve, certificates that
 * expire within 14 days, upstreams by host name) and streams. Strictly read-only.
 *
 * @module
 */
import type { Result } from "neverthrow";
import {
  auditUpstreams,
  describeExpiring,
  describeFinding,
  describeOffline,
  expiringHosts,
  offlineHosts,
} from "../check/mod.ts";
import type { Config, ConfigProblem } from "../config/mod.ts";
import { describeNpmError } from "../npm/mod.ts";
import { describeDockerError } from "../docker/mod.ts";
import type { NpmClient } from "../npm/mod.ts";
import { npmFailure, openDocker, openNpm } from "./connect.ts";
import { EXIT } from "./exit_codes.ts";

/** One line of the check: a fact, or a problem (warnings and errors make the exit code 1). */
export interface CheckLine {
  readonly severity: "info" | "warning" | "error";
  /** A stable code, e.g. `config`, `docker_unreachable`, `upstream_by_name`, `nginx_offline`. */
  readonly code: string;
  readonly message: string;
}

/** What the check found. */
export interface CheckReport {
  readonly lines: readonly CheckLine[];
  /** NPM refused the login (exit code 3). */
  readonly loginRefused: boolean;
}

/** Options of {@linkcode runCheck}. */
export interface CheckCommandOptions {
  /** Print one JSON document. @default false */
  readonly json?: boolean;
  /** Where the report goes. @default console.log */
  readonly write?: (text: string) => void;
}

/** Runs `envoynpm check` on a loaded (or refused) configuration; resolves the exit code. */
export async function runCheck(
  config: Result<Config, readonly ConfigProblem[]>,
  options: CheckCommandOptions = {},
): Promise<number> {
  const report = config.isErr() ? configReport(config.error) : await checkAll(config.value);
  (options.write ?? console.log)(
    options.json ? JSON.stringify(checkJson(report), null, 2) : formatCheck(report),
  );
  return checkExitCode(report);
}

/** 3 when the login was refused, 1 when any problem was found, else 0. */
export function checkExitCode(report: CheckReport): number {
  if (report.loginRefused) return EXIT.loginRefused;
  return problemCount(report) > 0 ? EXIT.unhealthy : EXIT.ok;
}

function problemCount(report: CheckReport): number {
  return report.lines.filter((line) => line.severity !== "info").length;
}

function configReport(problems: readonly ConfigProblem[]): CheckReport {
  return {
    loginRefused: false,
    lines: [
      ...problems.map((problem): CheckLine => ({
        severity: "error",
        code: "config",
        message: problem.message,
      })),
      {
        severity: "info",
        code: "skipped",
        message: "Docker and NPM not checked: fix the configuration first",
      },
    ],
  };
}

async function checkAll(config: Config): Promise<CheckReport> {
  const lines: CheckLine[] = [{ severity: "info", code: "config", message: "Configuration: OK" }];
  for (const host of config.dockerHosts) lines.push(await checkDocker(config, host));
  const npm = await checkNpm(openNpm(config), config);
  return { lines: [...lines, ...npm.lines], loginRefused: npm.loginRefused };
}

async function checkDocker(config: Config, host: string): Promise<CheckLine> {
  const docker = openDocker(config, host);
  if (docker.isErr()) return errorLine("docker", docker.error.message);
  try {
    const version = await docker.value.version();
    if (version.isErr()) {
      return errorLine(version.error.kind, describeDockerError(version.error));
    }
    return {
      severity: "info",
      code: "docker",
      message:
        `Docker: engine ${version.value.version} (API ${version.value.apiVersion}) at ${docker.value.endpoint}`,
    };
  } finally {
    docker.value.close();
  }
}

async function checkNpm(npm: NpmClient, config: Config): Promise<CheckReport> {
  const status = await npm.status();
  if (status.isErr()) return failed(status.error.kind, describeNpmError(status.error));
  const lines: CheckLine[] = [{
    severity: "info",
    code: "npm",
    message: `NPM: version ${status.value.version} (${status.value.status}) at ${config.npm.url}`,
  }];
  const login = await npm.login();
  if (login.isErr()) {
    const failure = npmFailure(login.error);
    return {
      lines: [...lines, errorLine(login.error.kind, failure.message)],
      loginRefused: failure.kind === "login_refused",
    };
  }
  lines.push({ severity: "info", code: "login", message: `NPM: logged in as ${config.npm.email}` });
  return { lines: [...lines, ...await audit(npm)], loginRefused: false };
}

async function audit(npm: NpmClient): Promise<CheckLine[]> {
  const [proxyHosts, streams, certificates] = await Promise.all([
    npm.listRows("proxy-hosts"),
    npm.listRows("streams"),
    npm.listCertificates(),
  ]);
  if (proxyHosts.isErr()) {
    return [errorLine(proxyHosts.error.kind, describeNpmError(proxyHosts.error))];
  }
  const lines: CheckLine[] = [];
  let streamRows: Record<string, unknown>[] = [];
  if (streams.isOk()) {
    streamRows = streams.value;
  } else if (streams.error.kind === "npm_not_found") {
    lines.push({
      severity: "info",
      code: "no_streams",
      message: "NPM lists no streams endpoint; streams not audited",
    });
  } else {
    lines.push(errorLine(streams.error.kind, describeNpmError(streams.error)));
  }
  if (certificates.isErr()) {
    lines.push(errorLine(certificates.error.kind, describeNpmError(certificates.error)));
  }
  const expiring = expiringHosts(proxyHosts.value, {
    certificates: certificates.isOk() ? certificates.value : [],
    now: Date.now(),
  });
  const findings = auditUpstreams({ proxyHosts: proxyHosts.value, streams: streamRows });
  lines.unshift({
    severity: "info",
    code: "audit",
    message: `NPM: audited ${proxyHosts.value.length} proxy hosts and ${streamRows.length} streams`,
  });
  return [
    ...lines,
    ...offlineHosts(proxyHosts.value).map((host) =>
      errorLine("nginx_offline", describeOffline(host))
    ),
    ...findings.map((finding): CheckLine => ({
      severity: "warning",
      code: "upstream_by_name",
      message: describeFinding(finding),
    })),
    ...expiring.map((host): CheckLine => ({
      severity: "warning",
      code: "certificate_expiring",
      message: describeExpiring(host),
    })),
  ];
}

function errorLine(code: string, message: string): CheckLine {
  return { severity: "error", code, message };
}

function failed(code: string, message: string): CheckReport {
  return { lines: [errorLine(code, message)], loginRefused: false };
}

/** The text `envoynpm check` prints: facts, one line per problem, and a tally. */
export function formatCheck(report: CheckReport): string {
  const lines = report.lines.map((line) =>
    line.severity === "info" ? line.message : `${line.severity}: ${line.message}`
  );
  const problems = problemCount(report);
  lines.push(
    problems === 0
      ? "No problems found"
      : `${problems} ${problems === 1 ? "problem" : "problems"} found`,
  );
  return lines.join("\n");
}

/** The JSON document `envoynpm check --json` prints. */
export function checkJson(report: CheckReport): Record<string, unknown> {
  return {
    ok: checkExitCode(report) === EXIT.ok,
    exitCode: checkExitCode(report),
    info: report.lines.filter((line) => line.severity === "info").map((line) => line.message),
    problems: report.lines.filter((line) => line.severity !== "info"),
  };
}
