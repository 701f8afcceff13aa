/**
 * Parsing of durations such as `300`, `90s`, `5m`, `1h` or `7d`.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/**
 * Parses a duration: a whole number of seconds (`300`) or a number with a
 * unit `ms`, `s`, `m`, `h` or `d` (`90s`, `5m`, `7d`). Returns milliseconds.
 */
export function parseDuration(text: string): Result<number, string> {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return err(`"${text}" is not a duration: use seconds (300) or 30s, 5m, 1h, 7d`);
  return ok(Number(match[1]) * UNIT_MS[match[2] ?? "s"]);
}
