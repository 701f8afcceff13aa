/**
 * EnvoyNPM: keeps Nginx Proxy Manager proxy hosts in line with the running
 * Docker containers. This file only wires the parts together.
 *
 * @module
 */
import { helpText, parseInvocation } from "./lib/cli/args.ts";
import { runCheck } from "./lib/cli/check.ts";
import { demoEnvironment, runDemo } from "./lib/cli/demo.ts";
import { EXIT } from "./lib/cli/exit_codes.ts";
import { runHealthcheckCommand } from "./lib/cli/healthcheck.ts";
import { startListeners } from "./lib/cli/listeners.ts";
import { runPlan } from "./lib/cli/plan.ts";
import { runService } from "./lib/cli/run.ts";
import { formatConfigProblems, loadConfig } from "./lib/config/mod.ts";
import { configureLogging } from "./lib/log/mod.ts";
import { VERSION } from "./lib/version.ts";

/** Runs the command the arguments name; resolves the exit code. */
export async function main(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = Deno.env.toObject(),
): Promise<number> {
  const invocation = parseInvocation(args);
  if (invocation.isErr()) {
    console.error(`${invocation.error.message}\n\n${helpText(invocation.error.command)}`);
    return EXIT.usage;
  }
  if (invocation.value.kind === "help") {
    console.log(helpText(invocation.value.command));
    return EXIT.ok;
  }
  if (invocation.value.kind === "version") {
    console.log(`envoynpm ${VERSION}`);
    return EXIT.ok;
  }
  const { command, json } = invocation.value;
  if (command === "healthcheck") return await runHealthcheckCommand(env);
  const config = loadConfig(command === "demo" ? demoEnvironment(env) : env);
  if (config.isOk()) {
    await configureLogging({ level: config.value.logLevel, format: config.value.logFormat });
  }
  if (command === "check") return await runCheck(config, { json });
  if (config.isErr()) {
    console.error(formatConfigProblems(config.error));
    return EXIT.usage;
  }
  switch (command) {
    case "plan":
      return await runPlan(config.value, { json });
    case "demo":
      return await runDemo(config.value);
    case "run": {
      const listeners = startListeners(config.value);
      if (listeners.isErr()) {
        console.error(listeners.error.message);
        return EXIT.usage;
      }
      return await runService(config.value, listeners.value);
    }
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
