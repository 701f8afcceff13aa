/**
 * Which of NPM's certificates a host gets: the one its container names, or
 * one that covers every domain of the host (the exact name, or a wildcard
 * `*.example.com` covering one label), not expired, the one that expires
 * last. When none fits, the host serves HTTP only and says why, or asks
 * Let's Encrypt for one (through NPM) when the container allows it.
 *
 * @module
 */
import type { Certificate, DesiredHost, HostFields, TlsField } from "../model/mod.ts";

/** What a host does about HTTPS. */
export type TlsDecision =
  /** The container does not ask for HTTPS. */
  | { readonly kind: "http" }
  /** Serve with this certificate (`warning` when the container named one that does not fit). */
  | { readonly kind: "certificate"; readonly certificate: Certificate; readonly warning?: string }
  /** None fits: ask Let's Encrypt for one, once the plain host serves. */
  | { readonly kind: "request" }
  /** None fits and none is asked for now: HTTP only, and why. */
  | { readonly kind: "http_only"; readonly reason: string }
  /** The container names a certificate NPM does not have: the host is left as it is. */
  | { readonly kind: "unknown"; readonly reason: string };

/** What the choice looks at besides the container's wish. */
export interface CertificateOptions {
  readonly certificates: readonly Certificate[];
  /** Epoch milliseconds. */
  readonly now: number;
  /** Why a Let's Encrypt request for these names must wait (it failed recently); else undefined. */
  readonly requestBlocked?: (domains: readonly string[]) => string | undefined;
}

/** Decides what `desired` does about HTTPS. */
export function decideTls(desired: DesiredHost, options: CertificateOptions): TlsDecision {
  const { tls } = desired;
  if (tls === undefined) return { kind: "http" };
  const domains = desired.fields.domain_names;
  const valid = (certificate: Certificate) => !(certificate.expiresAt <= options.now);
  if (tls.certificate !== undefined) {
    const wanted = tls.certificate;
    const named = options.certificates.find((certificate) =>
      "id" in wanted ? certificate.id === wanted.id : certificate.niceName === wanted.name
    );
    const label = "id" in wanted ? `#${wanted.id}` : `"${wanted.name}"`;
    if (named === undefined) {
      return {
        kind: "unknown",
        reason: `NPM has no certificate ${label} (NPM_CERTIFICATE), so the host of ` +
          `${desired.domain} is left as it is: name one of NPM's certificates`,
      };
    }
    const gaps = [
      ...(valid(named) ? [] : ["has expired"]),
      ...(domains.every((domain) => covers(named, domain))
        ? []
        : [`does not cover ${domains.join(", ")}`]),
    ];
    return gaps.length === 0 ? { kind: "certificate", certificate: named } : {
      kind: "certificate",
      certificate: named,
      warning: `Certificate ${label} named by NPM_CERTIFICATE ${gaps.join(" and ")}; ` +
        "it is used as asked, but browsers will warn",
    };
  }
  const fitting = options.certificates
    .filter((certificate) => valid(certificate))
    .filter((certificate) => domains.every((domain) => covers(certificate, domain)))
    .sort((a, b) => (b.expiresAt - a.expiresAt) || (a.id - b.id));
  if (fitting.length > 0) return { kind: "certificate", certificate: fitting[0] };
  if (!tls.request) {
    return {
      kind: "http_only",
      reason: `No valid certificate of NPM covers ${domains.join(", ")}, so it is served over ` +
        "HTTP only: add one in NPM, or set NPM_SSL_REQUEST=true to ask Let's Encrypt",
    };
  }
  const blocked = options.requestBlocked?.(domains);
  return blocked === undefined ? { kind: "request" } : { kind: "http_only", reason: blocked };
}

/** The HTTPS fields of a host that gets `certificate`, as the container asked for them. */
export function withCertificate(
  desired: DesiredHost,
  certificate: Certificate,
): HostFields {
  const tls = desired.tls;
  const forced = tls?.forced ?? true;
  // As NPM stores them: HSTS only with forced SSL, HSTS for subdomains only with HSTS.
  const hsts = forced && (tls?.hsts ?? false);
  const flags: Pick<HostFields, TlsField> = {
    certificate_id: certificate.id,
    ssl_forced: forced,
    http2_support: tls?.http2 ?? true,
    hsts_enabled: hsts,
    hsts_subdomains: hsts && (tls?.hstsSubdomains ?? false),
  };
  return { ...desired.fields, ...flags };
}

/** Whether `certificate` covers `domain`: the same name, or a wildcard one label up. */
export function covers(certificate: Certificate, domain: string): boolean {
  const name = domain.toLowerCase();
  return certificate.domainNames.some((covered) =>
    covered === name ||
    (covered.startsWith("*.") && name.includes(".") &&
      name.slice(name.indexOf(".") + 1) === covered.slice(2))
  );
}
