/**
 * EnvoyNPM's version. Its one source is `deno.json`'s `version`; the
 * `--version` command, `GET /api/state`, the dashboard and the release
 * workflow's tag check all read it from there.
 *
 * @module
 */
import denoJson from "../deno.json" with { type: "json" };

/** EnvoyNPM's version, e.g. `0.1.0`: `deno.json`'s `version`. */
export const VERSION: string = denoJson.version;
