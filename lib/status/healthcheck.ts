/**
 * `envoynpm healthcheck`: asks the running status server's `/healthz`, for
 * the image's HEALTHCHECK (a distroless image has no curl).
 *
 * @module
 */
import { localUrl } from "./listen_addr.ts";

/** Options of {@linkcode runHealthcheck}. */
export interface HealthcheckOptions {
  /** `HTTP_ADDR` of the running EnvoyNPM; empty means the server is off. */
  readonly addr: string;
  /** How long to wait for the answer. @default 3_000 */
  readonly timeoutMs?: number;
  /** @default globalThis.fetch */
  readonly fetch?: typeof fetch;
  /** Where the reason for an unhealthy result goes. @default console.error */
  readonly write?: (line: string) => void;
}

/** 0 when `/healthz` answers 200, else 1 with a line saying why. */
export async function runHealthcheck(options: HealthcheckOptions): Promise<0 | 1> {
  const write = options.write ?? console.error;
  if (options.addr.trim() === "") {
    write("Cannot check health: HTTP_ADDR is empty, so the status server is off");
    return 1;
  }
  const base = localUrl(options.addr);
  if (base.isErr()) {
    write(`Cannot check health: ${base.error.message}`);
    return 1;
  }
  const url = `${base.value}healthz`;
  const timeoutMs = options.timeoutMs ?? 3_000;
  try {
    const response = await (options.fetch ?? fetch)(url, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    if (response.status === 200) return 0;
    write(`Not healthy: ${url} answered ${response.status} ${body}`);
    return 1;
  } catch (error) {
    const cause = error instanceof DOMException && error.name === "TimeoutError"
      ? `no answer within ${timeoutMs} ms`
      : error instanceof Error
      ? error.message
      : String(error);
    write(`Not healthy: ${url}: ${cause}`);
    return 1;
  }
}
