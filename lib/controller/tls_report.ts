/**
 * What a container's host does about HTTPS after a reconcile, for the
 * status page and `plan` (its certificate, or why it serves HTTP only), and
 * the warning to give when it does not get HTTPS as asked.
 *
 * @module
 */
import type { DesiredHost } from "../model/mod.ts";
import { type CertificateOptions, decideTls } from "../plan/mod.ts";
import { containerWarning } from "./problems.ts";
import type { Problem, TlsView } from "./reports.ts";

/** The HTTPS view of `desired`'s host (none when it does not ask for HTTPS), and its warnings. */
export function tlsReport(
  desired: DesiredHost,
  options: CertificateOptions,
): { readonly view?: TlsView; readonly problems: readonly Problem[] } {
  const decision = decideTls(desired, options);
  const subject = { id: desired.containerId, name: desired.containerName, domain: desired.domain };
  switch (decision.kind) {
    case "http":
      return { problems: [] };
    case "certificate": {
      const { id, niceName, expiresAt } = decision.certificate;
      const view = {
        certificate: {
          id,
          name: niceName,
          expiresAt: Number.isNaN(expiresAt) ? null : new Date(expiresAt).toISOString(),
        },
      };
      return {
        view,
        problems: decision.warning
          ? [containerWarning(subject, { code: "certificate", reason: decision.warning })]
          : [],
      };
    }
    case "request":
      // Not asked yet: the plain host must serve first (it is skipped, or a write failed).
      return {
        view: { httpOnly: "a Let's Encrypt certificate is asked for once the host serves" },
        problems: [],
      };
    case "http_only":
    case "unknown":
      return {
        view: { httpOnly: decision.reason },
        problems: [containerWarning(subject, { code: "certificate", reason: decision.reason })],
      };
  }
}

/** A host's HTTPS in words: `certificate "x" (#3), expires 2025-04-02`, or `HTTP only: why`. */
export function describeTls(tls: TlsView): string {
  if ("httpOnly" in tls) return `HTTP only: ${tls.httpOnly}`;
  const { id, name, expiresAt } = tls.certificate;
  return `certificate "${name}" (#${id})${expiresAt ? `, expires ${expiresAt.slice(0, 10)}` : ""}`;
}
