/**
 * The command line: `envoynpm [command] [flags]`, parsed with `node:util`'s
 * `parseArgs` (JSR's `@std/cli` is not reachable from our build machines).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { err, ok, type Result } from "neverthrow";

/** The commands EnvoyNPM knows. */
export const COMMANDS = ["run", "plan", "check", "healthcheck", "demo"] as const;

/** One of {@linkcode COMMANDS}. */
export type Command = typeof COMMANDS[number];

/** What the command line asked for. */
export type Invocation =
  | { readonly kind: "help" }
  | { readonly kind: "version" }
  | { readonly kind: "command"; readonly command: Command; readonly json: boolean };

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
  --json       (plan, check) print JSON for machines
  -h, --help   Show this help
  -V, --version  Show the version

EnvoyNPM is configured by environment variables only; see README.md.`;

/** Parses the arguments after the program name. */
export function parseInvocation(args: readonly string[]): Result<Invocation, string> {
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
    return err(error instanceof Error ? error.message : String(error));
  }
  if (parsed.values.help) return ok({ kind: "help" });
  if (parsed.values.version) return ok({ kind: "version" });
  if (parsed.positionals.length > 1) {
    return err(`Unexpected argument "${parsed.positionals[1]}"`);
  }
  const name = parsed.positionals[0] ?? "run";
  const command = COMMANDS.find((known) => known === name);
  if (command === undefined) return err(`Unknown command "${name}"`);
  const json = parsed.values.json ?? false;
  if (json && command !== "plan" && command !== "check") {
    return err(`--json goes with plan or check, not ${command}`);
  }
  return ok({ kind: "command", command, json });
}
