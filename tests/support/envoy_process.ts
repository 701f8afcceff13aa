/**
 * Runs EnvoyNPM as a user runs it: `deno run main.ts` in its own process,
 * configured by environment variables only, with JSON logs the tests read.
 *
 * @module
 */
import { type WaitOptions, waitUntil } from "./wait.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** One JSON log line of EnvoyNPM (LOG_FORMAT=json). */
export interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly logger: string;
  readonly [property: string]: unknown;
}

/** Options of {@linkcode startEnvoy}. */
export interface EnvoyOptions {
  /** The NPM to talk to. */
  readonly npm: { readonly url: string; readonly email: string; readonly password: string };
  /** DOCKER_HOST of the engine to watch. */
  readonly dockerHost: string;
  /** More environment variables (they win over the defaults). */
  readonly env?: Readonly<Record<string, string>>;
  /** Arguments after `main.ts`. @default ["run"] */
  readonly args?: readonly string[];
  /** Flags of `deno run` before the script, e.g. `--v8-flags=…`. @default [] */
  readonly denoFlags?: readonly string[];
}

/** A running EnvoyNPM process. */
export interface EnvoyProcess extends AsyncDisposable {
  /** Every log line so far, in order. */
  readonly logs: LogLine[];
  /** Everything written to stderr that was not a JSON log line. */
  readonly otherOutput: string[];
  /** Waits for a log line that matches. */
  waitForLog(
    what: string,
    match: (line: LogLine) => boolean,
    options?: WaitOptions,
  ): Promise<LogLine>;
  /** Sends `signal` and waits for the exit; resolves the exit code and how long it took. */
  stop(signal?: Deno.Signal): Promise<{ code: number; ms: number }>;
  /** Resolves the exit code when the process ends by itself. */
  readonly exited: Promise<number>;
  /** Whether the process is still running. */
  readonly running: boolean;
  /** Its process id (the `deno` process itself), e.g. to read `/proc/<pid>/status`. */
  readonly pid: number;
}

/**
 * `deno run main.ts` with `args` in a clean environment: only PATH, HOME,
 * DENO_DIR and NO_COLOR=1 are set, then `env`. Stdin is closed, output piped.
 */
export function envoyCommand(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  options: { denoFlags?: readonly string[] } = {},
): Deno.Command {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", ...options.denoFlags ?? [], "--allow-all", "--quiet", MAIN, ...args],
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: Deno.env.get("HOME") ?? "/root",
      ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
      NO_COLOR: "1",
      ...env,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  });
}

/** Starts EnvoyNPM with a test-friendly environment: JSON logs at DEBUG, no status server. */
export function startEnvoy(options: EnvoyOptions): EnvoyProcess {
  const child = envoyCommand(options.args ?? ["run"], {
    NPM_API_URL: options.npm.url,
    NPM_API_EMAIL: options.npm.email,
    NPM_API_PASSWORD: options.npm.password,
    DOCKER_HOST: options.dockerHost,
    LOG_LEVEL: "debug",
    LOG_FORMAT: "json",
    HTTP_ADDR: "",
    ...options.env,
  }, { denoFlags: options.denoFlags }).spawn();
  const logs: LogLine[] = [];
  const otherOutput: string[] = [];
  const collect = (stream: ReadableStream<Uint8Array>) =>
    (async () => {
      const lines = stream.pipeThrough(new TextDecoderStream()).pipeThrough(splitLines());
      for await (const line of lines) {
        if (line.trim() === "") continue;
        try {
          logs.push(JSON.parse(line));
        } catch {
          otherOutput.push(line);
        }
      }
    })();
  const reading = Promise.all([collect(child.stderr), collect(child.stdout)]);
  let running = true;
  const exited = child.status.then(async (status) => {
    running = false;
    await reading;
    return status.code;
  });
  let stopped: Promise<{ code: number; ms: number }> | undefined;
  const stop = (signal: Deno.Signal = "SIGTERM") => {
    stopped ??= (async () => {
      const started = performance.now();
      try {
        child.kill(signal);
      } catch {
        // already gone
      }
      const code = await exited;
      return { code, ms: performance.now() - started };
    })();
    return stopped;
  };
  return {
    logs,
    otherOutput,
    exited,
    pid: child.pid,
    get running() {
      return running;
    },
    stop,
    waitForLog: (what, match, waitOptions) =>
      waitUntil(`log line: ${what}`, () => logs.find(match), { timeoutMs: 15_000, ...waitOptions }),
    [Symbol.asyncDispose]: async () => {
      await stop("SIGKILL");
    },
  };
}

/** A loopback TCP port nothing listens on right now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr as Deno.NetAddr;
  listener.close();
  return port;
}

function splitLines(): TransformStream<string, string> {
  let rest = "";
  return new TransformStream({
    transform(chunk, controller) {
      const parts = (rest + chunk).split("\n");
      rest = parts.pop() ?? "";
      for (const part of parts) controller.enqueue(part);
    },
    flush(controller) {
      if (rest) controller.enqueue(rest);
    },
  });
}
