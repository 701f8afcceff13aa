import assert from "node:assert/strict";
import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { type RetryOptions, withRetry } from "../../../lib/npm/retry.ts";
import type { NpmError } from "../../../lib/npm/types.ts";

const URL = "http://npm:81/api/";
const unreachable: NpmError = { kind: "npm_unreachable", url: URL, cause: "Connection refused" };
const rejected: NpmError = { kind: "npm_rejected", url: URL, status: 400, message: "Bad" };

function scripted(outcomes: ResultAsync<string, NpmError>[]) {
  const attempts: number[] = [];
  const run = (attempt: number) => {
    attempts.push(attempt);
    return outcomes[attempt];
  };
  return { run, attempts };
}

function options(sleeps: number[], extra: Partial<RetryOptions> = {}): RetryOptions {
  return {
    attempts: 4,
    baseMs: 100,
    maxMs: 1000,
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...extra,
  };
}

Deno.test("withRetry() retries a transient failure with growing delays, then succeeds", async () => {
  const { run, attempts } = scripted([
    errAsync(unreachable),
    errAsync(unreachable),
    okAsync("done"),
  ]);
  const sleeps: number[] = [];
  const result = await withRetry(run, options(sleeps));
  assert.deepEqual(result._unsafeUnwrap(), "done");
  assert.deepEqual(attempts, [0, 1, 2]);
  assert.deepEqual(sleeps, [50, 100]);
});

Deno.test("withRetry() gives up after the last attempt with the last error", async () => {
  const last: NpmError = { kind: "npm_server_error", url: URL, status: 502, message: "Bad" };
  const { run, attempts } = scripted([
    errAsync(unreachable),
    errAsync(unreachable),
    errAsync(unreachable),
    errAsync(last),
  ]);
  const sleeps: number[] = [];
  const result = await withRetry(run, options(sleeps));
  assert.deepEqual(result._unsafeUnwrapErr(), last);
  assert.deepEqual(attempts, [0, 1, 2, 3]);
  assert.equal(sleeps.length, 3);
});

Deno.test("withRetry() does not retry a permanent failure", async () => {
  const { run, attempts } = scripted([errAsync(rejected), okAsync("never")]);
  const sleeps: number[] = [];
  const result = await withRetry(run, options(sleeps));
  assert.deepEqual(result._unsafeUnwrapErr(), rejected);
  assert.deepEqual(attempts, [0]);
  assert.deepEqual(sleeps, []);
});

Deno.test("withRetry() stops when the signal aborts during the pause", async () => {
  const controller = new AbortController();
  const { run, attempts } = scripted([errAsync(unreachable), okAsync("never")]);
  const result = await withRetry(run, {
    ...options([]),
    signal: controller.signal,
    sleep: () => {
      controller.abort();
      return Promise.reject(new DOMException("Aborted", "AbortError"));
    },
  });
  assert.deepEqual(result._unsafeUnwrapErr(), unreachable);
  assert.deepEqual(attempts, [0]);
});
