/**
 * A container's HTTPS settings → what it asks of certificates. Which
 * certificate it gets depends on NPM's certificates, so that choice is the
 * plan's (lib/plan/certificate.ts); here only the wish is read and checked.
 *
 * | setting | meaning | default |
 * | --- | --- | --- |
 * | `NPM_SSL` | serve HTTPS with a certificate that covers the domain | `false` |
 * | `NPM_CERTIFICATE` | this certificate (NPM id or name); implies `NPM_SSL` | chosen by domain |
 * | `NPM_SSL_REQUEST` | ask Let's Encrypt (through NPM) when none fits; implies `NPM_SSL` | `false` |
 * | `NPM_SSL_EMAIL` | the Let's Encrypt account email | NPM's login email |
 * | `NPM_SSL_FORCED` | redirect HTTP to HTTPS | `true` |
 * | `NPM_HTTP2` | HTTP/2 | `true` |
 * | `NPM_ENABLE_HSTS` | HSTS | `false` |
 * | `NPM_HSTS_SUBDOMAINS` | HSTS for subdomains too | `false` |
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { Container, SettingProblem, TlsRequest } from "../model/mod.ts";
import { checkBare, problem } from "./setting_problem.ts";
import { parseBoolean } from "./parse_values.ts";
import { readSetting, type SettingName, settingReader, type SettingValue } from "./settings.ts";

/** What the HTTPS settings ask for, and what is wrong with them. */
export interface TlsSettings {
  /** Absent when the container does not ask for HTTPS. */
  readonly tls?: TlsRequest;
  readonly problems: readonly SettingProblem[];
  readonly warnings: readonly SettingProblem[];
}

/** The switches that only mean something with a certificate. */
const WITH_CERTIFICATE: readonly SettingName[] = [
  "NPM_SSL_FORCED",
  "NPM_HTTP2",
  "NPM_ENABLE_HSTS",
  "NPM_HSTS_SUBDOMAINS",
  "NPM_SSL_EMAIL",
];

/** Reads `NPM_SSL` and its companions (env first, then labels). */
export function tlsSettings(container: Container): TlsSettings {
  const problems: SettingProblem[] = [];
  const warnings: SettingProblem[] = [];
  const read = settingReader(container, problems);
  const ssl = read("NPM_SSL", parseBoolean);
  const certificate = read("NPM_CERTIFICATE", parseCertificate);
  const request = read("NPM_SSL_REQUEST", parseBoolean) ?? false;
  const email = read("NPM_SSL_EMAIL", parseEmail);
  const forced = read("NPM_SSL_FORCED", parseBoolean) ?? true;
  const http2 = read("NPM_HTTP2", parseBoolean) ?? true;
  const hsts = read("NPM_ENABLE_HSTS", parseBoolean) ?? false;
  const hstsSubdomains = read("NPM_HSTS_SUBDOMAINS", parseBoolean) ?? false;
  const dnsProvider = readSetting(container, "NPM_SSL_DNS_PROVIDER");
  if (dnsProvider !== undefined) {
    warnings.push({
      variable: "NPM_SSL_DNS_PROVIDER",
      reason: `${dnsProvider.subject} is not supported yet: EnvoyNPM requests certificates ` +
        "with the HTTP-01 challenge only (port 80 must reach NPM); make a DNS certificate in " +
        "NPM by hand and name it in NPM_CERTIFICATE",
    });
  }
  if (problems.length > 0) return { problems, warnings };
  const wanted = ssl ?? (certificate !== undefined || request);
  if (ssl === false && (certificate !== undefined || request)) {
    warnings.push({
      variable: "NPM_SSL",
      reason: "NPM_SSL is false, so NPM_CERTIFICATE and NPM_SSL_REQUEST are ignored: " +
        "remove them, or set NPM_SSL=true",
    });
  }
  if (!wanted) {
    const stray = WITH_CERTIFICATE.filter((name) => readSetting(container, name) !== undefined);
    if (stray.length > 0) {
      warnings.push({
        variable: stray[0],
        reason: `${stray.join(", ")} only apply to a host with a certificate, and this one ` +
          "serves HTTP only: set NPM_SSL=true, or remove them",
      });
    }
    return { problems, warnings };
  }
  const tls: TlsRequest = {
    ...(certificate === undefined ? {} : { certificate }),
    request,
    ...(email === undefined ? {} : { email }),
    forced,
    http2,
    hsts: hsts && forced,
    hstsSubdomains: hsts && forced && hstsSubdomains,
  };
  if (hsts && !forced) {
    warnings.push({
      variable: "NPM_ENABLE_HSTS",
      reason: "NPM_ENABLE_HSTS needs NPM_SSL_FORCED=true (NPM sends HSTS only with forced " +
        "HTTPS), so it is ignored",
    });
  }
  if (hstsSubdomains && !hsts) {
    warnings.push({
      variable: "NPM_HSTS_SUBDOMAINS",
      reason: "NPM_HSTS_SUBDOMAINS needs NPM_ENABLE_HSTS=true, so it is ignored",
    });
  }
  return { tls, problems, warnings };
}

/** `NPM_CERTIFICATE`: NPM's certificate id (a whole number) or its name. */
function parseCertificate(
  setting: SettingValue,
): Result<{ readonly id: number } | { readonly name: string }, SettingProblem> {
  return checkBare(setting, "name a certificate of NPM by its id or its name").map((value) =>
    /^[1-9][0-9]{0,9}$/.test(value) ? { id: Number(value) } : { name: value }
  );
}

/** `NPM_SSL_EMAIL`: an email address. */
function parseEmail(setting: SettingValue): Result<string, SettingProblem> {
  return checkBare(setting, "set the email Let's Encrypt should know, or remove it").andThen(
    (value) =>
      /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
        ? ok(value)
        : err(problem(setting, "is not an email address: e.g. admin@example.com")),
  );
}
