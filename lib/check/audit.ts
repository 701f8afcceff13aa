/**
 * The audit of `envoynpm check`: NPM's proxy hosts and streams, hand-made ones
 * included, searched for upstreams named by host name where nginx resolves
 * them at start-up (custom locations, streams, `*_pass` in advanced config).
 * When such a name does not resolve, NPM's nginx does not start at all: the
 * most reported way NPM breaks. Pure: NPM's JSON in, findings out.
 *
 * @module
 */
import { z } from "zod";

/** Where an upstream name was found. */
export type FindingPlace =
  /** `locations[].forward_host` of a proxy host. */
  | "location"
  /** A `proxy_pass` (or `grpc_pass`, `fastcgi_pass`, …) in an `advanced_config`. */
  | "advanced_config"
  /** `forwarding_host` of a stream. */
  | "stream";

/** One upstream named by host name where nginx resolves it at start-up. */
export interface UpstreamFinding {
  readonly place: FindingPlace;
  /** `proxy-host` or `stream`. */
  readonly object: "proxy-host" | "stream";
  readonly id: number;
  /** The host's first domain, or `port N` for a stream. */
  readonly label: string;
  /** The host name found, e.g. `jellyfin`. */
  readonly upstream: string;
  /** The location path, when the name is in a custom location. */
  readonly path?: string;
  /** Whether the host or stream is enabled (a disabled one matters once enabled). */
  readonly enabled: boolean;
}

const text = z.string().nullable().optional().catch(undefined);

const locationSchema = z.looseObject({
  path: text,
  forward_host: text,
  advanced_config: text,
});

const proxyHostSchema = z.looseObject({
  id: z.number(),
  domain_names: z.array(z.string()).catch([]),
  enabled: z.union([z.boolean(), z.number()]).catch(true),
  advanced_config: text,
  locations: z.array(z.unknown()).nullable().optional().catch(undefined),
});

const streamSchema = z.looseObject({
  id: z.number(),
  incoming_port: z.number().optional().catch(undefined),
  forwarding_host: text,
  enabled: z.union([z.boolean(), z.number()]).catch(true),
});

const PASS = /\b(?:proxy|grpc|fastcgi|uwsgi|scgi)_pass\s+(?:[a-z][a-z0-9+.-]*:\/\/)?([^\s;/]+)/gi;
const UPSTREAM_BLOCK = /\bupstream\s+([^\s{]+)\s*\{/gi;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** Audits NPM's rows (`GET /api/nginx/proxy-hosts` and `/streams`); rows it cannot read are skipped. */
export function auditUpstreams(
  rows: { readonly proxyHosts: readonly unknown[]; readonly streams: readonly unknown[] },
): UpstreamFinding[] {
  return [
    ...rows.proxyHosts.flatMap(auditProxyHost),
    ...rows.streams.flatMap(auditStream),
  ];
}

function auditProxyHost(row: unknown): UpstreamFinding[] {
  const parsed = proxyHostSchema.safeParse(row);
  if (!parsed.success) return [];
  const host = parsed.data;
  const base = {
    object: "proxy-host" as const,
    id: host.id,
    label: host.domain_names[0] ?? `#${host.id}`,
    enabled: Boolean(host.enabled),
  };
  const locations = (host.locations ?? []).flatMap((item) => {
    const location = locationSchema.safeParse(item);
    return location.success ? [location.data] : [];
  });
  return [
    ...passNames(host.advanced_config).map((upstream) => ({
      ...base,
      place: "advanced_config" as const,
      upstream,
    })),
    ...locations.flatMap((location) => {
      const path = location.path ?? "";
      const forward = upstreamName(location.forward_host ?? "");
      return [
        ...(forward === undefined ? [] : [forward]).map((upstream) => ({
          ...base,
          place: "location" as const,
          upstream,
          path,
        })),
        ...passNames(location.advanced_config).map((upstream) => ({
          ...base,
          place: "advanced_config" as const,
          upstream,
          path,
        })),
      ];
    }),
  ];
}

function auditStream(row: unknown): UpstreamFinding[] {
  const parsed = streamSchema.safeParse(row);
  if (!parsed.success) return [];
  const stream = parsed.data;
  const upstream = upstreamName(stream.forwarding_host ?? "");
  if (upstream === undefined) return [];
  return [{
    place: "stream",
    object: "stream",
    id: stream.id,
    label: stream.incoming_port === undefined ? `#${stream.id}` : `port ${stream.incoming_port}`,
    upstream,
    enabled: Boolean(stream.enabled),
  }];
}

/** The host names `*_pass` directives name in a piece of nginx config, comments and `upstream` blocks aside. */
function passNames(config: string | null | undefined): string[] {
  if (!config) return [];
  const code = config.split("\n").map((line) => line.replace(/#.*$/, "")).join("\n");
  const blocks = new Set([...code.matchAll(UPSTREAM_BLOCK)].map((match) => match[1]));
  const names = [...code.matchAll(PASS)].flatMap((match) => {
    const name = upstreamName(match[1]);
    return name === undefined || blocks.has(name) ? [] : [name];
  });
  return [...new Set(names)];
}

/**
 * The host name in an upstream (`name`, `name:8080`, `name/path`), or
 * `undefined` when it is an IP address, `localhost`, a variable, a unix
 * socket or empty: those need no DNS at start-up.
 */
export function upstreamName(upstream: string): string | undefined {
  const trimmed = upstream.trim();
  if (trimmed === "" || trimmed.includes("$") || /^unix:/i.test(trimmed)) return undefined;
  const hostPart = trimmed.split("/")[0];
  if (hostPart.startsWith("[") || hostPart.split(":").length > 2) return undefined;
  const host = hostPart.split(":")[0].replace(/\.$/, "").toLowerCase();
  if (host === "" || IPV4.test(host) || host === "localhost") return undefined;
  return host;
}

/** One warning line for a finding, naming the object, the upstream and what to do. */
export function describeFinding(finding: UpstreamFinding): string {
  const what = finding.object === "stream"
    ? `stream #${finding.id} (${finding.label}) forwards`
    : `proxy host #${finding.id} (${finding.label}): ${
      finding.place === "location"
        ? `custom location ${finding.path || "/"} forwards`
        : `advanced config${finding.path ? ` of location ${finding.path}` : ""} passes`
    }`;
  const state = finding.enabled ? "" : " (disabled now; it matters once enabled)";
  return `${what} to "${finding.upstream}" by host name${state}. nginx resolves such names ` +
    `when it starts and NPM's nginx will not start if "${finding.upstream}" does not resolve: ` +
    `use an IP address, or make sure the name resolves inside NPM's container ` +
    `(e.g. put NPM and that container on one Docker network)`;
}
