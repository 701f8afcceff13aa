/**
 * Reads NPM's state for one reconcile: its hosts, the domains of its other host kinds, its
 * certificates and access lists (ids and names), and its version (which gates fields older
 * releases refuse).
 *
 * @module
 */
import type { NpmSnapshot } from "../model/mod.ts";
import type { NpmApi, NpmError } from "../npm/types.ts";
import { err, ok, type Result } from "neverthrow";

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
  // Without NPM's version, fields of newer releases would come and go between reads.
  if (status.isErr()) return err(status.error);
  return ok({
    proxyHosts: proxyHosts.value,
    otherHostDomains: otherHostDomains.value,
    certificates: certificates.value,
    accessLists: accessLists.value,
    npmVersion: status.value.version,
  });
}
