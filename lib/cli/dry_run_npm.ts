/**
 * A dry-run NPM for `envoynpm plan`: reads go to the real NPM, writes are
 * answered here as NPM would answer them and never sent (a certificate
 * request is answered as if Let's Encrypt had said yes, with id 0). The reconciler runs
 * unchanged on top of it, so `plan` shows exactly what `run` would do.
 *
 * @module
 */
import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import type { ProxyHost } from "../model/mod.ts";
import { type NpmApi, type NpmError, parseOwnerMeta } from "../npm/mod.ts";

/** Wraps `npm` so that no write reaches it; each simulated write returns the row NPM would. */
export function dryRunNpm(npm: NpmApi): NpmApi {
  const hosts = new Map<number, ProxyHost>();
  let nextId = 1;
  const remember = (host: ProxyHost) => {
    hosts.set(host.id, host);
    nextId = Math.max(nextId, host.id + 1);
    return host;
  };
  return {
    status: () => npm.status(),
    login: () => npm.login(),
    listOtherHostDomains: () => npm.listOtherHostDomains(),
    listProxyHosts: () =>
      npm.listProxyHosts().map((listed) => {
        hosts.clear();
        listed.forEach(remember);
        return listed;
      }),
    createProxyHost: ({ meta, ...fields }) =>
      okAsync(remember({
        ...fields,
        id: nextId,
        enabled: true,
        meta: { ...meta },
        owner: parseOwnerMeta(meta),
      })),
    updateProxyHost: (id, { enabled, meta, ...changes }) => {
      const before = hosts.get(id);
      if (before === undefined) return errAsync(notFound(id));
      return okAsync(remember({
        ...before,
        ...changes,
        enabled: enabled ?? before.enabled,
        meta: meta === undefined ? before.meta : { ...meta },
        owner: meta === undefined ? before.owner : parseOwnerMeta(meta),
      }));
    },
    enableProxyHost: (id) => toggle(id, true),
    disableProxyHost: (id) => toggle(id, false),
    listCertificates: () => npm.listCertificates(),
    deleteProxyHost: (id) => {
      hosts.delete(id);
      return okAsync(undefined);
    },
    listAccessLists: () => npm.listAccessLists(),
    // What Let's Encrypt would give: a certificate for these names, for 90 days.
    requestCertificate: (domains) =>
      okAsync({
        id: 0,
        niceName: domains.join(", "),
        domainNames: [...domains],
        expiresAt: Date.now() + 90 * 24 * 3_600_000,
        provider: "letsencrypt",
      }),
  };

  function toggle(id: number, enabled: boolean): ResultAsync<void, NpmError> {
    const before = hosts.get(id);
    if (before === undefined) return errAsync(notFound(id));
    remember({ ...before, enabled });
    return okAsync(undefined);
  }
}

function notFound(id: number): NpmError {
  return { kind: "npm_not_found", url: `(dry run) proxy host #${id}`, message: "Not Found" };
}
