import assert from "node:assert/strict";
import { oneLine } from "../../../lib/errors/mod.ts";

Deno.test("oneLine() folds line breaks into one readable line", () => {
  const cases: [desc: string, text: string, want: string][] = [
    ["one line stays as it is", "Created proxy host a.lan", "Created proxy host a.lan"],
    ["a trailing newline is dropped", "a\nb\n", "a / b"],
    [
      "nginx's two-line answer",
      'nginx: [emerg] unknown directive "this" in /data/nginx/proxy_host/3.conf:37\n' +
      "nginx: configuration file /etc/nginx/nginx.conf test failed\n",
      'nginx: [emerg] unknown directive "this" in /data/nginx/proxy_host/3.conf:37 / ' +
      "nginx: configuration file /etc/nginx/nginx.conf test failed",
    ],
    ["CR LF, lone CR and Unicode separators", "a\r\nb\rc\u2028d\u2029e", "a / b / c / d / e"],
    ["blank lines and indentation go", "{\n\n  a: 1,\n  \n}\n", "{ / a: 1, / }"],
    ["only line breaks leave nothing", "\n\r\n", ""],
    ["the empty text", "", ""],
  ];
  for (const [desc, text, want] of cases) assert.equal(oneLine(text), want, desc);
});
