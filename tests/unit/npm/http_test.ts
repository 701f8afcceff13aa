import assert from "node:assert/strict";
import { apiOrigin, type HttpContext, sendRequest } from "../../../lib/npm/http.ts";
import type { NpmError } from "../../../lib/npm/types.ts";
import { npmError, type Reply, scriptedFetch } from "./_scripted_fetch.ts";

function context(replies: Reply[], extra: Partial<HttpContext> = {}) {
  const script = scriptedFetch(replies);
  const http: HttpContext = { origin: "http://npm:81", fetch: script.fetch, timeoutMs: 1000 };
  return { http: { ...http, ...extra }, script };
}

Deno.test("apiOrigin() accepts NPM's address with or without /api and trailing slashes", () => {
  const table: [string, string][] = [
    ["http://npm:81", "http://npm:81"],
    ["http://npm:81/", "http://npm:81"],
    ["http://npm:81/api", "http://npm:81"],
    ["http://npm:81/api/", "http://npm:81"],
    ["https://proxy.lan/npm/api//", "https://proxy.lan/npm"],
  ];
  for (const [input, expected] of table) assert.equal(apiOrigin(input), expected, input);
});

Deno.test("sendRequest() sends JSON with the bearer token and answers the parsed body", async () => {
  const { http, script } = context([{ status: 201, body: { id: 7 } }]);
  const result = await sendRequest(http, {
    method: "POST",
    path: "/api/nginx/proxy-hosts",
    body: { forward_port: 80 },
    token: "tok",
  });
  assert.deepEqual(result._unsafeUnwrap(), { id: 7 });
  assert.deepEqual(script.calls, [{
    method: "POST",
    path: "/api/nginx/proxy-hosts",
    body: { forward_port: 80 },
    authorization: "Bearer tok",
  }]);
});

Deno.test("sendRequest() maps NPM's answers to error kinds", async () => {
  const url = "http://npm:81/api/x";
  const table: [string, Reply, NpmError][] = [
    ["404", npmError(404, "Not Found - 3"), {
      kind: "npm_not_found",
      url,
      message: "Not Found - 3",
    }],
    ["400", npmError(400, "data must NOT have additional properties"), {
      kind: "npm_rejected",
      url,
      status: 400,
      message: "data must NOT have additional properties",
    }],
    ["403", npmError(403, "Permission Denied"), {
      kind: "npm_rejected",
      url,
      status: 403,
      message: "Permission Denied",
    }],
    ["429", { status: 429 }, {
      kind: "npm_server_error",
      url,
      status: 429,
      message: "Status 429",
    }],
    ["500", npmError(500, "Internal Error"), {
      kind: "npm_server_error",
      url,
      status: 500,
      message: "Internal Error",
    }],
    ["502 with an HTML body", { status: 502, body: "<html>bad gateway</html>" }, {
      kind: "npm_server_error",
      url,
      status: 502,
      message: "Status 502",
    }],
  ];
  for (const [desc, reply, expected] of table) {
    const { http } = context([reply]);
    const result = await sendRequest(http, { method: "GET", path: "/api/x" });
    assert.deepEqual(result._unsafeUnwrapErr(), expected, desc);
  }
});

Deno.test("sendRequest() calls a 2xx without JSON a bad response", async () => {
  const script = scriptedFetch([]);
  const http: HttpContext = {
    origin: "http://npm:81",
    fetch: () => Promise.resolve(new Response("<html>", { status: 200 })),
    timeoutMs: 1000,
  };
  const result = await sendRequest(http, { method: "GET", path: "/api/" });
  assert.equal(result._unsafeUnwrapErr().kind, "npm_bad_response");
  assert.equal(script.calls.length, 0);
});

Deno.test("sendRequest() answers npm_timeout when NPM does not answer in time", async () => {
  const { http } = context([{ hang: true }], { timeoutMs: 20 });
  const result = await sendRequest(http, { method: "GET", path: "/api/" });
  assert.deepEqual(result._unsafeUnwrapErr(), {
    kind: "npm_timeout",
    url: "http://npm:81/api/",
    timeoutMs: 20,
  });
});

Deno.test("sendRequest() answers npm_unreachable saying the connection was refused", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const http: HttpContext = { origin: `http://127.0.0.1:${port}`, fetch, timeoutMs: 2000 };
  const error = (await sendRequest(http, { method: "GET", path: "/api/" }))._unsafeUnwrapErr();
  assert.equal(error.kind, "npm_unreachable");
  assert.ok(
    error.kind === "npm_unreachable" && /connection refused/i.test(error.cause),
    JSON.stringify(error),
  );
});

Deno.test("sendRequest() stops a request in flight when the client's signal aborts", async () => {
  const controller = new AbortController();
  const { http } = context([{ hang: true }], { signal: controller.signal, timeoutMs: 60_000 });
  const started = Date.now();
  setTimeout(() => controller.abort(), 10);
  const result = await sendRequest(http, { method: "GET", path: "/api/" });
  assert.deepEqual(result._unsafeUnwrapErr(), {
    kind: "npm_unreachable",
    url: "http://npm:81/api/",
    cause: "Request aborted",
  });
  assert.ok(Date.now() - started < 1000);
});
