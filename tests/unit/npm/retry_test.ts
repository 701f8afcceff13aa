import assert from "node:assert/strict";
import fc from "fast-check";
import { errAsync, okAsync, type ResultAsync } from "neverthrow";
import { backoffDelay, isRetryable, type RetryOptions, withRetry } from "../../../lib/npm/retry.ts";
import type { NpmError } from "../../../lib/npm/types.ts";

const URL = "http://npm:81/api/";
const unreachable: NpmError = { kind: "npm_unreachable", url: URL, cause: "Connection refused" };
const rejected: NpmError = { kind: "npm_rejected", url: URL, status: 400, message: "Bad" };

Deno.test("backoffDelay() stays within [0, min(max, base·2^attempt)]", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 1, max: 10_000 }),
      fc.integer({ min: 1, max: 100_000 }),
      fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      (attempt, baseMs, maxMs, r) => {
        const delay = backoffDelay(attempt, { baseMs, maxMs, random: () => r });
        assert.ok(delay >= 0);
        assert.ok(delay <= Math.min(maxMs, baseMs * 2 ** attempt));
        assert.ok(Number.isInteger(delay));
      },
    ),
  );
});

Deno.test("backoffDelay() doubles its ceiling per attempt until the cap", () => {
  const ceiling = (attempt: number) =>
    backoffDelay(attempt, { baseMs: 250, maxMs: 8_000, random: () => 0.999999 });
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 30, 2000].map(ceiling), [
    249,
    499,
    999,
    1999,
    3999,
    7999,
    7999,
    7999,
    7999,
  ]);
});

Deno.test("backoffDelay() is full jitter: random 0 gives 0, the spread covers the range", () => {
  assert.equal(backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: () => 0 }), 0);
  const delays = [0, 0.25, 0.5, 0.75].map((r) =>
    backoffDelay(3, { baseMs: 100, maxMs: 10_000, random: () => r })
  );
  assert.deepEqual(delays, [0, 200, 400, 600]);
});

Deno.test("backoffDelay() treats a negative attempt as the first", () => {
  assert.equal(backoffDelay(-3, { baseMs: 100, maxMs: 1000, random: () => 0.5 }), 50);
});

Deno.test("isRetryable() retries transport and server failures only", () => {
  const table: [NpmError, boolean][] = [
    [unreachable, true],
    [{ kind: "npm_timeout", url: URL, timeoutMs: 10 }, true],
    [{ kind: "npm_server_error", url: URL, status: 503, message: "x" }, true],
    [rejected, false],
    [{ kind: "npm_not_found", url: URL, message: "Not Found" }, false],
    [{ kind: "npm_auth_failed", email: "a@b.c", message: "x" }, false],
    [{ kind: "npm_two_factor", email: "a@b.c" }, false],
    [{ kind: "npm_domain_in_use", domain: "a.lan", message: "x" }, false],
    [{ kind: "npm_bad_response", url: URL, detail: "x" }, false],
  ];
  for (const [error, expected] of table) assert.equal(isRetryable(error), expected, error.kind);
});

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
