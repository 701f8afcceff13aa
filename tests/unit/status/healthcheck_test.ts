import assert from "node:assert/strict";
import { runHealthcheck } from "../../../lib/status/healthcheck.ts";

function fakeFetch(answer: (url: string) => Response | Error, seen: string[]): typeof fetch {
  return (input: string | URL | Request) => {
    const url = String(input);
    seen.push(url);
    const result = answer(url);
    return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
  };
}

const cases: {
  desc: string;
  addr: string;
  answer: Response | Error;
  code: 0 | 1;
  url?: string;
  line?: RegExp;
}[] = [
  {
    desc: "is 0 when /healthz answers 200 on the loopback",
    addr: ":8787",
    answer: new Response("{}", { status: 200 }),
    code: 0,
    url: "http://127.0.0.1:8787/healthz",
  },
  {
    desc: "is 1 when /healthz answers 503",
    addr: "0.0.0.0:9000",
    answer: new Response('{"ready":false}', { status: 503 }),
    code: 1,
    url: "http://127.0.0.1:9000/healthz",
    line: /answered 503/,
  },
  {
    desc: "asks a specific host the server listens on",
    addr: "[::1]:8787",
    answer: new Response("{}", { status: 200 }),
    code: 0,
    url: "http://[::1]:8787/healthz",
  },
  {
    desc: "is 1 when nothing listens",
    addr: "127.0.0.1:8787",
    answer: new TypeError("Connection refused"),
    code: 1,
    line: /Connection refused/,
  },
  {
    desc: "is 1 with a message when HTTP_ADDR is empty",
    addr: "",
    answer: new Response("{}", { status: 200 }),
    code: 1,
    line: /HTTP_ADDR is empty/,
  },
  {
    desc: "is 1 with a message when HTTP_ADDR is malformed",
    addr: "8787",
    answer: new Response("{}", { status: 200 }),
    code: 1,
    line: /HTTP_ADDR "8787" must be \[host\]:port/,
  },
];

for (const { desc, addr, answer, code, url, line } of cases) {
  Deno.test(`runHealthcheck() ${desc}`, async () => {
    const seen: string[] = [];
    const lines: string[] = [];
    const result = await runHealthcheck({
      addr,
      fetch: fakeFetch(() => answer, seen),
      write: (text) => lines.push(text),
    });
    assert.equal(result, code);
    if (url !== undefined) assert.deepEqual(seen, [url]);
    if (line !== undefined) assert.match(lines.join("\n"), line);
    if (code === 0) assert.deepEqual(lines, []);
  });
}

Deno.test("runHealthcheck() gives up after timeoutMs", async () => {
  const lines: string[] = [];
  const hang: typeof fetch = (_input, init) =>
    new Promise((_resolve, reject) => {
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
    });
  const result = await runHealthcheck({
    addr: ":8787",
    timeoutMs: 20,
    fetch: hang,
    write: (text) => lines.push(text),
  });
  assert.equal(result, 1);
  assert.match(lines.join("\n"), /no answer within 20 ms/);
});
