/**
 * A rough `nginx -t` for a host's `advanced_config`: unknown directives and
 * unbalanced braces fail, worded exactly as NPM 2.15.1 stores nginx's answer
 * in `meta.nginx_err`: two lines, each with the `nginx: ` prefix (NPM's image
 * cannot open nginx's error log, so nginx writes to stderr that way), and a
 * trailing newline; the line number counts from where NPM's template puts the
 * advanced config.
 *
 * @module
 */

/** Directives the check accepts: the common ones people put in an advanced config. */
const KNOWN_DIRECTIVES = new Set([
  "add_header",
  "allow",
  "auth_basic",
  "auth_basic_user_file",
  "break",
  "client_body_buffer_size",
  "client_body_timeout",
  "client_max_body_size",
  "default_type",
  "deny",
  "error_page",
  "expires",
  "gzip",
  "gzip_types",
  "if",
  "include",
  "keepalive_timeout",
  "limit_except",
  "limit_rate",
  "location",
  "log_not_found",
  "access_log",
  "error_log",
  "more_set_headers",
  "proxy_buffer_size",
  "proxy_buffering",
  "proxy_buffers",
  "proxy_cache",
  "proxy_connect_timeout",
  "proxy_cookie_path",
  "proxy_hide_header",
  "proxy_http_version",
  "proxy_pass",
  "proxy_read_timeout",
  "proxy_redirect",
  "proxy_request_buffering",
  "proxy_send_timeout",
  "proxy_set_header",
  "proxy_ssl_verify",
  "real_ip_header",
  "resolver",
  "return",
  "rewrite",
  "root",
  "satisfy",
  "send_timeout",
  "set",
  "set_real_ip_from",
  "sub_filter",
  "sub_filter_once",
  "try_files",
  "underscores_in_headers",
  "alias",
  "index",
  "autoindex",
  "charset",
  "etag",
  "internal",
]);

/** Line of a plain HTTP host's config file where NPM's template puts the advanced config (observed). */
const FIRST_LINE = 37;

/** The config file nginx would read for a proxy host. */
function configFile(hostId: number): string {
  return `/data/nginx/proxy_host/${hostId}.conf`;
}

function failure(message: string, hostId: number, line: number): string {
  return `nginx: [emerg] ${message} in ${configFile(hostId)}:${line}\n` +
    "nginx: configuration file /etc/nginx/nginx.conf test failed\n";
}

/** `null` when nginx would accept the config, else nginx's error text (for `meta.nginx_err`). */
export function nginxCheck(advancedConfig: string, hostId: number): string | null {
  let depth = 0;
  let expectDirective = true;
  const lines = advancedConfig.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = FIRST_LINE + index;
    const code = raw.replace(/#.*$/, "");
    for (const token of code.match(/[{};]|[^\s{};]+/g) ?? []) {
      if (token === "{") {
        depth++;
        expectDirective = true;
      } else if (token === "}") {
        if (--depth < 0) return failure('unexpected "}"', hostId, line);
        expectDirective = true;
      } else if (token === ";") {
        expectDirective = true;
      } else if (expectDirective) {
        if (!KNOWN_DIRECTIVES.has(token)) {
          return failure(`unknown directive "${token}"`, hostId, line);
        }
        expectDirective = false;
      }
    }
  }
  if (depth > 0) {
    return failure('unexpected end of file, expecting "}"', hostId, FIRST_LINE + lines.length);
  }
  if (!expectDirective) {
    return failure(
      'unexpected end of file, expecting ";" or "}"',
      hostId,
      FIRST_LINE + lines.length,
    );
  }
  return null;
}
