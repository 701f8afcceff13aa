/**
 * PEM files made with the system `openssl` for tests of the double's
 * certificates, and a multipart upload as NPM's UI sends it.
 *
 * @module
 */
import type { NpmDouble } from "../../lib/npm_double/mod.ts";

/** A self-signed certificate and its key. */
export interface Pem {
  certificate: string;
  key: string;
}

async function run(args: string[], cwd: string): Promise<void> {
  const output = await new Deno.Command("openssl", { args, cwd, stdout: "null", stderr: "piped" })
    .output();
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
}

/** `openssl ca`'s least configuration, to sign with chosen (past) dates. */
const CA_CONFIG = "[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\n" +
  "serial = serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n";

/**
 * Makes a self-signed RSA certificate for `cn` (with SANs `cn` and `*.cn`), valid `days`;
 * `subject` replaces `/CN=<cn>`; `expired` makes one that ran out in 2020.
 */
export async function selfSigned(
  cn: string,
  options: { days?: number; subject?: string; expired?: boolean } = {},
): Promise<Pem> {
  const dir = await Deno.makeTempDir();
  try {
    const subject = options.subject ?? `/CN=${cn}`;
    const key = ["-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem", "-subj", subject];
    if (options.expired) {
      await Deno.writeTextFile(`${dir}/ca.cnf`, CA_CONFIG);
      await Deno.writeTextFile(`${dir}/index.txt`, "");
      await run(["req", "-new", ...key, "-out", "r.csr"], dir);
      await run([
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-selfsign",
        "-keyfile",
        "k.pem",
        "-in",
        "r.csr",
        "-out",
        "c.pem",
        "-startdate",
        "20200101000000Z",
        "-enddate",
        "20200201000000Z",
        "-create_serial",
      ], dir);
    } else {
      const san = `subjectAltName=DNS:${cn},DNS:*.${cn}`;
      const days = String(options.days ?? 30);
      await run(["req", "-x509", ...key, "-out", "c.pem", "-days", days, "-addext", san], dir);
    }
    return {
      certificate: await Deno.readTextFile(`${dir}/c.pem`),
      key: await Deno.readTextFile(`${dir}/k.pem`),
    };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** `POST /api/nginx/certificates/{id}/upload` with these files (and `fields` as text parts). */
export async function upload(
  npm: NpmDouble,
  id: number,
  options: { token: string; files: Record<string, string>; fields?: Record<string, string> },
): Promise<{ status: number; body: unknown }> {
  const form = new FormData();
  for (const [name, text] of Object.entries(options.files)) {
    form.append(name, new Blob([text], { type: "application/x-pem-file" }), `${name}.pem`);
  }
  for (const [name, text] of Object.entries(options.fields ?? {})) form.append(name, text);
  const response = await fetch(`${npm.url}/api/nginx/certificates/${id}/upload`, {
    method: "POST",
    headers: { authorization: `Bearer ${options.token}` },
    body: form,
  });
  return { status: response.status, body: await response.json() };
}
