/**
 * EnvoyNPM: keeps Nginx Proxy Manager proxy hosts in line with the running
 * Docker containers. This file only wires the parts together.
 *
 * @module
 */
import denoJson from "./deno.json" with { type: "json" };
import { parseInvocation, USAGE } from "./lib/cli/args.ts";
import { EXIT } from "./lib/cli/exit_codes.ts";
import { startObservers } from "./lib/cli/observers.ts";
import { runService } from "./lib/cli/run.ts";
import { formatConfigProblems, loadConfig } from "./lib/config/mod.ts";
import { configureLogging } from "./lib/log/mod.ts";

/** Runs the command the arguments name; resolves the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  const invocation = parseInvocation(args);
  if (invocation.isErr()) {
    console.error(`${invocation.error}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (invocation.value.kind === "help") {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (invocation.value.kind === "version") {
    console.log(`envoynpm ${denoJson.version}`);
    return EXIT.ok;
  }
  const config = loadConfig(Deno.env.toObject());
  if (config.isErr()) {
    console.error(formatConfigProblems(config.error));
    return EXIT.usage;
  }
  await configureLogging({ level: config.value.logLevel, format: config.value.logFormat });
  switch (invocation.value.command) {
    case "run": {
      const observers = startObservers(config.value);
      if (observers.isErr()) {
        console.error(observers.error.message);
        return EXIT.usage;
      }
      return await runService(config.value, observers.value);
    }
    default:
      console.error(`envoynpm ${invocation.value.command} is not built yet`);
      return EXIT.usage;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
