/**
 * Parsers of the plain settings: port, yes/no switches, forward scheme,
 * network name and advanced config. Each returns a `Result` whose error
 * names the setting and says how to fix it. Host names live in `hostname.ts`.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { SettingProblem } from "../model/mod.ts";
import { checkBare, problem } from "./setting_problem.ts";
import type { SettingValue } from "./settings.ts";

/** The largest `NPM_ADVANCED_CONFIG` accepted, in UTF-8 bytes (64 KiB). */
export const MAX_ADVANCED_CONFIG_BYTES = 64 * 1024;

const PORT_RANGE = "use a whole number from 1 to 65535";

/** Parses a TCP port: digits only, 1 to 65535 (`8080`; not `8080 `, `80a`, `8.0`, `1e3`). */
export function parsePort(setting: SettingValue): Result<number, SettingProblem> {
  return checkBare(setting, `set it to the port the app listens on in the container, e.g. 8080`)
    .andThen((value) => {
      if (!/^[0-9]+$/.test(value)) return err(problem(setting, `is not a port: ${PORT_RANGE}`));
      const port = Number(value);
      return port >= 1 && port <= 65535
        ? ok(port)
        : err(problem(setting, `is out of range: ${PORT_RANGE}`));
    });
}

const TRUE_WORDS = new Set(["true", "1", "yes", "on"]);
const FALSE_WORDS = new Set(["false", "0", "no", "off"]);

/** Parses a switch: true/false, 1/0, yes/no or on/off, in any case. */
export function parseBoolean(setting: SettingValue): Result<boolean, SettingProblem> {
  return checkBare(setting, "use true or false").andThen((value) => {
    const word = value.toLowerCase();
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
    return err(
      problem(setting, "is not a yes/no value: use true or false (or 1/0, yes/no, on/off)"),
    );
  });
}

/** Parses `NPM_FORWARD_SCHEME`: `http` or `https`, in any case. */
export function parseScheme(setting: SettingValue): Result<"http" | "https", SettingProblem> {
  type Scheme = "http" | "https";
  return checkBare(setting, "use http or https").andThen(
    (value): Result<Scheme, SettingProblem> => {
      const scheme = value.toLowerCase();
      return scheme === "http" || scheme === "https"
        ? ok(scheme)
        : err(problem(setting, "is not a forward scheme: use http or https"));
    },
  );
}

/** Parses `NPM_NETWORK`: a Docker network name, checked against the container elsewhere. */
export function parseNetworkName(setting: SettingValue): Result<string, SettingProblem> {
  return checkBare(
    setting,
    "name the Docker network NPM should reach the container on, or remove it",
  );
}

/**
 * Parses `NPM_ADVANCED_CONFIG`, nginx directives NPM adds to the host.
 * A value written on one line (as CasaOS's form forces) may spell line
 * breaks as a literal `\n`: each becomes a newline, and `\\n` stays a
 * literal `\n`. A value that already holds a real newline is kept as is.
 * Refused: control characters other than tab, newline and carriage return,
 * broken Unicode, and more than 64 KiB.
 */
export function parseAdvancedConfig(setting: SettingValue): Result<string, SettingProblem> {
  const config = setting.value.includes("\n")
    ? setting.value
    : setting.value.replace(/\\\\n|\\n/g, (escape) => escape === "\\n" ? "\n" : "\\n");
  // deno-lint-ignore no-control-regex -- finding control characters is the point
  const control = config.match(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
  if (control?.index !== undefined) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return err(problem(
      setting,
      `contains the control character U+${code} at position ${control.index + 1}: remove it`,
    ));
  }
  if (!config.isWellFormed()) {
    return err(problem(setting, "contains broken Unicode (a lone surrogate): retype the text"));
  }
  const bytes = new TextEncoder().encode(config).length;
  if (bytes > MAX_ADVANCED_CONFIG_BYTES) {
    return err(problem(
      setting,
      `is ${bytes} bytes long: keep it within 64 KiB (${MAX_ADVANCED_CONFIG_BYTES} bytes)`,
    ));
  }
  return ok(config);
}
