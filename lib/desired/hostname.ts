/**
 * Host names as NPM needs them: `NPM_HOST` (the domain served) and
 * `NPM_FORWARD_HOST` (where NPM forwards to). Both are refused, with a
 * reason, rather than silently repaired, except for what is harmless:
 * letters are lower-cased, one trailing dot is dropped, and Unicode is
 * converted to punycode (`bücher.lan` → `xn--bcher-kva.lan`).
 *
 * @module
 */
import { isIPv4, isIPv6 } from "node:net";
import { domainToASCII } from "node:url";
import { err, ok, Result } from "neverthrow";
import type { SettingProblem } from "../model/mod.ts";
import { checkBare, problem, show } from "./setting_problem.ts";
import type { SettingValue } from "./settings.ts";

/** What one kind of name allows, and the hints its messages give. */
interface NameRules {
  /** Whether a leading `*.` label is allowed (NPM serves wildcard domains). */
  readonly wildcard: boolean;
  /** Whether `_` is allowed (Docker container names, which Docker's DNS resolves, may hold it). */
  readonly underscore: boolean;
  /** Whether IP literals are allowed (IPv6 is returned in brackets, as NPM puts it in a URL). */
  readonly ipLiterals: boolean;
  /** What to put in an empty setting. */
  readonly emptyHint: string;
  /** Why the scheme goes, or where it goes instead. */
  readonly schemeHint: string;
}

/** The longest domain name DNS allows, without the trailing dot. */
const MAX_NAME_LENGTH = 253;
/** The longest label (part between dots) DNS allows. */
const MAX_LABEL_LENGTH = 63;

const DOMAIN_RULES: NameRules = {
  wildcard: true,
  underscore: false,
  ipLiterals: false,
  emptyHint: "set it to the domain to serve, e.g. app.lan",
  schemeHint: "NPM_HOST takes a bare domain like app.lan",
};

const FORWARD_HOST_RULES: NameRules = {
  wildcard: false,
  underscore: true,
  ipLiterals: true,
  emptyHint: "set it to the host name or IP address NPM should forward to, or remove it",
  schemeHint: "set NPM_FORWARD_SCHEME=https instead if the app speaks HTTPS",
};

/** Parses `NPM_HOST`: one lower-case ASCII domain, a leading `*.` allowed. */
export function parseDomain(setting: SettingValue): Result<string, SettingProblem> {
  return parseName(setting, DOMAIN_RULES).andThen((domain) => {
    const last = domain.slice(domain.lastIndexOf(".") + 1);
    if (/^[0-9]+$/.test(last) && !isIPv4(domain)) {
      return err(problem(
        setting,
        "is not a domain, as its last part is a number: use a name like app.lan " +
          "(the port goes in NPM_PORT)",
      ));
    }
    return ok(domain);
  });
}

/**
 * Parses `NPM_HOST` as a comma-separated list (`a.lan,b.lan`): each entry a domain as
 * {@linkcode parseDomain} takes it (spaces after commas allowed), repeats dropped, in order.
 */
export function parseDomains(setting: SettingValue): Result<string[], SettingProblem> {
  const entries = setting.value.split(",");
  if (entries.length === 1) return parseDomain(setting).map((domain) => [domain]);
  if (entries.some((entry) => entry.trim() === "")) {
    return err(problem(setting, "has an empty entry: separate domains by one comma each"));
  }
  // Spaces after the commas of a list are usual, so they are no fault.
  return Result.combine(entries.map((entry) => parseDomain({ ...setting, value: entry.trim() })))
    .map((domains) => [...new Set(domains)]);
}

/** Parses `NPM_FORWARD_HOST`: a host name (underscores allowed), an IPv4 or an IPv6 address. */
export function parseForwardHost(setting: SettingValue): Result<string, SettingProblem> {
  return parseName(setting, FORWARD_HOST_RULES);
}

/** Whether a value holds characters outside ASCII. */
export function hasNonAscii(value: string): boolean {
  return /[\u0080-\u{10ffff}]/u.test(value);
}

