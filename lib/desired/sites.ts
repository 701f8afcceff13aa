/**
 * Which proxy hosts a container asks for: one for `NPM_HOST`, and one per
 * `NPM_HOST_<n>` (n = 1, 2, …), whose own `NPM_PORT_<n>`, `NPM_SSL_<n>`, …
 * override the unsuffixed settings. Settings of a host it does not ask for
 * are warned about, never silently dropped.
 *
 * @module
 */
import type { Container, SettingProblem } from "../model/mod.ts";
import {
  CONTAINER_SETTINGS,
  labelName,
  readSetting,
  SETTING_NAMES,
  type SettingName,
} from "./settings.ts";

/** A variable or label that may be a host's suffixed setting: its setting and suffix. */
interface Suffixed {
  /** The variable or label as found, e.g. `NPM_PORT_2` or `Label envoynpm.port_2`. */
  readonly subject: string;
  readonly name: SettingName;
  /** The suffix after the last `_`, e.g. `2`. */
  readonly suffix: string;
}

/**
 * The hosts a container asks for, as site keys: `""` for `NPM_HOST`, `"1"` for `NPM_HOST_1`,
 * … in that order. Empty when it asks for none (it is not EnvoyNPM's business).
 */
export function siteKeys(container: Container): string[] {
  const numbered = suffixedSettings(container)
    .filter((found) => found.name === "NPM_HOST" && isSiteKey(found.suffix))
    .map((found) => found.suffix);
  const unsuffixed = readSetting(container, "NPM_HOST") === undefined ? [] : [""];
  return [...unsuffixed, ...[...new Set(numbered)].sort((a, b) => Number(a) - Number(b))];
}

/**
 * Warnings for suffixed settings that take no effect: a host's setting without its `NPM_HOST_<n>`,
 * a suffix that is not 1, 2, …, and a suffix on a setting of the whole container.
 */
export function straySiteWarnings(
  container: Container,
  sites: readonly string[],
): SettingProblem[] {
  return suffixedSettings(container).flatMap(({ subject, name, suffix }): SettingProblem[] => {
    const variable = `${name}_${suffix}`;
    if (!isSiteKey(suffix)) {
      return [{
        variable,
        reason: `${subject} is ignored: a host's settings are numbered 1, 2, … ` +
          `(e.g. ${name}_1)`,
      }];
    }
    if (CONTAINER_SETTINGS.includes(name)) {
      return [{
        variable,
        reason: `${subject} is ignored: ${name} applies to the whole container, so set ${name} ` +
          "without a number",
      }];
    }
    if (sites.includes(suffix)) return [];
    return [{
      variable,
      reason:
        `${subject} is ignored because NPM_HOST_${suffix} is not set: set NPM_HOST_${suffix} ` +
        `to publish a host with it, or remove it`,
    }];
  });
}

/**
 * The problems of a container that asks for no host but has a misnumbered one (`NPM_HOST_01`,
 * `NPM_HOST_0`): it meant to be published, so it is told why it is not.
 */
export function misnumberedHosts(container: Container): SettingProblem[] {
  return straySiteWarnings(container, []).filter((problem) =>
    /^NPM_HOST_[0-9]+$/.test(problem.variable)
  );
}

/** Whether a suffix numbers a host: 1, 2, … without leading zeros. */
function isSiteKey(suffix: string): boolean {
  return /^[1-9][0-9]{0,3}$/.test(suffix);
}

/** Every env var and label of the container spelled as a setting with a `_<suffix>`. */
function suffixedSettings(container: Container): Suffixed[] {
  const found: Suffixed[] = [];
  const match = (key: string, subject: string, names: (name: SettingName) => string) => {
    const at = key.lastIndexOf("_");
    // `NPM_SSL_FORCED` is a setting of its own, not `NPM_SSL` with a suffix.
    if (at < 0 || SETTING_NAMES.some((name) => names(name) === key)) return;
    const name = SETTING_NAMES.find((setting) => names(setting) === key.slice(0, at));
    if (name !== undefined) found.push({ subject, name, suffix: key.slice(at + 1) });
  };
  for (const key of Object.keys(container.env)) match(key, key, (name) => name);
  for (const key of Object.keys(container.labels)) {
    match(key, `Label ${key}`, (name) => name);
    match(key, `Label ${key}`, labelName);
  }
  return found;
}
