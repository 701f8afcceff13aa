/**
 * The command line: `envoynpm [command] [flags]`, parsed with `node:util`'s
 * `parseArgs` (JSR's `@std/cli` is not reachable from our build machines).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { err, ok, type Result } from "neverthrow";
import { describeThrown } from "../errors/mod.ts";

/** The commands EnvoyNPM knows. */
export const COMMANDS = ["run", "plan", "check", "healthcheck", "demo"] as const;

/** One of {@linkcode COMMANDS}. */
export type Command = typeof COMMANDS[number];

/** What the command line asked for. */
export type Invocation =
  /** `--help`, of the whole program or of one command. */
  | { readonly kind: "help"; readonly command?: Command }
  | { readonly kind: "version" }
  | { readonly kind: "command"; readonly command: Command; readonly json: boolean };

/** A command line that cannot be run; `command` is set when one was named. */
export interface ArgsError {
  readonly kind: "bad_arguments";
  readonly message: string;
  readonly command?: Command;
}

/** The usage text, printed by `--help` and after a bad command line. */
export const USAGE = `Usage: envoynpm [command] [flags]

Keeps Nginx Proxy Manager proxy hosts in line with your Docker containers.

Commands:
  run          Run the service (the default)
  plan         Show what EnvoyNPM would create, update, enable, disable or skip; writes nothing
  check        Check the configuration, reach Docker and NPM, audit NPM's hosts
  healthcheck  Exit 0 when the running service is healthy, 1 when not (for HEALTHCHECK)
  demo         Run against the local Docker engine and a built-in NPM stand-in

Flags:
  --json         (plan, check) print JSON for machines
  -h, --help     Show this help (envoynpm <command> --help shows the command's)
  -V, --version  Show the version

EnvoyNPM is configured by environment variables only; see README.md.`;

const COMMAND_HELP: Readonly<Record<Command, string>> = {
  run: `Usage: envoynpm run

Runs the service until SIGINT or SIGTERM: watches Docker and keeps NPM's proxy
hosts in line with the containers that set NPM_HOST and NPM_PORT.
Needs NPM_API_URL, NPM_API_EMAIL and NPM_API_PASSWORD.

Exit codes: 0 stopped by a signal, 2 bad configuration, 3 NPM refused the login.`,
  plan: `Usage: envoynpm plan [--json]

Reads Docker and NPM once and prints what the service would do now: creates,
updates (field by field), enables, disables and skips, and the containers
whose settings are invalid. Writes nothing.

Flags:
  --json  print one JSON document instead of lines

Exit codes: 0 planned, 1 Docker or NPM unreachable, 2 bad configuration,
3 NPM refused the login.`,
  check: `Usage: envoynpm check [--json]

Checks the configuration, reaches Docker and NPM (versions, login), and audits
every NPM proxy host and stream, hand-made ones included, for upstreams named
by host name, which stop NPM's nginx from starting when the name does not
resolve. Read-only.

Flags:
  --json  print one JSON document instead of lines

Exit codes: 0 no problem found, 1 problems found, 3 NPM refused the login.`,
  healthcheck: `Usage: envoynpm healthcheck

Asks the running service's status server (HTTP_ADDR, default :8787) for
/healthz. Needs only HTTP_ADDR; for a container's HEALTHCHECK.

Exit codes: 0 healthy, 1 not healthy or not answering.`,
  demo: `Usage: envoynpm demo

Runs EnvoyNPM against the local Docker engine and a built-in NPM stand-in on
127.0.0.1, with the status page on HTTP_ADDR (default :8787), until Ctrl-C.
Needs no NPM_* variables. Start a container with NPM_HOST and NPM_PORT to see
it work.`,
};

/** The help text of one command, or the program's usage. */
export function helpText(command?: Command): string {
  return command === undefined ? USAGE : COMMAND_HELP[command];
}

/** Parses the arguments after the program name. */
export function parseInvocation(args: readonly string[]): Result<Invocation, ArgsError> {
  const named = COMMANDS.find((known) => known === args.find((arg) => !arg.startsWith("-")));
  const fail = (message: string) =>
    err<Invocation, ArgsError>({
      kind: "bad_arguments",
      message,
      ...(named === undefined ? {} : { command: named }),
    });
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "V" },
        json: { type: "boolean" },
      },
    });
  } catch (error) {
    const message = describeThrown(error, "Invalid arguments");
    const option = /^Unknown option '([^']+)'/.exec(message)?.[1];
    return fail(option === undefined ? message : `Unknown flag "${option}"`);
  }
  const [name, extra] = parsed.positionals;
  const command = COMMANDS.find((known) => known === (name ?? "run"));
  if (command === undefined) return fail(`Unknown command "${name}"`);
  if (parsed.values.help) return ok({ kind: "help", ...(name === undefined ? {} : { command }) });
  if (parsed.values.version) return ok({ kind: "version" });
  if (extra !== undefined) return fail(`Unexpected argument "${extra}"`);
  const json = parsed.values.json ?? false;
  if (json && command !== "plan" && command !== "check") {
    return fail(`--json goes with plan or check, not ${command}`);
  }
  return ok({ kind: "command", command, json });
}
