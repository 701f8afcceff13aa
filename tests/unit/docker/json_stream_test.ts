import assert from "node:assert/strict";
import fc from "fast-check";
import { createJsonStreamReader, type JsonStreamItem } from "../../../lib/docker/json_stream.ts";

const encoder = new TextEncoder();

/** Feeds `chunks` to a fresh reader and returns everything it found. */
function readAll(chunks: readonly Uint8Array[]): JsonStreamItem[] {
  const reader = createJsonStreamReader();
  return [...chunks.flatMap((chunk) => reader.push(chunk)), ...reader.end()];
}

/** Splits `bytes` at the given offsets. */
function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), bytes.length];
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

function values(items: readonly JsonStreamItem[]): unknown[] {
  return items.map((item) => item.kind === "value" ? item.value : item);
}

const cases: { desc: string; chunks: string[] | Uint8Array[]; want: unknown[]; bad?: number }[] = [
  { desc: "one object per chunk", chunks: ['{"a":1}\n', '{"b":2}\n'], want: [{ a: 1 }, { b: 2 }] },
  {
    desc: "several objects packed in one chunk",
    chunks: ['{"a":1}\n{"b":2}\n{"c":3}\n'],
    want: [{ a: 1 }, { b: 2 }, { c: 3 }],
  },
  {
    desc: "an object split across chunks",
    chunks: ['{"a":', '"x}y{"', ',"b":[1,', "2]}\n"],
    want: [{ a: "x}y{", b: [1, 2] }],
  },
  {
    desc: "objects without a newline between them",
    chunks: ['{"a":1}{"b":"\\"}"}', '[3]{"c":{}}'],
    want: [{ a: 1 }, { b: '"}' }, [3], { c: {} }],
  },
  {
    desc: "a last object without a newline",
    chunks: ['{"a":1}\n{"b":', "2}"],
    want: [{ a: 1 }, { b: 2 }],
  },
  { desc: "blank lines and CRLF", chunks: ['\n\r\n{"a":1}\r\n\n'], want: [{ a: 1 }] },
  {
    desc: "a multi-byte character split between chunks",
    chunks: [
      encoder.encode('{"n":"é😀"}\n').subarray(0, 8),
      encoder.encode('{"n":"é😀"}\n').subarray(8),
    ],
    want: [{ n: "é😀" }],
  },
];

for (const { desc, chunks, want } of cases) {
  Deno.test(`createJsonStreamReader() reads ${desc}`, () => {
    const bytes = chunks.map((c) => typeof c === "string" ? encoder.encode(c) : c);
    assert.deepEqual(values(readAll(bytes)), want);
  });
}

Deno.test("createJsonStreamReader() skips a bad line, reports it and reads on", () => {
  const items = readAll([encoder.encode('{"a":1}\n{"b":tru}\n{"c":\n{"d":4}\nnope\n')]);
  assert.deepEqual(items.map((i) => i.kind), ["value", "bad", "bad", "value", "bad"]);
  assert.deepEqual(items[3], { kind: "value", value: { d: 4 } });
  const bad = items[1];
  assert.equal(bad.kind === "bad" && bad.text, '{"b":tru}');
});

Deno.test("createJsonStreamReader() reports an unfinished last piece as bad at end()", () => {
  const reader = createJsonStreamReader();
  assert.deepEqual(reader.push(encoder.encode('{"a":[1')), []);
  assert.deepEqual(reader.end().map((i) => i.kind), ["bad"]);
});

Deno.test("createJsonStreamReader() yields the same objects for any split of the bytes", () => {
  const object = fc.dictionary(
    fc.string({ unit: "binary" }),
    fc.jsonValue({ stringUnit: "binary" }),
  );
  fc.assert(
    fc.property(
      fc.array(object, { maxLength: 6 }),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 8 }),
      (objects, newlines, rawCuts) => {
        const text = objects.map((o) => JSON.stringify(o) + (newlines ? "\n" : "")).join("");
        const bytes = encoder.encode(text);
        const cuts = rawCuts.map((n) => n % (bytes.length + 1));
        const want = objects.map((o) => JSON.parse(JSON.stringify(o)));
        assert.deepEqual(values(readAll(splitAt(bytes, cuts))), want);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("createJsonStreamReader() drops a value that never ends instead of growing without bound", () => {
  const reader = createJsonStreamReader();
  const chunk = new TextEncoder().encode('{"a":"' + "x".repeat(64 * 1024));
  const items = [];
  for (let i = 0; i < 20; i++) items.push(...reader.push(chunk));
  assert.equal(items.filter((item) => item.kind === "bad").length, 1);
  // The reader goes on with the next line.
  const next = reader.push(new TextEncoder().encode('"}\n{"ok":true}\n'));
  assert.deepEqual(next.filter((item) => item.kind === "value").map((item) => item.value), [{
    ok: true,
  }]);
});
