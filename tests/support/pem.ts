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

/** Makes a self-signed RSA certificate for `cn` (with SANs `cn` and `*.cn`), valid `days`. */
export async function selfSigned(cn: string, options: { days?: number } = {}): Promise<Pem> {
  const dir = await Deno.makeTempDir();
  try {
    const output = await new Deno.Command("openssl", {
      args: [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        `${dir}/k.pem`,
        "-out",
        `${dir}/c.pem`,
        "-days",
        String(options.days ?? 30),
        "-subj",
        `/CN=${cn}`,
        "-addext",
        `subjectAltName=DNS:${cn},DNS:*.${cn}`,
      ],
      stdout: "null",
      stderr: "piped",
    }).output();
    if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
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
