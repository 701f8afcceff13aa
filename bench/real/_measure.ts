/**
 * What the real bench reads off processes and samples: RSS and CPU time from
 * `/proc`, percentiles, min/median/max, and the machine it runs on.
 *
 * @module
 */

/** Resident memory of process `pid` in MB (`VmRSS` of `/proc/<pid>/status`). */
export function rssMb(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** CPU seconds process `pid` has used, user and system (`/proc/<pid>/stat`, 100 ticks/s). */
export function cpuSeconds(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  // Fields after the command name (which may hold spaces) start at field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The `p`-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Min, median and max of repeated measurements. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

/** The spread of `values`. */
export function spread(values: readonly number[]): Spread {
  return {
    min: Math.min(...values),
    median: percentile(values, 50),
    max: Math.max(...values),
  };
}

/** `min / median / max` with `digits` decimals. */
export function formatSpread(s: Spread, digits = 0): string {
  return [s.min, s.median, s.max].map((v) => v.toFixed(digits)).join(" / ");
}

/** The machine: cores, memory, CPU model, and its load (1, 5, 15 min averages) now. */
export function machine(): { cores: number; memoryMb: number; cpu: string; load: string } {
  const meminfo = Deno.readTextFileSync("/proc/meminfo");
  const kb = Number(/^MemTotal:\s+(\d+)/m.exec(meminfo)?.[1] ?? 0);
  const cpuinfo = Deno.readTextFileSync("/proc/cpuinfo");
  return {
    cores: navigator.hardwareConcurrency,
    memoryMb: Math.round(kb / 1024),
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? "unknown",
    load: Deno.readTextFileSync("/proc/loadavg").split(" ").slice(0, 3).join(" "),
  };
}
