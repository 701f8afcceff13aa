/**
 * Which address NPM should forward to when `NPM_FORWARD_HOST` is not set,
 * chosen as NPM will reach the container (in this order):
 * 1. a container on the host network: `HOST_ADDRESS`, else `127.0.0.1` when
 *    NPM itself is on the host network, else the gateway of NPM's first
 *    network that has one;
 * 2. `NPM_NETWORK` set: the container's IP on that network;
 * 3. the first of the container's networks that NPM is on too;
 * 4. the container's first network with an IP, with a warning that NPM
 *    may not reach it (unless NPM is on the host network, which reaches
 *    every bridge).
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { Container, ContainerNetwork, SettingProblem } from "../model/mod.ts";
import { problem } from "./setting_problem.ts";
import type { SettingValue } from "./settings.ts";

/** Where NPM runs, so forward_host can be chosen as NPM will reach it. */
export interface NpmPlacement {
  /** The NPM container's networks, in the engine's order. */
  readonly networks: readonly ContainerNetwork[];
}

/** What the forward-host choice looks at besides the container. */
export interface ForwardHostOptions {
  /** `NPM_NETWORK`, already checked to be a bare name. */
  readonly network?: SettingValue;
  /** Where NPM runs; undefined when NPM is not a container EnvoyNPM can see. */
  readonly npm?: NpmPlacement;
  /** `HOST_ADDRESS`: how NPM reaches the Docker host. */
  readonly hostAddress?: string;
}

/** A chosen forward host, with warnings that do not block it. */
export interface ForwardHostChoice {
  readonly host: string;
  readonly warnings: readonly SettingProblem[];
}

/** The network mode and network name Docker uses for host networking. */
const HOST_NETWORK = "host";

/** Chooses the address NPM forwards to for `container` (see the module doc for the order). */
export function chooseForwardHost(
  container: Container,
  options: ForwardHostOptions,
): Result<ForwardHostChoice, SettingProblem> {
  if (container.networkMode === HOST_NETWORK) return hostNetworkAddress(container, options);
  const { network, npm } = options;
  if (network !== undefined) return namedNetworkAddress(container, network, npm);
  const npmOnHost = npm?.networks.some((n) => n.name === HOST_NETWORK) ?? false;
  const npmNames = new Set(npm?.networks.map((n) => n.name));
  const withIp = container.networks.filter((n) => n.ip !== "");
  const shared = withIp.find((n) => npmNames.has(n.name));
  if (shared !== undefined) return ok({ host: shared.ip, warnings: [] });
  const first = withIp[0];
  if (first === undefined) return err(noAddressProblem(container));
  // NPM on the host network reaches every bridge: that is rule 4, not this fallback.
  if (npmOnHost) return ok({ host: first.ip, warnings: [] });
  const reason = npm === undefined
    ? `NPM is not a container EnvoyNPM can see, so this container is forwarded ` +
      `to ${first.ip} on its first network "${first.name}", which NPM may not reach: set ` +
      "NPM_CONTAINER to NPM's container name, or NPM_NETWORK or NPM_FORWARD_HOST on this container"
    : `NPM shares no network with container "${container.name}", so it may not reach ` +
      `${first.ip} on "${first.name}": connect NPM to "${first.name}" ` +
      `(docker network connect ${first.name} <npm container>)`;
  return ok({ host: first.ip, warnings: [{ variable: "NPM_NETWORK", reason }] });
}

/** The address NPM reaches a host-network container by. */
function hostNetworkAddress(
  container: Container,
  options: ForwardHostOptions,
): Result<ForwardHostChoice, SettingProblem> {
  const warnings = options.network === undefined ? [] : [{
    variable: "NPM_NETWORK",
    reason: `${options.network.subject} is ignored: container "${container.name}" uses the host ` +
      "network, so it has no address of its own; remove the setting",
  }];
  if (options.hostAddress) return ok({ host: options.hostAddress, warnings });
  const npmNetworks = options.npm?.networks ?? [];
  if (npmNetworks.some((n) => n.name === HOST_NETWORK)) return ok({ host: "127.0.0.1", warnings });
  const gateway = npmNetworks.find((n) => n.gateway !== "")?.gateway;
  if (gateway !== undefined) return ok({ host: gateway, warnings });
  return err({
    variable: "NPM_FORWARD_HOST",
    reason: `Container "${container.name}" uses the host network, and EnvoyNPM does not know ` +
      "the address NPM reaches the Docker host by: set HOST_ADDRESS for EnvoyNPM, or set " +
      "NPM_FORWARD_HOST on this container",
  });
}

/** The container's IP on the network `NPM_NETWORK` names. */
function namedNetworkAddress(
  container: Container,
  network: SettingValue,
  npm: NpmPlacement | undefined,
): Result<ForwardHostChoice, SettingProblem> {
  const attached = container.networks.find((n) => n.name === network.value);
  if (attached === undefined || attached.ip === "") {
    const names = container.networks.filter((n) => n.ip !== "").map((n) => `"${n.name}"`);
    const where = names.length === 0
      ? "it has an IP on no network"
      : `it has an IP on ${names.join(", ")}`;
    const state = attached === undefined
      ? "is not a network of this container"
      : "gives this container no IP";
    return err(problem(
      network,
      `${state} (${where}): name one of its networks, or connect the container to "${network.value}"`,
    ));
  }
  const npmMissing = npm !== undefined &&
    !npm.networks.some((n) => n.name === network.value || n.name === HOST_NETWORK);
  const warnings = npmMissing
    ? [
      problem(
        network,
        `is a network NPM is not on, so NPM may not reach ${attached.ip}: connect NPM to it`,
      ),
    ]
    : [];
  return ok({ host: attached.ip, warnings });
}

/** Why a container without any IP cannot be proxied, with the fix for its network mode. */
function noAddressProblem(container: Container): SettingProblem {
  const mode = container.networkMode;
  const why = mode.startsWith("container:")
    ? `shares the network of another container (network mode "${mode}"), so it has no address ` +
      "of its own: set NPM_FORWARD_HOST to the address of that container"
    : `has no IP address on any network (network mode ${JSON.stringify(mode)}): connect it to ` +
      "a network NPM is on, or set NPM_FORWARD_HOST";
  return { variable: "NPM_FORWARD_HOST", reason: `Container "${container.name}" ${why}` };
}
