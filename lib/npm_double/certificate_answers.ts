/**
 * How NPM 2.15.1 words certificate errors. Its error handler adds a `debug`
 * object to every error answer under `nginx/certificates`: the error's stack
 * split in lines (its errors name themselves "Error" and capture no frames) and
 * the error it wraps. A failed certbot run is a 500 "Internal Error" whose
 * stack carries certbot's output and whose `previous` is node's exec error.
 *
 * @module
 */
import { errorReply, type Reply } from "./types.ts";

/** The hosts and streams that use one certificate, by NPM's expansion names. */
export interface Relations {
  proxy_hosts: unknown[];
  redirection_hosts: unknown[];
  dead_hosts: unknown[];
  streams: unknown[];
}

/** NPM's `debug` of an error answer. */
export interface ErrorDebug {
  stack: string[];
  previous?: unknown;
}

/** An error answer of the certificate endpoints, with NPM's `debug`. */
export function certError(status: number, message: string, debug?: ErrorDebug): Reply {
  const reply = errorReply(status, message);
  const stack = debug?.stack ?? `Error: ${message}`.split("\n");
  (reply.body as Record<string, unknown>).debug = { ...debug, stack };
  return reply;
}

/** Adds NPM's `debug` to an error answer made elsewhere (token, body checks) on these paths. */
export function withDebug(reply: Reply): Reply {
  const body = reply.body as { error?: unknown; debug?: unknown } | null;
  if (typeof body?.error !== "object" || body.error === null || body.debug) return reply;
  const { message } = body.error as { message: string };
  return certError(reply.status, message);
}

/** `certbot`'s summary of a domain list. */
function summary(domains: readonly string[]): string {
  if (domains.length <= 2) return domains.join(" and ");
  return `${domains[0]} and ${domains.length - 1} more domains`;
}

/** NPM's answer when certbot fails: 500, certbot's output in `debug.stack`, the command in `previous`. */
export function certbotFailure(
  row: { id: number; domain_names: readonly string[] },
  email: string,
): Reply {
  const logs = "/data/logs";
  const problems = row.domain_names.flatMap((domain) => [
    `  Domain: ${domain}`,
    "  Type:   dns",
    `  Detail: DNS problem: NXDOMAIN looking up A for ${domain} - check that a DNS record exists for this domain`,
    "",
  ]);
  const output = [
    `Saving debug log to ${logs}/letsencrypt.log`,
    `Requesting a certificate for ${summary(row.domain_names)}`,
    "",
    "Certbot failed to authenticate some domains (authenticator: webroot). " +
    "The Certificate Authority reported these problems:",
    ...problems,
    "Hint: The Certificate Authority failed to download the temporary challenge files created " +
    "by Certbot. Ensure that the listed domains serve their content from the provided " +
    "--webroot-path/-w and that files created there can be downloaded from the internet.",
    "",
    "Some challenges have failed.",
    "Ask for help or search for solutions at https://community.letsencrypt.org. " +
    `See the logfile ${logs}/letsencrypt.log or re-run Certbot with -v for more details.`,
    "",
  ];
  const cmd = [
    "certbot certonly -n --config /etc/letsencrypt.ini --work-dir /tmp/letsencrypt-lib",
    `--logs-dir ${logs} --cert-name npm-${row.id} --agree-tos --authenticator webroot`,
    `-m ${email} --preferred-challenges http --domains ${row.domain_names.join(",")}`,
  ].join(" ");
  return certError(500, "Internal Error", {
    stack: `Error: ${output.join("\n")}`.split("\n"),
    previous: { code: 1, killed: false, signal: null, cmd },
  });
}

/**
 * The files of a multipart upload as express-fileupload gives them to NPM
 * (only file parts; text fields are not files). `null` when there are none:
 * NPM then answers 400 `{"error":"No files were uploaded"}`.
 */
export async function readFiles(request: Request): Promise<Record<string, string> | null> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("multipart/form-data")) {
    await request.body?.cancel();
    return null;
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return null;
  }
  const files: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") files[name] = await value.text();
  }
  return Object.keys(files).length > 0 ? files : null;
}

/** NPM's answer to an upload without files (sent before the error handler, so no `debug`). */
export const NO_FILES: Reply = { status: 400, body: { error: "No files were uploaded" } };
