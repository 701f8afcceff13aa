/**
 * The certificate audit of `envoynpm check`: enabled proxy hosts whose
 * certificate has expired or expires within 14 days (Let's Encrypt's are
 * renewed by NPM 30 days ahead, so one this close means renewal failed).
 * Pure: NPM's rows and certificates in, findings out.
 *
 * @module
 */
import { z } from "zod";
import type { Certificate } from "../model/mod.ts";

/** How close an expiry must be to be reported, in days. */
export const EXPIRY_WARNING_DAYS = 14;

const DAY_MS = 86_400_000;

/** An enabled proxy host whose certificate expires soon, or has expired. */
export interface ExpiringHost {
  readonly hostId: number;
  /** The host's first domain, or `#id` when it has none. */
  readonly label: string;
  readonly certificate: Certificate;
  /** Whole days left (negative once expired). */
  readonly daysLeft: number;
}

const hostSchema = z.looseObject({
  id: z.number(),
  domain_names: z.array(z.string()).catch([]),
  enabled: z.union([z.boolean(), z.number()]).catch(false),
  certificate_id: z.number().catch(0),
});

/** Enabled hosts whose certificate expires within {@linkcode EXPIRY_WARNING_DAYS} days of `now`. */
export function expiringHosts(
  proxyHosts: readonly unknown[],
  options: { readonly certificates: readonly Certificate[]; readonly now: number },
): ExpiringHost[] {
  const byId = new Map(options.certificates.map((certificate) => [certificate.id, certificate]));
  return proxyHosts.flatMap((row): ExpiringHost[] => {
    const parsed = hostSchema.safeParse(row);
    if (!parsed.success || !parsed.data.enabled) return [];
    const certificate = byId.get(parsed.data.certificate_id);
    if (certificate === undefined || Number.isNaN(certificate.expiresAt)) return [];
    const daysLeft = Math.floor((certificate.expiresAt - options.now) / DAY_MS);
    if (daysLeft >= EXPIRY_WARNING_DAYS) return [];
    const { id, domain_names: domains } = parsed.data;
    return [{ hostId: id, label: domains[0] ?? `#${id}`, certificate, daysLeft }];
  });
}

/** One line for a host whose certificate expires soon. */
export function describeExpiring(host: ExpiringHost): string {
  const { certificate } = host;
  const when = new Date(certificate.expiresAt).toISOString().slice(0, 10);
  const left = host.daysLeft < 0
    ? `expired on ${when}`
    : `expires on ${when} (in ${host.daysLeft} ${host.daysLeft === 1 ? "day" : "days"})`;
  const renew = certificate.provider === "letsencrypt"
    ? "NPM should have renewed it: see NPM's log for certbot's error"
    : "upload a new one in NPM";
  return `proxy host #${host.hostId} (${host.label}) uses certificate "${certificate.niceName}" ` +
    `(#${certificate.id}), which ${left}: ${renew}`;
}
