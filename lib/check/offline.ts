/**
 * The offline audit of `envoynpm check`: enabled proxy hosts nginx does not
 * serve. NPM keeps such a host enabled when nginx refuses its configuration
 * and only says so in `meta.nginx_online: false`, with nginx's text in
 * `meta.nginx_err`. Pure: NPM's JSON in, findings out.
 *
 * @module
 */
import { z } from "zod";
import { oneLine } from "../errors/mod.ts";
import { MANAGER_NAME } from "../model/mod.ts";

/** An enabled proxy host nginx does not serve. */
export interface OfflineHost {
  readonly id: number;
  /** The host's first domain, or `#id` when it has none. */
  readonly label: string;
  /** Whether EnvoyNPM made it (`meta.managed_by`), else it is hand-made. */
  readonly managed: boolean;
  /** nginx's message on one line, or `undefined` when NPM kept none. */
  readonly nginxError?: string;
}

const offlineSchema = z.looseObject({
  id: z.number(),
  domain_names: z.array(z.string()).catch([]),
  enabled: z.union([z.boolean(), z.number()]).catch(false),
  meta: z.record(z.string(), z.unknown()).catch({}),
});

/** NPM's enabled proxy hosts whose `meta.nginx_online` is false (rows it cannot read are skipped). */
export function offlineHosts(proxyHosts: readonly unknown[]): OfflineHost[] {
  return proxyHosts.flatMap((row): OfflineHost[] => {
    const parsed = offlineSchema.safeParse(row);
    if (!parsed.success) return [];
    const { id, domain_names: domains, enabled, meta } = parsed.data;
    if (!enabled || meta.nginx_online !== false) return [];
    const text = typeof meta.nginx_err === "string" ? oneLine(meta.nginx_err) : "";
    return [{
      id,
      label: domains[0] ?? `#${id}`,
      managed: meta.managed_by === MANAGER_NAME,
      ...(text === "" ? {} : { nginxError: text }),
    }];
  });
}

/** One line for an offline host: which host, nginx's message, and where to fix it. */
export function describeOffline(host: OfflineHost): string {
  const whose = host.managed ? "EnvoyNPM's" : "hand-made";
  const fix = host.managed
    ? "Fix the container's NPM_ADVANCED_CONFIG (or what else nginx names)"
    : "Fix the host in NPM (its Advanced tab, or what else nginx names)";
  const said = host.nginxError?.replace(/\.$/, "") ?? "NPM kept no message from nginx";
  return `proxy host #${host.id} (${host.label}, ${whose}) is enabled, but nginx refused its ` +
    `configuration and does not serve it: ${said}. ${fix}`;
}
