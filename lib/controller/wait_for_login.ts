/**
 * The first login to NPM. NPM may not be up yet at boot (CasaOS starts
 * everything at once), so unreachable is retried; refused credentials are
 * final.
 *
 * @module
 */
import { err, ok, type Result } from "neverthrow";
import type { NpmApi, NpmError } from "../npm/types.ts";
import type { ControllerListener } from "./reports.ts";
import { describeNpmError } from "../npm/describe_error.ts";
import { backoffDelay, sleep } from "../timing/mod.ts";

/** A login NPM refused: wrong credentials or a two-factor account. Exit code 3. */
export type LoginRefused = Extract<NpmError, { kind: "npm_auth_failed" | "npm_two_factor" }>;

/**
 * Logs in, retrying with capped backoff while NPM cannot be reached.
 * `Ok(true)` once logged in, `Ok(false)` when `signal` aborted first.
 */
export async function waitForLogin(
  npm: NpmApi,
  options: { signal: AbortSignal; emit: ControllerListener; maxDelayMs?: number },
): Promise<Result<boolean, LoginRefused>> {
  let failures = 0;
  while (!options.signal.aborted) {
    const login = await npm.login();
    if (login.isOk()) {
      options.emit({ type: "npm_answer", ok: true });
      return ok(true);
    }
    const error = login.error;
    if (error.kind === "npm_auth_failed" || error.kind === "npm_two_factor") return err(error);
    if (failures === 0) {
      options.emit({
        type: "problem",
        problem: {
          severity: "warning",
          code: error.kind,
          message: `${describeNpmError(error)}; retrying until it answers`,
        },
      });
    }
    options.emit({ type: "npm_answer", ok: false });
    failures += 1;
    const delayMs = backoffDelay(failures - 1, {
      baseMs: 1_000,
      maxMs: options.maxDelayMs ?? 30_000,
    });
    await sleep(delayMs, options.signal);
  }
  return ok(false);
}
