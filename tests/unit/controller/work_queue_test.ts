import assert from "node:assert/strict";
import { WorkQueue } from "../../../lib/controller/work_queue.ts";
import { FakeClock } from "../../support/fake_clock.ts";

/** A queue on a clock the test moves. */
function queueAt(options: { baseDelayMs?: number; maxDelayMs?: number } = {}) {
  const clock = new FakeClock();
  const queue = new WorkQueue({ ...options, clock });
  return { queue, clock };
}

/** `next` with a signal that aborts after `ms` of real time (so a wait does not hang the test). */
function nextWithin(queue: WorkQueue, ms = 30): Promise<string[] | undefined> {
  return queue.next(AbortSignal.timeout(ms));
}

Deno.test("WorkQueue keeps one entry per key whatever the number of adds", () => {
  const { queue } = queueAt();
  for (let i = 0; i < 10_000; i++) queue.add("a");
  for (let i = 0; i < 100; i++) queue.addRateLimited("b");
  for (let i = 0; i < 100; i++) queue.add("b");
  assert.equal(queue.size, 2);
  for (let key = 0; key < 1_000; key++) {
    for (let i = 0; i < 20; i++) queue.add(`c${key}`);
  }
  assert.equal(queue.size, 1_002, "bounded by the number of distinct keys");
});

Deno.test("WorkQueue coalesces a burst into one entry at the earliest time, and next takes due keys oldest first", async () => {
  const { queue, clock } = queueAt();
  queue.add("a");
  clock.ms = 1;
  queue.add("b");
  clock.ms = 2;
  queue.add("c");
  queue.add("a");
  queue.add("b");
  assert.deepEqual(await nextWithin(queue), ["a", "b", "c"]);
  assert.equal(queue.size, 0);
  assert.equal(queue.has("a"), false);
  assert.equal(await nextWithin(queue), undefined, "nothing left: waits until the abort");
});

