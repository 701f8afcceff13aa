/**
 * How `deno task start` runs EnvoyNPM, read from `deno.json`: the environment
 * it sets before `deno run` and the runtime flags it passes (`--v8-flags=…`),
 * so the bench runs EnvoyNPM as the task (and the image, which shares them) does.
 *
 * @module
 */
import denoJson from "../../deno.json" with { type: "json" };

/** What the `start` task adds to a bare `deno run main.ts run`. */
export interface StartTaskRuntime {
  readonly env: Record<string, string>;
  readonly denoFlags: string[];
}

/** Parses `VAR=value … deno run --v8-flags=… …` (the task's form). */
export function parseStartTask(task: string): StartTaskRuntime {
  const words = task.split(/\s+/).filter((w) => w !== "");
  const env: Record<string, string> = {};
  for (const word of words) {
    const assignment = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(word);
    if (!assignment) break;
    env[assignment[1]] = assignment[2];
  }
  return { env, denoFlags: words.filter((w) => w.startsWith("--v8-flags=")) };
}

/** The runtime of the `start` task in this project's `deno.json`. */
export function startTaskRuntime(): StartTaskRuntime {
  return parseStartTask(denoJson.tasks.start);
}
