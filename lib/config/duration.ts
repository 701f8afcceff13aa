/**
 * Parsing of durations such as `300`, `90s`, `5m` or `1h`.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Parses a duration: a whole number of seconds (`300`) or a number with a
 * unit `ms`, `s`, `m` or `h` (`90s`, `5m`). Returns milliseconds.
 */
export function parseDuration(text: string): Result<number, string> {
  const match = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return err(`"${text}" is not a duration: use seconds (300) or 30s, 5m, 1h`);
  return ok(Number(match[1]) * UNIT_MS[match[2] ?? "s"]);
}
