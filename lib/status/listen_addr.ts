/**
 * `HTTP_ADDR` as `[host]:port`: `:8787` is every interface, `[::1]:8787` an
 * IPv6 host, port 0 any free port.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { StatusError } from "./types.ts";

/** The host (empty for every interface) and port of an address. */
export interface ListenAddr {
  readonly hostname: string;
  readonly port: number;
}

/** Splits `[host]:port`; an error names `HTTP_ADDR`. */
export function parseAddr(addr: string): Result<ListenAddr, StatusError> {
  const match = /^(.*):(\d{1,5})$/.exec(addr.trim());
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || port > 65535) {
    return err({
      kind: "invalid_addr",
      addr,
      message: `HTTP_ADDR "${addr}" must be [host]:port, e.g. ":8787" or "127.0.0.1:8787"`,
    });
  }
  const host = match[1];
  const hostname = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return ok({ hostname, port });
}

const WILDCARD_HOSTS = ["", "0.0.0.0", "::", "localhost"];

/** The base URL this machine reaches a server listening on `addr` at, e.g. `http://127.0.0.1:8787/`. */
export function localUrl(addr: string): Result<string, StatusError> {
  return parseAddr(addr).map(({ hostname, port }) => {
    const host = WILDCARD_HOSTS.includes(hostname)
      ? "127.0.0.1"
      : hostname.includes(":")
      ? `[${hostname}]`
      : hostname;
    return `http://${host}:${port}/`;
  });
}
