/**
 * What NPM 2.15.1 reads from uploaded PEM files, read the way it reads them:
 * the system `openssl` binary on a temporary file, its output parsed with
 * NPM's own patterns (the CN is the first `=` value of the subject; dates are
 * the certificate's GMT wall clock read as local time, as moment does).
 *
 * @module
 */

/** NPM's `getCertificateInfo` answer. */
export interface CertificateInfo {
  cn?: string;
  issuer?: string;
  dates: { from: number; to: number };
}

/** The outcome of one check: the value, or NPM's 400 message. */
export type PemChecked<T> = { ok: true; value: T } | { ok: false; message: string };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

async function openssl(args: string[]): Promise<{ ok: boolean; out: string; err: string }> {
  const output = await new Deno.Command("openssl", { args, stdout: "piped", stderr: "piped" })
    .output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  return { ok: output.success, out: decode(output.stdout), err: decode(output.stderr) };
}

async function withTempFile<T>(content: string, fn: (path: string) => Promise<T>): Promise<T> {
  const path = await Deno.makeTempFile();
  try {
    await Deno.writeTextFile(path, content);
    return await fn(path);
  } finally {
    await Deno.remove(path).catch(() => {});
  }
}

/** `notBefore=Jul  4 04:04:29 2018 GMT` as moment reads it with NPM's format: local time. */
function momentSeconds(text: string): number | null {
  const m = /^(\w{3})\s+(\d{1,2}) (\d\d):(\d\d):(\d\d) (\d{4})/.exec(text.trim());
  if (!m || !MONTHS.includes(m[1])) return null;
  const [h, min, s] = [m[3], m[4], m[5]].map(Number);
  const date = new Date(Number(m[6]), MONTHS.indexOf(m[1]), Number(m[2]), h, min, s);
  return Math.floor(date.getTime() / 1000);
}

/** NPM's `getCertificateInfo(pem, true)`: CN, issuer and dates, or "Certificate is not valid (…)". */
export function certificateInfo(pem: string): Promise<PemChecked<CertificateInfo>> {
  return withTempFile(pem, async (path) => {
    const fail = (why: string) => ({
      ok: false as const,
      message: `Certificate is not valid (${why})`,
    });
    const subject = await openssl(["x509", "-in", path, "-subject", "-noout"]);
    if (!subject.ok) return fail(subject.err);
    const info: Partial<CertificateInfo> = {};
    const cn = /(?:subject=)?[^=]+=\s*(\S+)/im.exec(subject.out.trim());
    if (cn) info.cn = cn[1].trim();
    const issuer = await openssl(["x509", "-in", path, "-issuer", "-noout"]);
    if (!issuer.ok) return fail(issuer.err);
    const issuerMatch = /^(?:issuer=)?(.*)$/im.exec(issuer.out.trim());
    if (issuerMatch) info.issuer = issuerMatch[1];
    const dates = await openssl(["x509", "-in", path, "-dates", "-noout"]);
    if (!dates.ok) return fail(dates.err);
    let from: number | null = null;
    let to: number | null = null;
    for (const line of dates.out.trim().split("\n")) {
      const m = /^(\S+)=(.*)$/i.exec(line.trim());
      if (!m) continue;
      if (m[1].toLowerCase() === "notbefore") from = momentSeconds(m[2]);
      if (m[1].toLowerCase() === "notafter") to = momentSeconds(m[2]);
    }
    if (!from || !to) {
      return fail(`Could not determine dates from certificate: ${subject.out.trim()}`);
    }
    if (to < Math.floor(Date.now() / 1000)) return fail("Certificate has expired");
    return { ok: true as const, value: { ...info, dates: { from, to } } };
  });
}

/**
 * NPM's `checkPrivateKey`: `openssl pkey -check` with stderr folded into stdout, so a key
 * openssl cannot read fails with an empty reason: "Certificate Key is not valid ()".
 */
export function checkPrivateKey(pem: string): Promise<PemChecked<true>> {
  return withTempFile(pem, async (path) => {
    const result = await openssl(["pkey", "-in", path, "-check", "-noout"]);
    if (!result.ok) return { ok: false, message: "Certificate Key is not valid ()" };
    const text = result.out + result.err;
    if (!text.toLowerCase().includes("key is valid")) {
      return {
        ok: false,
        message: `Certificate Key is not valid (Result Validation Error: ${text})`,
      };
    }
    return { ok: true, value: true };
  });
}
