/**
 * Where a container's EnvoyNPM settings come from. Each setting `NPM_X` is
 * looked up in this order, the first found wins:
 * 1. the env var `NPM_X` (CasaOS can set env vars but not labels);
 * 2. the label `NPM_X`;
 * 3. the label `envoynpm.x` (lower-case, e.g. `envoynpm.host`, `envoynpm.enable_ws`).
 *
 * A setting that is present but empty counts as set (and is then refused
 * with a reason, except `NPM_ADVANCED_CONFIG`, whose default is empty).
 *
 * @module
 */
import type { Result } from "neverthrow";
import type { Container, SettingProblem } from "../model/mod.ts";

/** Every setting EnvoyNPM reads from a container. */
export const SETTING_NAMES = [
  "NPM_HOST",
  "NPM_PORT",
  "NPM_FORWARD_SCHEME",
  "NPM_FORWARD_HOST",
  "NPM_NETWORK",
  "NPM_SSL",
  "NPM_CERTIFICATE",
  "NPM_SSL_REQUEST",
  "NPM_SSL_EMAIL",
  "NPM_SSL_FORCED",
  "NPM_HTTP2",
  "NPM_ENABLE_HSTS",
  "NPM_HSTS_SUBDOMAINS",
  "NPM_SSL_DNS_PROVIDER",
  "NPM_ENABLE_WS",
  "NPM_ADVANCED_CONFIG",
  "NPM_ACCESS_LIST",
  "NPM_ADOPT",
  "NPM_BLOCK_EXPLOITS",
  "NPM_CACHING",
  "NPM_TRUST_FORWARDED_PROTO",
  "NPM_LOCATIONS",
  "NPM_STOP_ACTION",
  "NPM_HEALTH",
] as const;

/** The name of one setting, e.g. `NPM_PORT`. */
export type SettingName = typeof SETTING_NAMES[number];

/** The settings that belong to the container, not to one of its hosts: they take no suffix. */
export const CONTAINER_SETTINGS: readonly SettingName[] = ["NPM_STOP_ACTION", "NPM_HEALTH"];

/**
 * A container read for one of its hosts. With `site` `"1"`, a setting `NPM_X` is read as
 * `NPM_X_1` first (env, then labels `NPM_X_1` and `envoynpm.x_1`), then as `NPM_X`; `NPM_HOST`
 * itself is read only as `NPM_HOST_1`. Without `site` (or with `""`), as `NPM_X`.
 */
export type SiteContainer = Container & { readonly site?: string };

/** A setting as found on a container. */
export interface SettingValue {
  /** The setting, e.g. `NPM_PORT`, whatever spelling it was found under. */
  readonly name: SettingName;
  /** The variable it was found as, for problems: `NPM_PORT`, or `NPM_PORT_1` for host 1. */
  readonly variable: string;
  /** Where it was found, for messages: `NPM_PORT`, `Label NPM_PORT` or `Label envoynpm.port`. */
  readonly subject: string;
  readonly value: string;
}

/** The prefix of EnvoyNPM's own label spelling. */
const LABEL_PREFIX = "envoynpm.";

/** The `envoynpm.x` label name of setting `NPM_X`. */
export function labelName(name: SettingName): string {
  return LABEL_PREFIX + name.slice("NPM_".length).toLowerCase();
}

/**
 * Reads one setting: env `NPM_X`, else label `NPM_X`, else label `envoynpm.x`; undefined when
 * absent. For a host `site` of the container, its suffixed spellings come first (see
 * {@linkcode SiteContainer}).
 */
export function readSetting(container: SiteContainer, name: SettingName): SettingValue | undefined {
  const site = CONTAINER_SETTINGS.includes(name) ? "" : container.site ?? "";
  const suffixed = site === "" ? undefined : readSpelling(container, { name, suffix: `_${site}` });
  if (suffixed !== undefined || name === "NPM_HOST" && site !== "") return suffixed;
  return readSpelling(container, { name, suffix: "" });
}

/** Reads `NPM_X<suffix>`: env, else label `NPM_X<suffix>`, else label `envoynpm.x<suffix>`. */
function readSpelling(
  container: Container,
  { name, suffix }: { readonly name: SettingName; readonly suffix: string },
): SettingValue | undefined {
  const variable = name + suffix;
  if (Object.hasOwn(container.env, variable)) {
    return { name, variable, subject: variable, value: container.env[variable] };
  }
  for (const label of [variable, labelName(name) + suffix.toLowerCase()]) {
    if (Object.hasOwn(container.labels, label)) {
      return { name, variable, subject: `Label ${label}`, value: container.labels[label] };
    }
  }
  return undefined;
}

/** Reads a setting of a container and parses it: its value, or undefined when absent or bad. */
export type SettingReader = <T>(
  name: SettingName,
  parse: (setting: SettingValue) => Result<T, SettingProblem>,
) => T | undefined;

/** A {@linkcode SettingReader} of `container` that records each bad setting in `problems`. */
export function settingReader(container: Container, problems: SettingProblem[]): SettingReader {
  return (name, parse) => {
    const setting = readSetting(container, name);
    if (setting === undefined) return undefined;
    const parsed = parse(setting);
    if (parsed.isOk()) return parsed.value;
    problems.push(parsed.error);
    return undefined;
  };
}

/** Warnings for `envoynpm.*` labels that name no setting (likely typos). */
export function unknownLabelWarnings(container: Container): SettingProblem[] {
  const known = new Set<string>(SETTING_NAMES.map(labelName));
  // A host's suffixed spelling (`envoynpm.port_1`) is checked in sites.ts.
  const unsuffixed = (label: string) => label.replace(/_[0-9]+$/, "");
  return Object.keys(container.labels)
    .filter((label) => label.startsWith(LABEL_PREFIX) && !known.has(unsuffixed(label)))
    .map((label) => ({
      variable: label,
      reason: `Label ${label} is not an EnvoyNPM setting, so it is ignored: check its spelling ` +
        `(known labels: ${[...known].join(", ")})`,
    }));
}
