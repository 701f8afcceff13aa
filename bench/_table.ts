/**
 * Prints benchmark rows as a plain-text table.
 *
 * @module
 */
import type { Row } from "./_support.ts";

/** A number with about three significant digits, thousands grouped. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs === 0 || abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : abs >= 0.01 ? 3 : 5;
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** The rows as aligned text lines, a header first. */
export function formatTable(rows: readonly Row[]): string {
  const header = ["scenario", "figure", "value", "unit", "against", "ratio", "ok"];
  const cells = rows.map((row) => [
    row.scenario,
    row.figure,
    formatNumber(row.value),
    row.unit,
    row.against ?? "",
    row.ratio === undefined ? "" : `${formatNumber(row.ratio)}×`,
    row.ok === undefined ? "" : row.ok ? "yes" : "NO",
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((c) => c[i].length)));
  const right = new Set([2, 5]);
  const line = (values: string[]) =>
    values.map((v, i) => right.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i])).join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
