import assert from "node:assert/strict";
import { createRegistry, formatLabels, formatNumber } from "../../../lib/status/prometheus.ts";

Deno.test("formatLabels() escapes backslashes, quotes and newlines in label values", () => {
  assert.equal(
    formatLabels({ a: 'say "hi"', b: "C:\\dir", c: "two\nlines" }),
    String.raw`{a="say \"hi\"",b="C:\\dir",c="two\nlines"}`,
  );
  assert.equal(formatLabels({}), "");
});

Deno.test("formatNumber() writes infinities and NaN as Prometheus does", () => {
  assert.deepEqual([Infinity, -Infinity, NaN, 0.25, 3].map(formatNumber), [
    "+Inf",
    "-Inf",
    "NaN",
    "0.25",
    "3",
  ]);
});

Deno.test("createRegistry() renders HELP, TYPE and samples in the order made", () => {
  const registry = createRegistry();
  const hits = registry.counter("hits_total", "Hits,\nby path \\ method.", {
    zero: [{ path: "/" }],
  });
  const up = registry.gauge("up", "Whether it is up.");
  const size = registry.histogram("size_bytes", "Sizes.", { buckets: [10, 1] });
  hits.inc({ path: '/a"b' }, 2);
  hits.inc({ path: "/" });
  up.set(1);
  size.observe(1);
  size.observe(5);
  assert.equal(
    registry.render(),
    [
      "# HELP hits_total Hits,\\nby path \\\\ method.",
      "# TYPE hits_total counter",
      'hits_total{path="/"} 1',
      'hits_total{path="/a\\"b"} 2',
      "# HELP up Whether it is up.",
      "# TYPE up gauge",
      "up 1",
      "# HELP size_bytes Sizes.",
      "# TYPE size_bytes histogram",
      'size_bytes_bucket{le="1"} 1',
      'size_bytes_bucket{le="10"} 2',
      'size_bytes_bucket{le="+Inf"} 2',
      "size_bytes_sum 6",
      "size_bytes_count 2",
      "",
    ].join("\n"),
  );
});
