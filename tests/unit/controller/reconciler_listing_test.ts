/** A reconcile soon after a listing plans on it (npm_listing.ts), and stays honest about it. */
import assert from "node:assert/strict";
import { container } from "../../support/model_factories.ts";
import { NPM_DOWN } from "../../support/npm_errors.ts";
import { LIST, setup } from "./_setup.ts";

const APP = { NPM_HOST: "app.lan", NPM_PORT: "8080" };

Deno.test("Reconciler with listingReuseMs plans on the last listing: an event's write comes first", async () => {
  const { docker, npm, reconciler } = setup({ listingReuseMs: 5_000 });
  const web = docker.put(container("web", APP));
  await reconciler.reconcile([web.id]);
  npm.clearCalls();
  docker.stop(web.id);
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [`POST ${npm.hostFor("app.lan")!.id}/disable`, `PUT 1`, ...LIST]);
});

Deno.test("Reconciler with listingReuseMs lists anyway when asked fresh (a resync)", async () => {
  const { docker, npm, real } = setup({ listingReuseMs: 5_000 });
  const web = docker.put(container("web", APP));
  await real.reconcile([web.id]);
  npm.clearCalls();
  const outcome = await real.reconcile([web.id], { fresh: true });
  assert.deepEqual(npm.calls, [...LIST]);
  assert.deepEqual(outcome.npm, { ok: true });
  npm.clearCalls();
  const reused = await real.reconcile([web.id]);
  assert.deepEqual(npm.calls, [], "in sync on the kept listing: no read, no write");
  assert.equal(reused.npm, undefined, "a kept listing is no news of NPM's health");
});

Deno.test("Reconciler with listingReuseMs plans again on a fresh listing when NPM refuses a write planned on the kept one", async () => {
  const { docker, npm, real, problems } = setup({ listingReuseMs: 5_000 });
  const web = docker.put(container("web", APP));
  await real.reconcile([web.id]);
  const id = npm.hostFor("app.lan")!.id;
  // Deleted by hand in NPM's UI after the listing; then the app's port changes.
  await npm.deleteProxyHost(id);
  npm.clearCalls();
  docker.put({ ...web, env: { ...APP, NPM_PORT: "9090" } });
  const outcome = await real.reconcile([web.id]);
  assert.deepEqual(npm.calls, [`PUT ${id}`, ...LIST, "POST /proxy-hosts app.lan", ...LIST]);
  assert.equal(npm.hostFor("app.lan")!.forward_port, 9090);
  assert.deepEqual(outcome.retry, []);
  assert.deepEqual(problems(), [], "a stale listing is no problem of the user's");
});

Deno.test("Reconciler with listingReuseMs lists again after a write failed", async () => {
  const { docker, npm, real } = setup({ listingReuseMs: 5_000 });
  const web = docker.put(container("web", APP));
  await real.reconcile([web.id]);
  npm.failNext("POST 1/disable", NPM_DOWN);
  docker.stop(web.id);
  const failed = await real.reconcile([web.id]);
  assert.deepEqual(failed.retry.map((retry) => retry.key), [web.id]);
  npm.clearCalls();
  await real.reconcile([web.id]);
  assert.deepEqual(npm.calls.slice(0, LIST.length), [...LIST]);
});
