/**
 * The floor process of the memory figures (`floor_idle.ts`, the runtime
 * dependencies only), started as EnvoyNPM is: `deno run` in a clean environment.
 *
 * @module
 */

const SCRIPT = new URL("./floor_idle.ts", import.meta.url).pathname;

/** A running floor process. */
export interface FloorProcess extends AsyncDisposable {
  readonly pid: number;
  /** From spawn to `ready` (its deps loaded), ms: a bare `deno run` start. */
  readonly readyMs: number;
  close(): Promise<void>;
}

/** Starts it and waits until it has loaded its deps. */
export async function startFloorProcess(): Promise<FloorProcess> {
  const began = performance.now();
  // The same `deno run --allow-all --quiet` and clean environment EnvoyNPM gets.
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", "--quiet", SCRIPT],
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: Deno.env.get("HOME") ?? "/root",
      NO_COLOR: "1",
    },
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const first = await reader.read();
  if (!String(first.value).startsWith("ready")) {
    throw new Error(`Floor process said ${first.value}`);
  }
  const readyMs = performance.now() - began;
  const close = async () => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
    await reader.cancel().catch(() => {});
    await child.status;
  };
  return { pid: child.pid, readyMs, close, [Symbol.asyncDispose]: close };
}
