/**
 * What happens to a container's host when it stops or turns unhealthy:
 * `NPM_STOP_ACTION` (else `STOP_ACTION`) and `NPM_HEALTH`.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { Container, SettingProblem, StopAction } from "../model/mod.ts";
import { checkBare, problem } from "./setting_problem.ts";
import { readSetting, type SettingValue } from "./settings.ts";

/** Every stop action, in the order the docs list them. */
export const STOP_ACTION_NAMES: readonly StopAction[] = ["disable", "maintenance", "keep"];

/** `NPM_HEALTH`: follow the container's Docker healthcheck, or `ignore` it. */
export type HealthMode = "follow" | "ignore";

/** Parses a stop action: `disable`, `maintenance` or `keep`, in any case. */
export function parseStopAction(setting: SettingValue): Result<StopAction, SettingProblem> {
  const hint = "use disable, maintenance or keep";
  return checkBare(setting, hint).andThen((value): Result<StopAction, SettingProblem> => {
    const action = STOP_ACTION_NAMES.find((name) => name === value.toLowerCase());
    return action ? ok(action) : err(problem(setting, `is not a stop action: ${hint}`));
  });
}

/** Parses `NPM_HEALTH`: `follow` (the default) or `ignore`, in any case. */
export function parseHealthMode(setting: SettingValue): Result<HealthMode, SettingProblem> {
  const hint = "use follow (publish once healthy) or ignore";
  return checkBare(setting, hint).andThen((value): Result<HealthMode, SettingProblem> => {
    const mode = value.toLowerCase();
    return mode === "follow" || mode === "ignore"
      ? ok(mode)
      : err(problem(setting, `is not a health mode: ${hint}`));
  });
}

/** A container's stop action and health mode; a bad value falls back to the default. */
export function stopPolicy(
  container: Container,
  defaults: { readonly stopAction: StopAction },
): { readonly stopAction: StopAction; readonly health: HealthMode } {
  const action = readSetting(container, "NPM_STOP_ACTION");
  const health = readSetting(container, "NPM_HEALTH");
  return {
    stopAction: action
      ? parseStopAction(action).unwrapOr(defaults.stopAction)
      : defaults.stopAction,
    health: health ? parseHealthMode(health).unwrapOr("follow") : "follow",
  };
}
