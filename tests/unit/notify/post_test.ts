import assert from "node:assert/strict";
import { redactUrl } from "../../../lib/notify/post.ts";

const CASES: { url: string; logged: string }[] = [
  { url: "http://hooks.lan:8080", logged: "http://hooks.lan:8080" },
  { url: "https://hooks.lan/", logged: "https://hooks.lan" },
  { url: "https://hooks.slack.com/services/T0/B0/XXXX", logged: "https://hooks.slack.com/…" },
  { url: "https://ntfy.lan/?auth=abc", logged: "https://ntfy.lan/…" },
  { url: "https://user:pass@hooks.lan/hook", logged: "https://hooks.lan/…" },
  { url: "not a url", logged: "(invalid URL)" },
];

for (const { url, logged } of CASES) {
  Deno.test(`redactUrl() logs ${JSON.stringify(url)} as ${JSON.stringify(logged)}`, () => {
    assert.equal(redactUrl(url), logged);
  });
}
