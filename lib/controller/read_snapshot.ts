/**
 * Reads NPM's state for one reconcile: its hosts, the domains of its other host kinds, its
 * certificates and access lists (ids and names), and its version (which gates fields older
 * releases refuse).
 *
 * @module
 */
import type { NpmSnapshot } from "../model/mod.ts";
import type { NpmApi, NpmError } from "../npm/types.ts";
import type { Result } from "neverthrow";
import { err, ok } from "neverthrow";

/** One snapshot of NPM, or the first read that failed. */
export async function readSnapshot(npm: NpmApi): Promise<Result<NpmSnapshot, NpmError>> {
  const [proxyHosts, otherHostDomains, certificates, accessLists, status] = await Promise.all([
    npm.listProxyHosts(),
    npm.listOtherHostDomains(),
    npm.listCertificates(),
    npm.listAccessLists(),
    npm.status(),
  ]);
  if (proxyHosts.isErr()) return err(proxyHosts.error);
  if (otherHostDomains.isErr()) return err(otherHostDomains.error);
  if (certificates.isErr()) return err(certificates.error);
  if (accessLists.isErr()) return err(accessLists.error);
  return ok({
    proxyHosts: proxyHosts.value,
    otherHostDomains: otherHostDomains.value,
    certificates: certificates.value,
    accessLists: accessLists.value,
    // Unknown when NPM did not say: fields of newer releases are then not sent.
    ...(status.isOk() ? { npmVersion: status.value.version } : {}),
  });
}
