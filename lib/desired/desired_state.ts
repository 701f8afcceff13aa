/**
 * One container's settings → the proxy hosts it should have, or every reason
 * it cannot have them.
 *
 * @module
 */
import { err, type Result } from "neverthrow";
import {
  type Container,
  type DesiredHost,
  type DesiredState,
  type HostFields,
  PLAIN_TLS_FIELDS,
  type SettingProblem,
} from "../model/mod.ts";
import { show } from "./setting_problem.ts";
import { chooseForwardHost, type ForwardHostChoice, type NpmPlacement } from "./forward_host.ts";
import { hasNonAscii, parseDomains, parseForwardHost } from "./hostname.ts";
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
  CONTAINER_SETTINGS,
  readSetting,
  type SettingName,
  type SettingValue,
  type SiteContainer,
  unknownLabelWarnings,
} from "./settings.ts";
import { misnumberedHosts, siteKeys, straySiteWarnings } from "./sites.ts";

/** What `desiredState` needs to know besides the container. */
export interface DesiredOptions {
  /** Where NPM runs; undefined when NPM is not a container EnvoyNPM can see. */
  readonly npm?: NpmPlacement;
  /** HOST_ADDRESS: the address NPM reaches the Docker host by (for host-network containers). */
  readonly hostAddress?: string;
}

/**
 * Reads a container's `NPM_*` settings (env first, then labels) into the hosts it should have:
 * one for `NPM_HOST` and one per `NPM_HOST_<n>`. One bad setting makes the whole container
 * invalid, so nothing of it is written until it is fixed.
 */
export function desiredState(container: Container, options: DesiredOptions): DesiredState {
  const sites = siteKeys(container);
  if (sites.length === 0) {
    const misnumbered = misnumberedHosts(container);
    return misnumbered.length > 0
      ? { kind: "invalid", problems: misnumbered }
      : { kind: "unmanaged" };
  }
  const problems: SettingProblem[] = [];
  const warnings: SettingProblem[] = [
    ...unknownLabelWarnings(container),
    ...straySiteWarnings(container, sites),
  ];
  const hosts: DesiredHost[] = [];
  for (const site of sites) {
    const read = siteHost({ ...container, site }, options);
    problems.push(...read.problems);
    warnings.push(...read.warnings);
    if (read.host) hosts.push(read.host);
  }
  problems.push(...repeatedDomains(hosts));
  // Read here only to refuse a bad value (no write); inspect_containers applies them.
  for (const name of CONTAINER_SETTINGS) {
    const setting = readSetting(container, name);
    const parse = name === "NPM_STOP_ACTION" ? parseStopAction : parseHealthMode;
    if (setting !== undefined) parse(setting).mapErr((problem) => problems.push(problem));
  }
  if (problems.length > 0) return { kind: "invalid", problems: distinct(problems) };
  return { kind: "desired", hosts, warnings: distinct(warnings) };
}

/** One host of a container (`container.site` says which), or its problems. */
function siteHost(
  container: SiteContainer,
  options: DesiredOptions,
): { host?: DesiredHost; problems: SettingProblem[]; warnings: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const warnings: SettingProblem[] = [];
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

  const site = container.site ?? "";
  const hostSetting = readSetting(container, "NPM_HOST")!;
  const domains = take(parseDomains(hostSetting), []);
  if (domains.length > 0 && hasNonAscii(hostSetting.value)) {
    warnings.push({
      variable: hostSetting.variable,
      reason: `${hostSetting.subject} ${show(hostSetting.value)} was converted to the punycode ` +
        `${domains.length === 1 ? "domain" : "domains"} "${domains.join(",")}", which NPM ` +
        "needs: write it that way to silence this note",
    });
  }
  const portSetting = readSetting(container, "NPM_PORT");
  const port = take(portSetting === undefined ? err(missingPort(site)) : parsePort(portSetting), 0);
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
  if (problems.length > 0) return { problems, warnings };

  const fields: HostFields = {
    domain_names: domains,
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
  const host: DesiredHost = {
    containerId: container.id,
    containerName: container.name,
    site,
    domain: domains[0],
    fields,
    ...(tls.tls ? { tls: tls.tls } : {}),
    ...(more.accessList ? { accessList: more.accessList } : {}),
    ...(adopt ? { adopt } : {}),
  };
  return { host, problems, warnings };
}

/** A problem per domain two hosts of the container both ask for (NPM serves a domain once). */
function repeatedDomains(hosts: readonly DesiredHost[]): SettingProblem[] {
  const first = new Map<string, string>();
  return hosts.flatMap((host) =>
    host.fields.domain_names.flatMap((domain): SettingProblem[] => {
      const earlier = first.get(domain);
      if (earlier === undefined) {
        first.set(domain, hostVariable(host.site));
        return [];
      }
      return [{
        variable: hostVariable(host.site),
        reason: `${hostVariable(host.site)} repeats ${domain}, which ${earlier} already has: ` +
          "NPM serves a domain on one host only, so name it once",
      }];
    })
  );
}

/** The variable that names a host: `NPM_HOST`, or `NPM_HOST_1` for site `1`. */
function hostVariable(site: string): string {
  return site === "" ? "NPM_HOST" : `NPM_HOST_${site}`;
}

/** The problems or warnings without repeats (the unsuffixed settings are read once per host). */
function distinct(problems: readonly SettingProblem[]): SettingProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.variable}\u0000${problem.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The problem of a managed container (or its host `site`) without `NPM_PORT`. */
function missingPort(site: string): SettingProblem {
  const own = site === "" ? "NPM_PORT" : `NPM_PORT_${site} (or NPM_PORT)`;
  return {
    variable: site === "" ? "NPM_PORT" : `NPM_PORT_${site}`,
    reason: `${own} is not set: set it to the port the app listens on in the container, e.g. 8080`,
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
      variable: networkSetting.variable,
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
