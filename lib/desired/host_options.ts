/**
 * A container's settings for NPM's other proxy-host switches, and the access list it asks for.
 * Which access list it gets depends on NPM's lists, so that choice is the plan's
 * (lib/plan/access_list.ts); here only the wish is read and checked.
 *
 * | setting | field | default |
 * | --- | --- | --- |
 * | `NPM_ACCESS_LIST` | `access_list_id` (an NPM access list, by id or name) | none (`0`) |
 * | `NPM_BLOCK_EXPLOITS` | `block_exploits` | `false` |
 * | `NPM_CACHING` | `caching_enabled` | `false` |
 * | `NPM_TRUST_FORWARDED_PROTO` | `trust_forwarded_proto` (NPM 2.14 and newer) | `false` |
 *
 * @module
 */
import type { Result } from "neverthrow";
import type { AccessListRequest, Container, HostFields, SettingProblem } from "../model/mod.ts";
import { checkBare } from "./setting_problem.ts";
import { parseBoolean } from "./parse_values.ts";
import { settingReader, type SettingValue } from "./settings.ts";

/** The switches as host fields, the access list asked for, and what is wrong with them. */
export interface HostOptions {
  readonly fields: Pick<
    HostFields,
    "block_exploits" | "caching_enabled" | "trust_forwarded_proto"
  >;
  /** Absent when the container asks for no access list. */
  readonly accessList?: AccessListRequest;
  readonly problems: readonly SettingProblem[];
}

/** Reads `NPM_ACCESS_LIST`, `NPM_BLOCK_EXPLOITS`, `NPM_CACHING`, `NPM_TRUST_FORWARDED_PROTO`. */
export function hostOptions(container: Container): HostOptions {
  const problems: SettingProblem[] = [];
  const read = settingReader(container, problems);
  const accessList = read("NPM_ACCESS_LIST", parseAccessList);
  const fields = {
    block_exploits: read("NPM_BLOCK_EXPLOITS", parseBoolean) ?? false,
    caching_enabled: read("NPM_CACHING", parseBoolean) ?? false,
    trust_forwarded_proto: read("NPM_TRUST_FORWARDED_PROTO", parseBoolean) ?? false,
  };
  return { fields, ...(accessList === undefined ? {} : { accessList }), problems };
}

/** `NPM_ACCESS_LIST`: NPM's access list id (a whole number) or its name. */
function parseAccessList(setting: SettingValue): Result<AccessListRequest, SettingProblem> {
  return checkBare(setting, "name an access list of NPM by its id or its name, or remove it")
    .map((value) => /^[1-9][0-9]{0,9}$/.test(value) ? { id: Number(value) } : { name: value });
}
