/**
 * The memory floor of `deno task bench real`: a process that only loads
 * EnvoyNPM's runtime dependencies (zod, neverthrow, LogTape) and idles until
 * it is killed. It prints `ready` once they are loaded.
 *
 * @module
 */
import { configure, getConsoleSink, getLogger } from "@logtape/logtape";
import { ok } from "neverthrow";
import { z } from "zod";

await configure({
  sinks: { console: getConsoleSink() },
  loggers: [{ category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] }],
});
const schema = z.object({ ready: z.boolean() });
const ready = ok(schema.parse({ ready: true })).map((value) => value.ready);
getLogger(["floor"]).debug("loaded");
console.log(ready.isOk() ? "ready" : "not ready");
setInterval(() => {}, 1 << 30);
