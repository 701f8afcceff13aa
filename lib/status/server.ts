/**
 * The status server: `/healthz`, `/metrics`, `/api/state` and the dashboard
 * at `/`, on `Deno.serve`. With a token, all but `/healthz` ask for it.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import { describeThrown } from "../errors/mod.ts";
import { parseAddr } from "./listen_addr.ts";
import { DASHBOARD_HTML } from "./dashboard.ts";
import type { HealthReport, StateView, StatusError } from "./types.ts";

/** Options of {@linkcode startStatusServer}. */
export interface StatusServerOptions {
  /** `[host]:port` as in `HTTP_ADDR`; `:8787` listens on every interface, port 0 on any free port. */
  readonly addr: string;
  /** When set, every route but `/healthz` needs `Authorization: Bearer <token>` or `?token=<token>`. */
  readonly token?: string;
  readonly state: () => StateView;
  readonly metrics: () => string;
  readonly health: () => HealthReport;
  /** Aborting stops the server. */
  readonly signal?: AbortSignal;
}

/** A running status server. */
export interface StatusServer {
  /** The port it listens on (the free one chosen for port 0). */
  readonly port: number;
  /** Stops listening and waits for open requests to finish. */
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

const DASHBOARD_CSP = "default-src 'none'; script-src 'unsafe-inline'; " +
  "style-src 'unsafe-inline'; connect-src 'self'; img-src data:; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

/** Starts listening; an address in use or malformed is an error naming `HTTP_ADDR`. */
export function startStatusServer(
  options: StatusServerOptions,
): Result<StatusServer, StatusError> {
  const parsed = parseAddr(options.addr);
  if (parsed.isErr()) return err(parsed.error);
  const { hostname, port } = parsed.value;
  const handler = (request: Request) => handle(request, options);
  try {
    const server = Deno.serve({
      hostname: hostname === "" ? "0.0.0.0" : hostname,
      port,
      signal: options.signal,
      onListen: () => {},
      onError: () => json(500, { error: "internal", message: "The status server failed" }),
    }, handler);
    return ok({ port: server.addr.port, close: () => server.shutdown() });
  } catch (error) {
    return err(listenError(options.addr, error));
  }
}

function listenError(addr: string, error: unknown): StatusError {
  if (error instanceof Deno.errors.AddrInUse) {
    return {
      kind: "addr_in_use",
      addr,
      message: `Cannot listen on HTTP_ADDR "${addr}": the address is in use; ` +
        `choose another port or set HTTP_ADDR to empty to turn the status server off`,
    };
  }
  const cause = describeThrown(error, "Unknown error");
  return { kind: "listen_failed", addr, message: `Cannot listen on HTTP_ADDR "${addr}": ${cause}` };
}

function handle(request: Request, options: StatusServerOptions): Response {
  const url = new URL(request.url);
  const route = ROUTES.get(url.pathname);
  if (route === undefined) {
    return json(404, { error: "not_found", message: `No such page: ${url.pathname}` });
  }
  if (request.method !== "GET") {
    return json(405, { error: "method_not_allowed", message: "Only GET is allowed" }, {
      allow: "GET",
    });
  }
  if (route !== "healthz" && !authorized(request, url, options.token)) {
    return json(401, {
      error: "unauthorized",
      message: "Missing or wrong token: send Authorization: Bearer <token> or add ?token=<token>",
    }, { "www-authenticate": 'Bearer realm="EnvoyNPM"' });
  }
  switch (route) {
    case "healthz": {
      const report = options.health();
      return json(report.ready ? 200 : 503, report);
    }
    case "metrics":
      return new Response(options.metrics(), {
        headers: {
          ...SECURITY_HEADERS,
          "content-type": "text/plain; version=0.0.4; charset=utf-8",
        },
      });
    case "state":
      return json(200, options.state());
    case "dashboard":
      return new Response(DASHBOARD_HTML, {
        headers: {
          ...SECURITY_HEADERS,
          "content-type": "text/html; charset=utf-8",
          "content-security-policy": DASHBOARD_CSP,
        },
      });
  }
}

const ROUTES: ReadonlyMap<string, "healthz" | "metrics" | "state" | "dashboard"> = new Map([
  ["/healthz", "healthz"],
  ["/metrics", "metrics"],
  ["/api/state", "state"],
  ["/", "dashboard"],
]);

function authorized(request: Request, url: URL, token: string | undefined): boolean {
  if (token === undefined || token === "") return true;
  const header = request.headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  const given = bearer ?? url.searchParams.get("token");
  return given !== null && sameText(given, token);
}

/** Compares in time that depends only on the lengths, not on where they differ. */
function sameText(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < x.length; i++) diff |= x[i] ^ (y[i % Math.max(1, y.length)] ?? 0);
  return diff === 0;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...SECURITY_HEADERS, "content-type": "application/json; charset=utf-8", ...headers },
  });
}
