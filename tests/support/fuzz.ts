/**
 * How many runs a property test makes: a few thousand in the suite, many
 * more under `deno task fuzz` (which sets `FUZZ=1`).
 *
 * @module
 */

/** `counts.fuzz` when the `FUZZ` env var is `1` (and may be read), else `counts.suite`. */
export function fuzzRuns(counts: { suite: number; fuzz: number }): number {
  const readable =
    Deno.permissions.querySync({ name: "env", variable: "FUZZ" }).state === "granted";
  return readable && Deno.env.get("FUZZ") === "1" ? counts.fuzz : counts.suite;
}
