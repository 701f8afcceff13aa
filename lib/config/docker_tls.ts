/**
 * `DOCKER_TLS_VERIFY` and `DOCKER_CERT_PATH`, read as the Docker CLI reads
 * them: a non-empty `DOCKER_TLS_VERIFY` means TLS with the engine verified by
 * `ca.pem` and EnvoyNPM showing `cert.pem` and `key.pem`, all in
 * `DOCKER_CERT_PATH` (default `~/.docker`).
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { ConfigProblem } from "./mod.ts";

/** The PEM texts EnvoyNPM speaks TLS to the engine with. */
export interface DockerTlsFiles {
  readonly ca: string;
  readonly cert: string;
  readonly key: string;
}

/** The variables {@linkcode readDockerTls} reads, empty ones already dropped. */
export interface DockerTlsEnv {
  readonly dockerHost: string;
  readonly tlsVerify?: string;
  readonly certPath?: string;
  readonly home?: string;
}

/** Options of {@linkcode readDockerTls}. */
export interface ReadDockerTlsOptions {
  /** Reads one file as text; throws when it cannot. @default Deno.readTextFileSync */
  readonly readTextFile?: (path: string) => string;
}

const FILES = ["ca", "cert", "key"] as const;

/** The TLS files when `DOCKER_TLS_VERIFY` asks for them, `undefined` when it does not, or every problem. */
export function readDockerTls(
  env: DockerTlsEnv,
  options: ReadDockerTlsOptions = {},
): Result<DockerTlsFiles | undefined, ConfigProblem[]> {
  const read = options.readTextFile ?? Deno.readTextFileSync;
  const tcp = env.dockerHost.startsWith("tcp://");
  if (env.tlsVerify === undefined) {
    if (!tcp || env.certPath === undefined) return ok(undefined);
    return err([problem(
      "DOCKER_CERT_PATH",
      "DOCKER_CERT_PATH is set but DOCKER_TLS_VERIFY is not: EnvoyNPM speaks TLS only with the " +
        "engine verified; set DOCKER_TLS_VERIFY=1, or unset DOCKER_CERT_PATH for plain TCP",
    )]);
  }
  if (!tcp) {
    return err([problem(
      "DOCKER_TLS_VERIFY",
      `DOCKER_TLS_VERIFY is set but DOCKER_HOST "${env.dockerHost}" is not tcp://: ` +
        "TLS applies to a remote engine, e.g. DOCKER_HOST=tcp://host:2376; unset DOCKER_TLS_VERIFY",
    )]);
  }
  const dir = env.certPath ?? (env.home === undefined ? undefined : `${env.home}/.docker`);
  if (dir === undefined) {
    return err([problem(
      "DOCKER_CERT_PATH",
      "DOCKER_TLS_VERIFY is set but neither DOCKER_CERT_PATH nor HOME is: set DOCKER_CERT_PATH " +
        "to the folder holding ca.pem, cert.pem and key.pem",
    )]);
  }
  const problems: ConfigProblem[] = [];
  const texts: Partial<Record<(typeof FILES)[number], string>> = {};
  for (const name of FILES) {
    const path = `${dir.replace(/\/+$/, "")}/${name}.pem`;
    try {
      const text = read(path);
      if (!text.includes("-----BEGIN ")) throw new Error("it is not a PEM file");
      texts[name] = text;
    } catch (e) {
      const reason = e instanceof Deno.errors.NotCapable
        ? "this binary may not read it: the image reads TLS files from /certs only"
        : e instanceof Error
        ? e.message
        : String(e);
      problems.push(problem(
        "DOCKER_CERT_PATH",
        `DOCKER_CERT_PATH: cannot read ${name}.pem at ${path} (${reason}); DOCKER_TLS_VERIFY ` +
          "needs ca.pem, cert.pem and key.pem there, as the Docker CLI does",
      ));
    }
  }
  if (problems.length > 0) return err(problems);
  return ok({ ca: texts.ca!, cert: texts.cert!, key: texts.key! });
}

function problem(variable: string, message: string): ConfigProblem {
  return { variable, message };
}
