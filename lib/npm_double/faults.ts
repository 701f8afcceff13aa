/**
 * Fault injection for the double: the next N matching requests fail or hang,
 * seeded random failures, and NPM being down behind its proxy.
 *
 * @module
 */

/** Options of {@linkcode Faults.failNext}. */
export interface FailNextOptions {
  /** Status to answer. @default {500} */
  status?: number;
  /** Do not answer until the client gives up or the double closes. @default {false} */
  hang?: boolean;
  /** Only requests whose path (e.g. `/api/nginx/proxy-hosts`) matches. */
  paths?: RegExp;
  /** Only these methods (upper case). */
  methods?: string[];
  /** A write still happens; only its answer fails or hangs. @default {false} */
  applyThenFail?: boolean;
}

/** Options of {@linkcode Faults.setRandom}. */
export interface RandomFaultOptions {
  /** Share of requests answered with `status`, 0..1. */
  errorRate: number;
  /** Share of requests that hang, 0..1. */
  hangRate: number;
  /** @default {500} */
  status?: number;
  /** Only writes may fail. @default {false} */
  writesOnly?: boolean;
  /** A failing write still happens; only its answer fails or hangs. @default {false} */
  applyThenFail?: boolean;
}

/** What to do with one request. */
export type Decision =
  | { kind: "pass" }
  | { kind: "down" }
  | { kind: "fail"; status: number; hang: boolean; applyFirst: boolean };

interface Rule {
  remaining: number;
  options: FailNextOptions;
}

/** A small seeded PRNG (mulberry32), so random faults repeat from the seed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The faults armed on a double. */
export class Faults {
  #rules: Rule[] = [];
  #random: RandomFaultOptions | null = null;
  #downUntil = 0;
  readonly #rng: () => number;

  /** Faults drawing random numbers from `seed`. */
  constructor(seed: number) {
    this.#rng = mulberry32(seed);
  }

  /** The next `count` matching requests fail (or hang). */
  failNext(count: number, options: FailNextOptions = {}): void {
    this.#rules.push({ remaining: count, options });
  }

  /** Every request (or write) fails or hangs at random, with these rates. */
  setRandom(options: RandomFaultOptions): void {
    this.#random = options;
  }

  /** NPM is down (502 from its proxy): `true` until `down(false)`, or for `seconds`. */
  down(state: boolean | number): void {
    if (typeof state === "number") this.#downUntil = Date.now() + state * 1000;
    else this.#downUntil = state ? Infinity : 0;
  }

  /** Disarms every fault. */
  clear(): void {
    this.#rules = [];
    this.#random = null;
    this.#downUntil = 0;
  }

  /** Decides the fate of one request. */
  decide(method: string, path: string, isWrite: boolean): Decision {
    if (Date.now() < this.#downUntil) return { kind: "down" };
    const rule = this.#rules.find((r) =>
      r.remaining > 0 && (!r.options.paths || r.options.paths.test(path)) &&
      (!r.options.methods || r.options.methods.includes(method))
    );
    if (rule) {
      rule.remaining--;
      this.#rules = this.#rules.filter((r) => r.remaining > 0);
      const { status = 500, hang = false, applyThenFail = false } = rule.options;
      return { kind: "fail", status, hang, applyFirst: applyThenFail && isWrite };
    }
    const random = this.#random;
    if (!random || (random.writesOnly && !isWrite)) return { kind: "pass" };
    const roll = this.#rng();
    if (roll >= random.hangRate + random.errorRate) return { kind: "pass" };
    return {
      kind: "fail",
      status: random.status ?? 500,
      hang: roll < random.hangRate,
      applyFirst: (random.applyThenFail ?? false) && isWrite,
    };
  }
}