/** The checks and normalizations `parseDomain` and `parseForwardHost` share. */
function parseName(setting: SettingValue, rules: NameRules): Result<string, SettingProblem> {
  return checkBare(setting, rules.emptyHint).andThen((value) => {
    const fault = shapeFault(value, rules);
    if (fault !== undefined) return err(problem(setting, fault));
    const bare = value.startsWith("[") && value.endsWith("]") ? value.slice(1, -1) : value;
    if (isIPv6(bare)) {
      return rules.ipLiterals
        ? ok(`[${bare.toLowerCase()}]`)
        : err(problem(setting, "is an IPv6 address: NPM_HOST takes a domain name like app.lan"));
    }
    if (value.includes(":")) {
      const port = value.slice(value.lastIndexOf(":"));
      return err(problem(setting, `has a port: remove ${show(port)} and put the port in NPM_PORT`));
    }
    let name = value.toLowerCase();
    if (hasNonAscii(name)) {
      const ascii = domainToASCII(name);
      if (ascii === "") {
        return err(problem(
          setting,
          "cannot be converted to an ASCII (punycode) domain: check it for stray symbols",
        ));
      }
      name = ascii;
    }
    if (name.endsWith(".")) name = name.slice(0, -1);
    const nameFault = rules.ipLiterals && /^[0-9.]+$/.test(name)
      ? (isIPv4(name) ? undefined : "is not a valid IPv4 address: use four numbers from 0 to 255")
      : labelFault(name, rules);
    return nameFault === undefined ? ok(name) : err(problem(setting, nameFault));
  });
}

/** What makes a value not a name at all (a list, a URL, spaces), or undefined. */
function shapeFault(value: string, rules: NameRules): string | undefined {
  if (value.includes(",")) {
    return "names more than one domain: EnvoyNPM makes one host per container, so give just one";
  }
  const scheme = value.match(/^[a-z][a-z0-9+.-]*:\/\//i);
  if (scheme !== null) {
    return `starts with a scheme: remove ${show(scheme[0])} (${rules.schemeHint})`;
  }
  if (value.includes("/")) {
    const path = show(value.slice(value.indexOf("/")));
    return `has a path: remove ${path} (a host name cannot hold a path)`;
  }
  if (/\s/.test(value)) return "contains a space: a host name cannot hold spaces";
  return undefined;
}

/** What breaks DNS's rules in a lower-case ASCII name, or undefined. */
function labelFault(name: string, rules: NameRules): string | undefined {
  if (name.length > MAX_NAME_LENGTH) {
    return `is ${name.length} characters long: a domain may have at most ${MAX_NAME_LENGTH}`;
  }
  const labels = name.split(".");
  for (const [index, label] of labels.entries()) {
    if (label === "") {
      return "has an empty part (two dots in a row, or a dot at the start): remove the extra dot";
    }
    if (label === "*" && index === 0 && rules.wildcard && labels.length > 1) continue;
    if (label.includes("*")) {
      return rules.wildcard
        ? 'has a "*" that is not a whole first part: a wildcard domain looks like *.example.com'
        : 'contains "*": a forward host cannot be a wildcard';
    }
    if (label.length > MAX_LABEL_LENGTH) {
      return `has a part of ${label.length} characters: each part between dots may have at most ` +
        `${MAX_LABEL_LENGTH}`;
    }
    if (!rules.underscore && label.includes("_")) {
      return 'contains "_": domains cannot hold underscores, use "-" instead';
    }
    const bad = label.match(rules.underscore ? /[^a-z0-9_-]/ : /[^a-z0-9-]/);
    if (bad !== null) {
      return `contains ${show(bad[0])}: use only letters, digits, hyphens and dots`;
    }
    if (label.startsWith("-") || label.endsWith("-")) {
      return `has a part that starts or ends with "-" (${show(label)}): remove the hyphen`;
    }
  }
  return undefined;
}
