/**
 * Internal helpers shared by the value parsers: how values are shown in
 * messages, and the checks every plain setting starts with.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { SettingProblem } from "../model/mod.ts";
import type { SettingValue } from "./settings.ts";

/** How many characters of a value a message shows before cutting it short. */
const SHOWN_CHARS = 40;

/** A value quoted for a message, invisible characters escaped, long values cut short. */
export function show(value: string): string {
  const chars = [...value];
  if (chars.length <= SHOWN_CHARS) return quote(value);
  return `${
    quote(chars.slice(0, SHOWN_CHARS).join("")).slice(0, -1)
  }…" (${chars.length} characters)`;
}

/** JSON quoting, plus `\u…` escapes for invisible characters (NBSP, zero-width, line separators). */
function quote(value: string): string {
  return JSON.stringify(value).replace(/(?! )[\p{C}\p{Z}]/gu, (char) => {
    const code = char.codePointAt(0) ?? 0;
    const hex = code.toString(16).padStart(4, "0");
    return code > 0xffff ? `\\u{${hex}}` : `\\u${hex}`;
  });
}

/** A problem with `setting`: its subject and shown value, then `what` (what is wrong: how to fix it). */
export function problem(setting: SettingValue, what: string): SettingProblem {
  return {
    variable: setting.variable,
    reason: `${setting.subject} ${show(setting.value)} ${what}`,
  };
}

/**
 * Refuses an empty value (`emptyHint` says what to put there) and a value
 * with spaces around it: users should see the stray space, not have it
 * silently dropped.
 */
export function checkBare(
  setting: SettingValue,
  emptyHint: string,
): Result<string, SettingProblem> {
  if (setting.value === "") {
    return err({ variable: setting.variable, reason: `${setting.subject} is empty: ${emptyHint}` });
  }
  if (setting.value.trim() !== setting.value) {
    return err(problem(setting, "has spaces around it: remove them"));
  }
  return ok(setting.value);
}
