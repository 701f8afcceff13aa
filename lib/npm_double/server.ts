/**
 * The double's HTTP side: NPM's routes, its order of checks (token, body,
 * missing token), faults, and the cost of writes.
 *
 * @module
 */
import type { Auth } from "./auth.ts";
import { type BodyName, checkBody } from "./bodies.ts";
import { NO_FILES, readFiles, withDebug } from "./certificate_answers.ts";
import { CERTIFICATE_ROUTES } from "./certificate_routes.ts";
import type { Certificates } from "./certificates.ts";
import type { Faults } from "./faults.ts";
import { expandOf, strictId } from "./query.ts";
import type { Store } from "./store.ts";
import type { Streams } from "./streams.ts";
import { sleep } from "../timing/mod.ts";
import { type CostedOp, errorReply, type Reply, type WriteReport } from "./types.ts";
import { writeReport } from "./write_report.ts";

/** What the handler works with. */
export interface ServerParts {
  store: Store;
  /** NPM's certificates. */
  certificates: Certificates;
  /** NPM's streams (listed only). */
  streams: Streams;
  auth: Auth;
  faults: Faults;
  /** What an operation costs, in ms (read when each request arrives). */
  delayMs(op: CostedOp): number;
  /** Told of every successful write once its cost is paid. */
  onWrite?: (report: WriteReport) => void;
  /** Aborts when the double closes: ends hangs and write delays. */
  closing: AbortSignal;
}

interface Call {
  match: RegExpExecArray;
  url: URL;
  body: unknown;
}

interface Route {
  method: string;
  path: RegExp;
  /** `open`: no token needed; `list`: without a token, 404 naming the path; else 500. */
  auth: "open" | "list" | "other";
  body?: BodyName;
  /** A multipart upload: its files are the body. */
  files?: boolean;
  write?: boolean;
  /** The cost this route pays; proxy host writes and the list have their own. */
  op?: CostedOp;
  run(parts: ServerParts, call: Call): Reply | Promise<Reply>;
}

const HEALTH = { status: "OK", setup: true, version: { major: 2, minor: 15, revision: 1 } };

const ROUTES: Route[] = [
  { method: "GET", path: /^\/api\/?$/, auth: "open", run: () => ({ status: 200, body: HEALTH }) },
  {
    method: "POST",
    path: /^\/api\/tokens$/,
    auth: "open",
    body: "tokenRequest",
    run: ({ auth }, { body }) => {
      const { identity, secret } = body as { identity: string; secret: string };
      return auth.login(identity, secret);
    },
  },
  {
    method: "POST",
    path: /^\/api\/tokens\/2fa$/,
    auth: "open",
    body: "tokenTwoFactor",
    run: ({ auth }, { body }) => {
      const { challenge_token, code } = body as { challenge_token: string; code: string };
      return auth.verifyTwoFactor(challenge_token, code);
    },
  },
  {
    method: "GET",
    path: /^\/api\/tokens$/,
    auth: "other",
    run: ({ auth }, { url }) => auth.renew(url.searchParams.get("expiry")),
  },
  {
    method: "GET",
    path: /^\/api\/nginx\/proxy-hosts$/,
    auth: "list",
    op: "list",
    run: ({ store }, { url }) => store.listProxyHosts(expandOf(url)),
  },
  {
    method: "POST",
    path: /^\/api\/nginx\/proxy-hosts$/,
    auth: "other",
    body: "proxyHostCreate",
    write: true,
    op: "create",
    run: ({ store }, { body }) => store.createProxyHost(body as never),
  },
  {
    method: "GET",
    path: /^\/api\/nginx\/proxy-hosts\/([^/]+)$/,
    auth: "other",
    run: ({ store }, { match, url }) => {
      const id = strictId(match[1]);
      return id === null
        ? errorReply(400, "Internal Error")
        : store.getProxyHost(id, expandOf(url));
    },
  },
  {
    method: "PUT",
    path: /^\/api\/nginx\/proxy-hosts\/([^/]+)$/,
    auth: "other",
    body: "proxyHostUpdate",
    write: true,
    op: "update",
    run: ({ store }, { match, body }) => store.updateProxyHost(parseInt(match[1]), body as never),
  },
  {
    method: "DELETE",
    path: /^\/api\/nginx\/proxy-hosts\/([^/]+)$/,
    auth: "other",
    write: true,
    op: "delete",
    run: ({ store }, { match }) => store.deleteProxyHost(parseInt(match[1])),
  },
  {
    method: "POST",
    path: /^\/api\/nginx\/proxy-hosts\/([^/]+)\/(enable|disable)$/,
    auth: "other",
    write: true,
    run: ({ store }, { match }) => store.setEnabled(parseInt(match[1]), match[2] === "enable"),
  },
  ...(["redirection", "dead"] as const).flatMap((kind): Route[] => [
    {
      method: "GET",
      path: new RegExp(`^/api/nginx/${kind}-hosts$`),
      auth: "list",
      run: ({ store }) => store.listOtherHosts(kind),
    },
    {
      method: "POST",
      path: new RegExp(`^/api/nginx/${kind}-hosts$`),
      auth: "other",
      body: kind === "dead" ? "deadHostCreate" : "redirectionHostCreate",
      write: true,
      run: ({ store }, { body }) => store.createOtherHost(kind, body as never),
    },
  ]),
  {
    method: "GET",
    path: /^\/api\/nginx\/streams$/,
    auth: "list",
    run: ({ streams }, { url }) => streams.list(expandOf(url)),
  },
  ...CERTIFICATE_ROUTES,
  {
    method: "GET",
    path: /^\/api\/nginx\/access-lists$/,
    auth: "list",
    run: ({ store }) => store.listAccessLists(),
  },
  {
    method: "POST",
    path: /^\/api\/nginx\/access-lists$/,
    auth: "other",
    body: "accessListCreate",
    write: true,
    run: ({ store }, { body }) => store.createAccessList(body as never),
  },
  {
    method: "DELETE",
    path: /^\/api\/nginx\/access-lists\/([^/]+)$/,
    auth: "other",
    write: true,
    run: ({ store }, { match }) => store.deleteAccessList(parseInt(match[1])),
  },
  { method: "GET", path: /^\/api\/audit-log$/, auth: "list", run: ({ store }) => store.auditLog() },
];

