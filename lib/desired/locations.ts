/**
 * `NPM_LOCATIONS`: NPM's custom locations of a host, as a JSON array of NPM's location shape
 * (`path`, `forward_scheme`, `forward_host`, `forward_port`, optional `forward_path` and
 * `advanced_config`). A location's `forward_host` must be an IP address, or this container's own
 * name, which becomes the address the host forwards to: a name nginx cannot resolve stops NPM's
 * nginx from starting (NPM issues #633, #2359, #3970), so no host name is ever sent.
 *
 * @module
 */
import { isIP } from "node:net";
import { err, ok, type Result } from "neverthrow";
import { z } from "zod";
import type { HostLocation, SettingProblem } from "../model/mod.ts";
import { problem } from "./setting_problem.ts";
import type { SettingValue } from "./settings.ts";

const locationSchema = z.strictObject({
  path: z.string().min(1),
  forward_scheme: z.enum(["http", "https"]),
  forward_host: z.string().min(1).max(255),
  forward_port: z.number().int().min(1).max(65535),
  forward_path: z.string().optional(),
  advanced_config: z.string().optional(),
});

const locationsSchema = z.array(locationSchema);

/** What a location's own name resolves to: the container's name and the address chosen for it. */
export interface LocationTarget {
  readonly containerName: string;
  /** The host's `forward_host`. */
  readonly forwardHost: string;
}

/** Parses `NPM_LOCATIONS`, resolving this container's name to its forward address. */
export function parseLocations(
  setting: SettingValue,
  target: LocationTarget,
): Result<HostLocation[], SettingProblem> {
  let json: unknown;
  try {
    json = JSON.parse(setting.value);
  } catch {
    return err(problem(setting, 'is not JSON: write an array, e.g. [{"path":"/api",…}]'));
  }
  const parsed = locationsSchema.safeParse(json);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    const where = issue.path.length > 0 ? `at ${issue.path.join(".")}` : "as a whole";
    return err(
      problem(
        setting,
        `is not a list of NPM locations (${where}: ${issue.message}): each needs path, ` +
          "forward_scheme (http or https), forward_host and forward_port, and may have " +
          "forward_path and advanced_config",
      ),
    );
  }
  const locations: HostLocation[] = [];
  for (const [index, location] of parsed.data.entries()) {
    const host = location.forward_host;
    if (isIP(host) !== 0) {
      locations.push(location);
      continue;
    }
    if (host !== target.containerName) {
      return err(problem(
        setting,
        `names the host "${host}" at ${index}.forward_host: use an IP address, or this ` +
          `container's name (${target.containerName}), which becomes its address; NPM's nginx ` +
          "does not start when a location names a host it cannot resolve",
      ));
    }
    if (isIP(target.forwardHost) === 0) {
      return err(problem(
        setting,
        `names this container at ${index}.forward_host, but its forward host ` +
          `"${target.forwardHost}" is not an address: use an IP address in the location`,
      ));
    }
    locations.push({ ...location, forward_host: target.forwardHost });
  }
  return ok(locations);
}