Deno.test("WorkQueue.addRateLimited() doubles the delay per failure up to the cap, and forget() resets it", async () => {
  const { queue, clock } = queueAt({ baseDelayMs: 1_000, maxDelayMs: 5_000 });
  const delays = [];
  for (let i = 0; i < 6; i++) delays.push(queue.addRateLimited("k"));
  assert.deepEqual(delays, [1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
  assert.equal(queue.size, 1);
  // The entry kept the earliest time it was given: 1 s.
  clock.ms = 999;
  assert.equal(await nextWithin(queue), undefined);
  clock.ms = 1_000;
  assert.deepEqual(await nextWithin(queue), ["k"]);

  queue.forget("k");
  assert.equal(queue.addRateLimited("k"), 1_000);
});

Deno.test("WorkQueue defaults to a 1 s first retry and a 30 s cap", () => {
  const { queue } = queueAt();
  const delays = Array.from({ length: 7 }, () => queue.addRateLimited("k"));
  assert.deepEqual(delays, [1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
});

Deno.test("WorkQueue.addAfter() waits, and an earlier add wins", async () => {
  const { queue, clock } = queueAt();
  queue.addAfter("k", 1_500);
  assert.equal(await nextWithin(queue), undefined, "not due yet");
  queue.add("k");
  assert.deepEqual(await nextWithin(queue), ["k"]);
  assert.equal(queue.size, 0);
  queue.addAfter("j", 1_500);
  clock.ms = 1_500;
  assert.deepEqual(await nextWithin(queue), ["j"]);
});

Deno.test("WorkQueue.expedite() makes backing-off keys due, not settling ones", async () => {
  const { queue, clock } = queueAt();
  queue.addRateLimited("a");
  queue.addRateLimited("a");
  queue.addAfter("b", 10_000);
  queue.expedite();
  assert.deepEqual(await nextWithin(queue), ["a"]);
  assert.ok(queue.isWaiting("b"), "a stop still settles");
  assert.equal(queue.addRateLimited("a"), 1_000, "backoff starts over");
  clock.ms = 10_000;
  assert.deepEqual((await nextWithin(queue))?.sort(), ["a", "b"]);
});

Deno.test("WorkQueue.addAfter() settles from the last stop, not the first", async () => {
  const { queue, clock } = queueAt();
  queue.addAfter("k", 1_500); // die at 0
  clock.ms = 1_000;
  queue.addAfter("k", 1_500); // stop at 1 000: due at 2 500, not 1 500
  clock.ms = 1_600;
  assert.equal(await nextWithin(queue), undefined, "still settling");
  assert.ok(queue.isWaiting("k"));
  clock.ms = 2_500;
  assert.deepEqual(await nextWithin(queue), ["k"]);
});

Deno.test("WorkQueue.addAfter() delays a key that is due: a stop just after a start settles", async () => {
  const { queue, clock } = queueAt();
  queue.add("k"); // start at 0, not taken yet
  clock.ms = 50;
  queue.addAfter("k", 1_500); // stop at 50
  assert.equal(await nextWithin(queue), undefined, "the start's due time is gone");
  clock.ms = 1_549;
  assert.equal(await nextWithin(queue), undefined);
  clock.ms = 1_550;
  assert.deepEqual(await nextWithin(queue), ["k"]);
});

Deno.test("WorkQueue.addAfter() waits at most twice its delay from the first stop: a flapping key is taken", async () => {
  const { queue, clock } = queueAt();
  const taken: number[] = [];
  // A stop every 200 ms, a start between; a worker that looks only right after a stop.
  for (clock.ms = 0; clock.ms <= 6_400; clock.ms += 100) {
    if (clock.ms % 200 !== 0) {
      queue.add("k");
      continue;
    }
    queue.addAfter("k", 1_500);
    if (await nextWithin(queue, 5)) taken.push(clock.ms);
  }
  assert.deepEqual(taken, [3_000, 6_200], "3 s after the first stop since it was last taken");
});

Deno.test("WorkQueue.addAfter() never shortens a backoff, nor a backoff or expedite() a settle", async () => {
  const { queue, clock } = queueAt({ baseDelayMs: 4_000 });
  queue.addRateLimited("backoff"); // due at 4 s
  queue.addAfter("backoff", 1_500);
  queue.addRateLimited("settle"); // due at 4 s
  queue.addAfter("settle", 6_000);
  clock.ms = 3_999;
  assert.equal(await nextWithin(queue), undefined, "the backoff outlasts a 1.5 s settle");
  clock.ms = 4_000;
  assert.deepEqual(await nextWithin(queue), ["backoff"], "a 6 s settle outlasts the backoff");
  queue.expedite();
  assert.ok(queue.isWaiting("settle"), "NPM's return does not end a settle");
  clock.ms = 6_000;
  assert.deepEqual(await nextWithin(queue), ["settle"]);
  // A stop while its reconcile runs, then the reconcile fails: the backoff comes after the settle.
  queue.addAfter("settle", 6_000);
  assert.equal(queue.addRateLimited("settle"), 4_000);
  clock.ms = 11_999;
  assert.equal(await nextWithin(queue), undefined, "due at 12 s, not 10 s");
  clock.ms = 12_000;
  assert.deepEqual(await nextWithin(queue), ["settle"]);
});

Deno.test("WorkQueue.add() does not shorten a backoff, but queues a key taken since", async () => {
  const { queue, clock } = queueAt({ baseDelayMs: 1_000 });
  queue.addRateLimited("k");
  for (let i = 0; i < 50; i++) queue.add("k");
  clock.ms = 500;
  assert.equal(await nextWithin(queue), undefined, "still backing off");
  clock.ms = 1_000;
  assert.deepEqual(await nextWithin(queue), ["k"]);
  // Taken, being reconciled: a new event must queue it again, now.
  queue.add("k");
  assert.deepEqual(await nextWithin(queue), ["k"]);
});

Deno.test("WorkQueue.next() returns only due keys and leaves the delayed ones", async () => {
  const { queue, clock } = queueAt({ baseDelayMs: 100 });
  queue.addRateLimited("late");
  queue.add("now");
  assert.deepEqual(await nextWithin(queue), ["now"]);
  assert.equal(queue.has("late"), true);
  clock.ms = 100;
  assert.deepEqual(await nextWithin(queue), ["late"]);
});

Deno.test("WorkQueue.next() wakes on add and when a delay runs out", async () => {
  const { queue, clock } = queueAt({ baseDelayMs: 40 });
  const waiting = queue.next(AbortSignal.timeout(2_000));
  await clock.advance(10);
  queue.add("a");
  assert.deepEqual(await waiting, ["a"]);

  queue.addRateLimited("b");
  let taken: string[] | undefined;
  queue.next(AbortSignal.timeout(2_000)).then((keys) => taken = keys);
  await clock.advance(39);
  assert.equal(taken, undefined, "still backing off at 39 ms");
  await clock.advance(1);
  assert.deepEqual(taken, ["b"]);
});

Deno.test("WorkQueue.next() resolves undefined on abort, at once when already aborted", async () => {
  const queue = new WorkQueue();
  assert.equal(await queue.next(AbortSignal.abort()), undefined);
  queue.add("a");
  assert.equal(await queue.next(AbortSignal.abort()), undefined, "an aborted signal wins");
  assert.equal(queue.has("a"), true, "and takes nothing");

  const empty = new WorkQueue();
  const controller = new AbortController();
  const waiting = empty.next(controller.signal);
  const started = performance.now();
  setTimeout(() => controller.abort(), 10);
  assert.equal(await waiting, undefined);
  assert.ok(performance.now() - started < 500);
});