/** Reads a body as express's `bodyParser.json()` does: only JSON objects and arrays. */
async function readBody(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const text = await request.text();
  if (type !== "application/json" && !type.endsWith("+json")) return { ok: true, value: {} };
  if (text.trim() === "") return { ok: true, value: {} };
  if (!/^\s*[[{]/.test(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Resolves once `signal` aborts: how a hang waits for the client (or the double) to give up. */
function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) =>
    signal.addEventListener("abort", () => resolve(), { once: true })
  );
}

function json(reply: Reply): Response {
  return Response.json(reply.body, { status: reply.status });
}

/** A proxy's answer for a dead upstream (and for injected 502/503/504). */
function gateway(status: number): Response {
  const text = { 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Time-out" }[
    status as 502 | 503 | 504
  ] ?? "Bad Gateway";
  const html = `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n` +
    `<center><h1>${status} ${text}</h1></center>\r\n<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(html, { status, headers: { "content-type": "text/html" } });
}

/** A request's answer and what it costs (nothing for an unknown route). */
interface Routed {
  reply: Reply;
  op?: CostedOp;
}

async function route(parts: ServerParts, request: Request, url: URL): Promise<Routed> {
  const candidates = ROUTES.filter((r) => r.path.test(url.pathname));
  const found = candidates.find((r) => r.method === request.method);
  if (!found) return { reply: errorReply(404, "Not Found") };
  const match = found.path.exec(url.pathname) as RegExpExecArray;
  const toggle = match[2] === "enable" || match[2] === "disable" ? match[2] : undefined;
  const op = found.op ?? toggle ?? (found.write ? "write" : undefined);
  return { reply: await answer(parts, request, { found, match, url }), op };
}

async function answer(
  parts: ServerParts,
  request: Request,
  { found, match, url }: { found: Route; match: RegExpExecArray; url: URL },
): Promise<Reply> {
  const bearer = found.auth === "open" ? { kind: "valid" as const } : parts.auth.check(
    request.headers.get("authorization"),
  );
  if (bearer.kind === "rejected") return bearer.reply;
  let body: unknown = undefined;
  if (found.files) {
    const files = await readFiles(request);
    if (!files) return NO_FILES;
    body = files;
  }
  if (found.body) {
    const read = await readBody(request);
    if (!read.ok) return errorReply(400, "Internal Error");
    const checked = checkBody(found.body, read.value);
    if (!checked.ok) return errorReply(400, checked.message);
    body = checked.value;
  }
  if (bearer.kind === "absent") {
    return found.auth === "list"
      ? errorReply(404, `Not Found - ${url.pathname.replace(/^\/api/, "")}`)
      : errorReply(500, "Internal Error");
  }
  return found.run(parts, { match, url, body });
}

/** The `Deno.serve` handler of a double. */
export function npmHandler(parts: ServerParts): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const isWrite = request.method !== "GET" && url.pathname.startsWith("/api/nginx/");
    const decision = parts.faults.decide(request.method, url.pathname, isWrite);
    if (decision.kind === "down") return gateway(502);
    const fail = async (status: number, hang: boolean): Promise<Response> => {
      if (hang) {
        await untilAborted(AbortSignal.any([request.signal, parts.closing]));
        return gateway(504);
      }
      return status >= 502 && status <= 504
        ? gateway(status)
        : json(errorReply(status, "Internal Error"));
    };
    if (decision.kind === "fail" && !decision.applyFirst) {
      await request.body?.cancel();
      return fail(decision.status, decision.hang);
    }
    const receivedAt = performance.timeOrigin + performance.now();
    const { reply: routed, op } = await route(parts, request, url);
    // NPM's error handler adds `debug` to every error answer under nginx/certificates.
    const reply = url.pathname.includes("nginx/certificates") ? withDebug(routed) : routed;
    if (op !== undefined && reply.status < 300) {
      const delayMs = parts.delayMs(op);
      if (delayMs > 0) await sleep(delayMs, parts.closing);
      if (op !== "list") parts.onWrite?.(writeReport({ op, url, reply, receivedAt }));
    }
    if (decision.kind === "fail") return fail(decision.status, decision.hang);
    return json(reply);
  };
}
