/**
 * What every scenario shares: the row it reports, a timing loop, a heap
 * reading after a full GC, and a seeded random source.
 *
 * @module
 */
import v8 from "node:v8";
import vm from "node:vm";

/** One measured figure, with what it is judged against. */
export interface Row {
  /** The scenario, e.g. `1 core`. */
  readonly scenario: string;
  /** What was measured, e.g. `desiredState per container`. */
  readonly figure: string;
  /** The measured value, in `unit`. */
  readonly value: number;
  /** e.g. `µs/op`, `ms`, `MB`, `count`. */
  readonly unit: string;
  /** The target or reference, in words, e.g. `1 ms budget` or `NPM create 580 ms`. */
  readonly against?: string;
  /** `value` divided by the reference (lower is better unless said). */
  readonly ratio?: number;
  /** Whether the target is met; absent for figures that are only informative. */
  readonly ok?: boolean;
}

/** A maker of rows of one scenario: `row(figure, value, unit, { against, ratio, ok })`. */
export function rowsOf(
  scenario: string,
): (figure: string, value: number, unit: string, extra?: Partial<Row>) => Row {
  return (figure, value, unit, extra = {}) => ({ scenario, figure, value, unit, ...extra });
}

/** Runs `op` repeatedly for at least `minMs` (after a warm-up) and returns µs per call. */
export function microsPerOp(op: () => void, options: { minMs?: number } = {}): number {
  const minMs = options.minMs ?? 300;
  for (let i = 0; i < 50; i++) op();
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 20; i++) op();
    calls += 20;
    elapsed = performance.now() - started;
  }
  return (elapsed * 1000) / calls;
}

let collect: (() => void) | undefined;

/** `heapUsed` in MB after a full garbage collection (GC exposed through `node:v8` flags). */
export function heapAfterGcMb(): number {
  if (collect === undefined) {
    v8.setFlagsFromString("--expose-gc");
    collect = vm.runInNewContext("gc") as () => void;
  }
  collect();
  collect();
  return Deno.memoryUsage().heapUsed / 1_048_576;
}

/** A small seeded PRNG (xorshift32), values in [0, 1), so runs repeat. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

/** Resolves after `ms`. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `done` until it holds or `timeoutMs` passes; returns whether it held.
 * Keep `intervalMs` well above the cost of `done` so polling does not slow what it watches.
 */
export async function waitUntil(
  done: () => boolean,
  timeoutMs: number,
  options: { intervalMs?: number } = {},
): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > until) return false;
    await delay(options.intervalMs ?? 5);
  }
  return true;
}
