/**
 * NPM's certificates as EnvoyNPM sees them: what they cover and until when.
 * Never their PEM or private key, which NPM's list carries in `meta`: the
 * NPM edge drops those before anything else sees a certificate.
 *
 * @module
 */

/** One of NPM's certificates. */
export interface Certificate {
  readonly id: number;
  /** The name NPM shows (`nice_name`). */
  readonly niceName: string;
  /** The names it covers, lower-case; `*.example.com` covers one label. */
  readonly domainNames: readonly string[];
  /** When it expires, in epoch milliseconds; `NaN` when NPM did not say. */
  readonly expiresAt: number;
  /** `letsencrypt` or `other`. */
  readonly provider: string;
}
