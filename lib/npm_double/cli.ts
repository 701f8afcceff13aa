/**
 * The NPM double as a process of its own, for benchmarks that must not share
 * a process with what they measure:
 *
 * ```sh
 * deno run --allow-net lib/npm_double/cli.ts --port 8081 --create-ms 580 --list-ms 60
 * ```
 *
 * It prints one JSON line `{"url":…}` once it listens, then one line
 * `{"write":{…}}` (a {@linkcode WriteReport}) per successful write. Each line
 * read on stdin is a JSON object `{"delays":{"create":0,…}}` that changes the
 * costs. It stops on SIGTERM or SIGINT, or when stdin closes.
 *
 * @module
 */
import { parseArgs } from "node:util";
import { err, ok, type Result } from "neverthrow";
import { type CostedOp, type Delays, startNpmDouble, type WriteReport } from "./mod.ts";

const OPS: readonly CostedOp[] = [
  "create",
  "update",
  "enable",
  "disable",
  "delete",
  "list",
  "write",
];

/** The double's settings, from its command line. */
export interface DoubleArgs {
  readonly port: number;
  readonly email: string;
  readonly password: string;
  readonly delays: Delays;
}

/** Reads `--port N --email E --password P --<op>-ms N` (op: create, update, …, list, write). */
export function parseDoubleArgs(args: readonly string[]): Result<DoubleArgs, string> {
  const options = Object.fromEntries(
    ["port", "email", "password", ...OPS.map((op) => `${op}-ms`)].map((name) => [name, {
      type: "string" as const,
    }]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...args], options, strict: true }).values;
  } catch (error) {
    return err(error instanceof Error ? error.message : String(error));
  }
  const numberOf = (name: string): Result<number | undefined, string> => {
    const text = values[name];
    if (typeof text !== "string") return ok(undefined);
    const n = Number(text);
    return Number.isInteger(n) && n >= 0 ? ok(n) : err(`--${name} must be a whole number ≥ 0`);
  };
  const delays: Delays = {};
  for (const op of OPS) {
    const ms = numberOf(`${op}-ms`);
    if (ms.isErr()) return err(ms.error);
    if (ms.value !== undefined) delays[op] = ms.value;
  }
  const port = numberOf("port");
  if (port.isErr()) return err(port.error);
  return ok({
    port: port.value ?? 0,
    email: typeof values.email === "string" ? values.email : "admin@example.com",
    password: typeof values.password === "string" ? values.password : "changeme",
    delays,
  });
}

/** Applies one control line read on stdin; returns an error message for a bad one. */
export function applyControl(line: string, setDelays: (delays: Delays) => void): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return `Not JSON: ${line}`;
  }
  const delays = (parsed as { delays?: unknown } | null)?.delays;
  if (typeof delays !== "object" || delays === null) return `No "delays" object: ${line}`;
  const entries = Object.entries(delays);
  const bad = entries.find(([op, ms]) =>
    !OPS.includes(op as CostedOp) || typeof ms !== "number" || ms < 0
  );
  if (bad) return `Bad delay ${JSON.stringify(bad)}: ops are ${OPS.join(", ")}`;
  setDelays(Object.fromEntries(entries) as Delays);
  return null;
}

async function serve(args: DoubleArgs): Promise<void> {
  const encoder = new TextEncoder();
  const say = (value: unknown) =>
    Deno.stdout.writeSync(encoder.encode(JSON.stringify(value) + "\n"));
  const double = await startNpmDouble({
    port: args.port,
    email: args.email,
    password: args.password,
    delays: args.delays,
    onWrite: (write: WriteReport) => say({ write }),
  });
  say({ url: double.url });
  const stop = () => double.close().then(() => Deno.exit(0));
  Deno.addSignalListener("SIGTERM", stop);
  Deno.addSignalListener("SIGINT", stop);
  const lines = Deno.stdin.readable.pipeThrough(new TextDecoderStream());
  let rest = "";
  for await (const chunk of lines) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const line of parts.filter((l) => l.trim() !== "")) {
      const problem = applyControl(line, double.setDelays);
      say(problem === null ? { ok: true } : { error: problem });
    }
  }
  await stop();
}

if (import.meta.main) {
  const args = parseDoubleArgs(Deno.args);
  if (args.isErr()) {
    console.error(args.error);
    Deno.exit(2);
  }
  await serve(args.value);
}
