/**
 * One container's settings → the proxy host it should have, or every reason
 * it cannot have one.
 *
 * @module
 */
import { err, type Result } from "neverthrow";
import {
  type Container,
  type DesiredState,
  type HostFields,
  PLAIN_TLS_FIELDS,
  type SettingProblem,
} from "../model/mod.ts";
import { show } from "./setting_problem.ts";
import { chooseForwardHost, type ForwardHostChoice, type NpmPlacement } from "./forward_host.ts";
import { hasNonAscii, parseDomain, parseForwardHost } from "./hostname.ts";
import { tlsSettings } from "./tls.ts";
import { hostOptions } from "./host_options.ts";
import { parseLocations } from "./locations.ts";
import { parseHealthMode, parseStopAction } from "./stop_policy.ts";
import {
  parseAdvancedConfig,
  parseBoolean,
  parseNetworkName,
  parsePort,
  parseScheme,
} from "./parse_values.ts";
import {
  readSetting,
  type SettingName,
  type SettingValue,
  unknownLabelWarnings,
} from "./settings.ts";

/** What `desiredState` needs to know besides the container. */
export interface DesiredOptions {
  /** Where NPM runs; undefined when NPM is not a container EnvoyNPM can see. */
  readonly npm?: NpmPlacement;
  /** HOST_ADDRESS: the address NPM reaches the Docker host by (for host-network containers). */
  readonly hostAddress?: string;
}

/** Reads a container's `NPM_*` settings (env first, then labels) into the host it should have. */
export function desiredState(container: Container, options: DesiredOptions): DesiredState {
  const hostSetting = readSetting(container, "NPM_HOST");
  if (hostSetting === undefined) return { kind: "unmanaged" };
  const problems: SettingProblem[] = [];
  const warnings: SettingProblem[] = unknownLabelWarnings(container);
  /** The value of `result`, or `fallback` after recording its problem. */
  function take<T>(result: Result<T, SettingProblem>, fallback: T): T {
    if (result.isOk()) return result.value;
    problems.push(result.error);
    return fallback;
  }
  /** A setting parsed by `parse`, or `fallback` when absent. */
  function optional<T>(
    name: SettingName,
    parse: (setting: SettingValue) => Result<T, SettingProblem>,
    fallback: T,
  ): T {
    const setting = readSetting(container, name);
    return setting === undefined ? fallback : take(parse(setting), fallback);
  }

  const domain = take(parseDomain(hostSetting), "");
  if (domain !== "" && hasNonAscii(hostSetting.value)) {
    warnings.push({
      variable: "NPM_HOST",
      reason: `${hostSetting.subject} ${show(hostSetting.value)} was converted to the punycode ` +
        `domain "${domain}", which NPM needs: write it that way to silence this note`,
    });
  }
  const portSetting = readSetting(container, "NPM_PORT");
  const port = take(portSetting === undefined ? err(missingPort()) : parsePort(portSetting), 0);
  const scheme = optional("NPM_FORWARD_SCHEME", parseScheme, "http");
  const forward = take(forwardHost(container, options), { host: "", warnings: [] });
  warnings.push(...forward.warnings);
  const tls = tlsSettings(container);
  problems.push(...tls.problems);
  warnings.push(...tls.warnings);
  const websocket = optional("NPM_ENABLE_WS", parseBoolean, false);
  const advanced = optional("NPM_ADVANCED_CONFIG", parseAdvancedConfig, "");
  const adopt = optional("NPM_ADOPT", parseBoolean, false);
  const more = hostOptions(container);
  problems.push(...more.problems);
  const locationsSetting = readSetting(container, "NPM_LOCATIONS");
  const locations = locationsSetting === undefined || forward.host === "" ? [] : take(
    parseLocations(locationsSetting, {
      containerName: container.name,
      forwardHost: forward.host,
    }),
    [],
  );
  // Read here only to refuse a bad value (no write); inspect_containers applies them.
  optional("NPM_STOP_ACTION", parseStopAction, undefined);
  optional("NPM_HEALTH", parseHealthMode, undefined);
  if (problems.length > 0) return { kind: "invalid", problems };

  const fields: HostFields = {
    domain_names: [domain],
    forward_scheme: scheme,
    forward_host: forward.host,
    forward_port: port,
    allow_websocket_upgrade: websocket,
    // Without a certificate: NPM turns HSTS off on such a host whatever it is sent, so asking
    // for it would differ from NPM forever. The plan adds the certificate and its flags.
    advanced_config: advanced,
    ...PLAIN_TLS_FIELDS,
    // The plan sets the access list once it has found it in NPM.
    access_list_id: 0,
    ...more.fields,
    locations,
  };
  const host = {
    containerId: container.id,
    containerName: container.name,
    domain,
    fields,
    ...(tls.tls ? { tls: tls.tls } : {}),
    ...(more.accessList ? { accessList: more.accessList } : {}),
    ...(adopt ? { adopt } : {}),
  };
  return { kind: "desired", host, warnings };
}

/** The problem of a managed container without `NPM_PORT`. */
function missingPort(): SettingProblem {
  return {
    variable: "NPM_PORT",
    reason:
      "NPM_PORT is not set: set it to the port the app listens on in the container, e.g. 8080",
  };
}

/** `NPM_FORWARD_HOST` when set, else the address chosen from the container's networks. */
function forwardHost(
  container: Container,
  options: DesiredOptions,
): Result<ForwardHostChoice, SettingProblem> {
  const networkSetting = readSetting(container, "NPM_NETWORK");
  const explicit = readSetting(container, "NPM_FORWARD_HOST");
  if (explicit !== undefined) {
    const warnings = networkSetting === undefined ? [] : [{
      variable: "NPM_NETWORK",
      reason: `${networkSetting.subject} is ignored because ${explicit.subject} is set: ` +
        "remove one of them",
    }];
    return parseForwardHost(explicit).map((host) => ({ host, warnings }));
  }
  if (networkSetting === undefined) return chooseForwardHost(container, options);
  return parseNetworkName(networkSetting).andThen(() =>
    chooseForwardHost(container, { ...options, network: networkSetting })
  );
}
