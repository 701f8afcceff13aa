/**
 * A tiny registry of metrics rendered in Prometheus' text format 0.0.4:
 * counters and gauges with labels, and histograms without. No dependency.
 *
 * @module
 */

/** Label names and their values. */
export type Labels = Readonly<Record<string, string>>;

/** A value that only goes up. */
export interface Counter {
  /** Adds `by` (default 1) to the series of these labels. */
  inc(labels?: Labels, by?: number): void;
}

/** A value that goes up and down. */
export interface Gauge {
  /** Sets the series of these labels. */
  set(value: number, labels?: Labels): void;
}

/** Labelled values that go up and down, and come and go. */
export interface GaugeSet {
  /** Replaces every sample. */
  replace(samples: readonly (readonly [Labels, number])[]): void;
}

/** Observations counted into cumulative buckets. */
export interface Histogram {
  /** Counts one observation. */
  observe(value: number): void;
}

/** Metrics in one place, rendered together in the order they were made. */
export interface Registry {
  /** Makes a counter; `zero` lists label sets shown as 0 before their first increment. */
  counter(name: string, help: string, options?: { zero?: readonly Labels[] }): Counter;
  /** Makes a gauge that starts at 0 without labels. */
  gauge(name: string, help: string): Gauge;
  /** Makes a gauge of labelled samples only, replaced whole (a label set that goes is dropped). */
  gaugeSet(name: string, help: string): GaugeSet;
  /** Makes a histogram with these upper bounds (`+Inf` is added). */
  histogram(name: string, help: string, options: { buckets: readonly number[] }): Histogram;
  /** Every metric in the text format, ending with a newline. */
  render(): string;
}

interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: "counter" | "gauge" | "histogram";
  lines(): string[];
}

/** Makes an empty {@linkcode Registry}. */
export function createRegistry(): Registry {
  const families: Family[] = [];

  function series(name: string, help: string, type: "counter" | "gauge") {
    const values = new Map<string, number>();
    families.push({
      name,
      help,
      type,
      lines: () => [...values].map(([labels, value]) => `${name}${labels} ${formatNumber(value)}`),
    });
    return values;
  }

  function counter(name: string, help: string, options: { zero?: readonly Labels[] } = {}) {
    const values = series(name, help, "counter");
    for (const labels of options.zero ?? []) values.set(formatLabels(labels), 0);
    return {
      inc(labels: Labels = {}, by = 1) {
        const key = formatLabels(labels);
        values.set(key, (values.get(key) ?? 0) + by);
      },
    };
  }

  function gauge(name: string, help: string) {
    const values = series(name, help, "gauge");
    values.set("", 0);
    return {
      set(value: number, labels: Labels = {}) {
        values.set(formatLabels(labels), value);
      },
    };
  }

  function gaugeSet(name: string, help: string) {
    const values = series(name, help, "gauge");
    return {
      replace(samples: readonly (readonly [Labels, number])[]) {
        values.clear();
        for (const [labels, value] of samples) values.set(formatLabels(labels), value);
      },
    };
  }

  function histogram(name: string, help: string, options: { buckets: readonly number[] }) {
    const bounds = [...options.buckets].sort((a, b) => a - b);
    const counts = bounds.map(() => 0);
    let sum = 0;
    let count = 0;
    families.push({
      name,
      help,
      type: "histogram",
      lines: () => [
        ...bounds.map((bound, i) =>
          `${name}_bucket${formatLabels({ le: formatNumber(bound) })} ${counts[i]}`
        ),
        `${name}_bucket{le="+Inf"} ${count}`,
        `${name}_sum ${formatNumber(sum)}`,
        `${name}_count ${count}`,
      ],
    });
    return {
      observe(value: number) {
        bounds.forEach((bound, i) => {
          if (value <= bound) counts[i]++;
        });
        sum += value;
        count++;
      },
    };
  }

  function render(): string {
    return families.map((family) =>
      [
        `# HELP ${family.name} ${escapeHelp(family.help)}`,
        `# TYPE ${family.name} ${family.type}`,
        ...family.lines(),
      ].join("\n") + "\n"
    ).join("");
  }

  return { counter, gauge, gaugeSet, histogram, render };
}

/** `{a="1",b="2"}` with values escaped, or empty without labels. */
export function formatLabels(labels: Labels): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeLabel(value)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** A sample value as Prometheus writes it: `+Inf`, `-Inf`, `NaN` or a decimal. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

function escapeLabel(value: string): string {
  return value.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n");
}

function escapeHelp(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
}
