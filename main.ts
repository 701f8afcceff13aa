/**
 * EnvoyNPM: keeps Nginx Proxy Manager proxy hosts in line with the running
 * Docker containers. This file only wires the parts together.
 *
 * @module
 */
import { helpText, parseInvocation } from "./lib/cli/args.ts";
import { EXIT } from "./lib/cli/exit_codes.ts";
import { formatConfigProblems, loadConfig } from "./lib/config/mod.ts";
import { configureLogging } from "./lib/log/mod.ts";
import { VERSION } from "./lib/version.ts";

// Each command loads only its own modules (literal specifiers, so `deno compile` still
// bundles them): the service need not hold `check`'s audit, `plan`'s formatting, or the
// NPM double and ajv that `demo` embeds (see bench/README.md, "Memory").

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
  if (command === "healthcheck") {
    const { runHealthcheckCommand } = await import("./lib/cli/healthcheck.ts");
    return await runHealthcheckCommand(env);
  }
  const demo = command === "demo" ? await import("./lib/cli/demo.ts") : undefined;
  const config = loadConfig(demo ? demo.demoEnvironment(env) : env);
  if (config.isOk()) {
    await configureLogging({ level: config.value.logLevel, format: config.value.logFormat });
  }
  if (command === "check") {
    const { runCheck } = await import("./lib/cli/check.ts");
    return await runCheck(config, { json });
  }
  if (config.isErr()) {
    console.error(formatConfigProblems(config.error));
    return EXIT.usage;
  }
  switch (command) {
    case "plan": {
      const { runPlan } = await import("./lib/cli/plan.ts");
      return await runPlan(config.value, { json });
    }
    case "demo":
      return await demo!.runDemo(config.value);
    case "run": {
      const [{ startListeners }, { runService }] = await Promise.all([
        import("./lib/cli/listeners.ts"),
        import("./lib/cli/run.ts"),
      ]);
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
