/**
 * `envoynpm healthcheck`: for an image's HEALTHCHECK. It reads only
 * `HTTP_ADDR` (default `:8787`, empty = status server off), so it works with
 * the service's whole environment and with nothing but `HTTP_ADDR` alike.
 *
 * @module
 */
import { DEFAULT_HTTP_ADDR } from "../config/mod.ts";
import { runHealthcheck } from "../status/mod.ts";

/** Asks the running service's `/healthz`; resolves 0 when healthy, 1 when not. */
export function runHealthcheckCommand(
  env: Readonly<Record<string, string | undefined>>,
  options: { readonly write?: (line: string) => void } = {},
): Promise<0 | 1> {
  return runHealthcheck({ addr: env.HTTP_ADDR ?? DEFAULT_HTTP_ADDR, write: options.write });
}
