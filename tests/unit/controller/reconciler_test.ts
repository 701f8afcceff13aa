import assert from "node:assert/strict";
import { container } from "../../support/model_factories.ts";
import { NPM_DOWN, NPM_REFUSED } from "../../support/npm_errors.ts";
import { LIST, NOW, setup } from "./_setup.ts";

const APP = { NPM_HOST: "app.lan", NPM_PORT: "8080" };
const LINKED = "[EnvoyNPM Managed] Linked to: web (app.lan)";
const DISABLED = "[EnvoyNPM Managed] DISABLED: Container stopped/died (app.lan)";

Deno.test("Reconciler creates a host for a new container in one write", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const web = docker.put(container("web", APP));
  const result = await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST, "POST /proxy-hosts app.lan", ...LIST]);
  assert.deepEqual(result, { retry: [], done: [web.id] });
  const host = npm.hostFor("app.lan");
  assert.ok(host);
  assert.equal(host.enabled, true);
  assert.equal(host.forward_host, web.networks[0].ip);
  assert.equal(host.forward_port, 8080);
  assert.equal(host.meta.managed_by, "EnvoyNPM");
  assert.equal(host.meta.container_id, web.id);
  assert.equal(host.meta.created_at, NOW);
  assert.equal(host.meta.comments, LINKED);
  assert.deepEqual(problems(), []);
});

Deno.test("Reconciler does nothing when in sync: only the two list calls, zero writes (TestDoNothing)", async () => {
  const { docker, npm, reconciler, events } = setup();
  const web = docker.put(container("web", APP));
  const stopped = docker.put(container("old", { NPM_HOST: "old.lan", NPM_PORT: "80" }));
  await reconciler.reconcile([web.id, stopped.id]);
  docker.stop(stopped.id);
  await reconciler.reconcile([stopped.id]);
  const rows = JSON.stringify(npm.hosts());
  npm.clearCalls();
  events.length = 0;

  const result = await reconciler.reconcile([web.id, stopped.id]);
  assert.deepEqual(npm.calls, [...LIST]);
  assert.deepEqual(result, { retry: [], done: [web.id, stopped.id] });
  assert.equal(JSON.stringify(npm.hosts()), rows);
  assert.equal(events.filter((event) => event.type === "action").length, 0);
  assert.equal(events.filter((event) => event.type === "problem").length, 0);
});

Deno.test("Reconciler never writes a host it does not own, and warns once (TestNotControlledByUs)", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const foreign = npm.seed({ domain_names: ["app.lan"], forward_port: 9999, meta: {} });
  const junk = npm.seed({
    domain_names: ["junk.lan"],
    meta: { managed_by: "someone-else", container_id: "x" },
  });
  const web = docker.put(container("web", APP));
  const other = docker.put(container("other", { NPM_HOST: "JUNK.lan", NPM_PORT: "80" }));
  for (let round = 0; round < 3; round++) {
    // Round 1 sees web stopped; round 2 sees it started again.
    if (round === 1) docker.stop(web.id);
    else docker.start(web.id);
    const result = await reconciler.reconcile([web.id, other.id]);
    assert.deepEqual(result.retry, []);
  }
  assert.deepEqual(npm.calls, [...LIST, ...LIST, ...LIST]);
  assert.deepEqual(npm.host(foreign.id), foreign);
  assert.deepEqual(npm.host(junk.id), junk);
  assert.deepEqual(problems().map((p) => [p.code, p.domain, p.containerName]), [
    ["foreign_host", "app.lan", "web"],
    ["foreign_host", "junk.lan", "other"],
  ]);
  assert.match(problems()[0].message, new RegExp(`#${foreign.id}\\b`));
});

Deno.test("Reconciler disables the host of a stopped container, then marks its meta, in that order", async () => {
  const { docker, npm, reconciler } = setup();
  const web = docker.put(container("web", APP));
  await reconciler.reconcile([web.id]);
  const created = npm.hostFor("app.lan")!;
  npm.clearCalls();

  docker.stop(web.id);
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [
    ...LIST,
    `POST ${created.id}/disable`,
    `PUT ${created.id}`,
    ...LIST,
  ]);
  const body = npm.bodies.get(LIST.length + 1) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body), ["meta"], "the meta PUT sends no field");
  const host = npm.host(created.id)!;
  assert.equal(host.enabled, false);
  assert.equal(host.meta.comments, DISABLED);
  assert.equal(host.meta.container_id, web.id);
  assert.equal(host.meta.created_at, NOW);
  assert.deepEqual(host.meta.last_applied, created.meta.last_applied);

  npm.clearCalls();
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST], "a stopped container with a retired host: no write");
});

Deno.test("Reconciler brings a restarted container's host back in one PUT with enabled", async () => {
  const { docker, npm, reconciler } = setup();
  const web = docker.put(container("web", APP));
  await reconciler.reconcile([web.id]);
  docker.stop(web.id);
  await reconciler.reconcile([web.id]);
  const hostId = npm.hostFor("app.lan")!.id;
  npm.clearCalls();

  docker.start(web.id);
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST, `PUT ${hostId}`, ...LIST]);
  const body = npm.bodies.get(LIST.length) as Record<string, unknown>;
  assert.equal(body.enabled, true);
  assert.equal((body.meta as Record<string, unknown>).comments, LINKED);
  const host = npm.host(hostId)!;
  assert.equal(host.enabled, true);
  assert.equal(host.meta.nginx_online, true);
  assert.equal(npm.hosts().length, 1);
});

Deno.test("Reconciler disables the host of a removed container", async () => {
  const { docker, npm, reconciler, events } = setup();
  const web = docker.put(container("web", APP));
  await reconciler.reconcile([web.id]);
  const hostId = npm.hostFor("app.lan")!.id;
  npm.clearCalls();
  docker.remove(web.id);
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST, `POST ${hostId}/disable`, `PUT ${hostId}`, ...LIST]);
  assert.ok(events.some((event) => event.type === "container_removed" && event.id === web.id));
  const disable = events.find((event) =>
    event.type === "action" && event.action.kind === "disable"
  );
  assert.ok(disable?.type === "action" && disable.action.containerName === "web");
});

Deno.test("Reconciler skips a domain held by a redirection or 404 host before any create", async () => {
  const { docker, npm, reconciler, problems } = setup();
  npm.otherDomains.push("App.Lan");
  const web = docker.put(container("web", APP));
  await reconciler.reconcile([web.id]);
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST, ...LIST]);
  assert.deepEqual(problems().map((p) => [p.code, p.severity, p.containerId]), [
    ["other_host_kind", "warning", web.id],
  ]);
});

Deno.test("Reconciler warns once about invalid settings and writes nothing, however often it runs", async () => {
  const { docker, npm, reconciler, problems, events } = setup();
  const bad = docker.put(container("bad", { NPM_HOST: "bad.lan", NPM_PORT: "80a" }));
  for (let round = 0; round < 3; round++) {
    const result = await reconciler.reconcile([bad.id]);
    assert.deepEqual(result, { retry: [], done: [bad.id] });
  }
  assert.deepEqual(npm.writes(), []);
  assert.equal(problems().length, 1);
  assert.equal(problems()[0].code, "invalid_settings");
  assert.equal(problems()[0].containerName, "bad");
  assert.match(problems()[0].message, /NPM_PORT.*80a/);
  const views = events.flatMap((event) => event.type === "container" ? [event.container] : []);
  assert.equal(views.at(-1)?.state, "invalid");

  // Fixed, then broken again: the warning comes back once.
  docker.put({ ...bad, env: { NPM_HOST: "bad.lan", NPM_PORT: "80" } });
  await reconciler.reconcile([bad.id]);
  docker.put(bad);
  await reconciler.reconcile([bad.id]);
  await reconciler.reconcile([bad.id]);
  assert.equal(problems().filter((p) => p.code === "invalid_settings").length, 2);
});

Deno.test("Reconciler returns a key in retry after a transient NPM error, not after a permanent one", async (t) => {
  const cases = [
    { desc: "502 from NPM's proxy", error: NPM_DOWN, retry: true },
    {
      desc: "timeout",
      error: { kind: "npm_timeout", url: "http://npm/api", timeoutMs: 10 } as const,
      retry: true,
    },
    { desc: "400 for the body as sent", error: NPM_REFUSED, retry: false },
  ];
  for (const { desc, error, retry } of cases) {
    await t.step(desc, async () => {
      const { docker, npm, reconciler, problems } = setup();
      const web = docker.put(container("web", APP));
      npm.failNext("POST /proxy-hosts", error);
      const result = await reconciler.reconcile([web.id]);
      assert.deepEqual(npm.calls, [...LIST, "POST /proxy-hosts app.lan"]);
      assert.deepEqual(
        result,
        retry ? { retry: [web.id], done: [] } : { retry: [], done: [web.id] },
      );
      // A refused write is one error, kept while it lasts; a transient one is only retried.
      assert.deepEqual(problems().map((p) => p.code), retry ? [] : ["create_refused"]);
      const actions = npm.hosts();
      assert.equal(actions.length, 0);
      // The next attempt converges.
      assert.deepEqual(await reconciler.reconcile([web.id]), { retry: [], done: [web.id] });
      assert.ok(npm.hostFor("app.lan"));
    });
  }
});

Deno.test("Reconciler retries every key when NPM cannot be listed, and reports it once", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const a = docker.put(container("a", { NPM_HOST: "a.lan", NPM_PORT: "1" }));
  const b = docker.put(container("b", { NPM_HOST: "b.lan", NPM_PORT: "2" }));
  npm.failNext("GET /proxy-hosts", NPM_DOWN, 2);
  assert.deepEqual(await reconciler.reconcile([a.id, b.id]), { retry: [a.id, b.id], done: [] });
  assert.deepEqual(await reconciler.reconcile([a.id, b.id]), { retry: [a.id, b.id], done: [] });
  assert.deepEqual(npm.writes(), []);
  assert.deepEqual(problems().map((p) => [p.code, p.severity]), [["npm_server_error", "error"]]);
  assert.deepEqual(await reconciler.reconcile([a.id, b.id]), { retry: [], done: [a.id, b.id] });
  assert.equal(npm.writes().length, 2);
});

Deno.test("Reconciler tells a write NPM keeps refusing once, and tries it at each reconcile", async () => {
  const { docker, npm, reconciler, events, problems } = setup();
  const web = docker.put(container("web", APP));
  npm.failNext("POST /proxy-hosts", NPM_REFUSED, 3);
  for (let i = 0; i < 3; i++) await reconciler.reconcile([web.id]);
  const posts = npm.calls.filter((call) => call.startsWith("POST /proxy-hosts"));
  assert.equal(posts.length, 3, "tried at each reconcile");
  const failed = events.filter((e) => e.type === "action" && e.outcome === "failed");
  assert.equal(failed.length, 1, "one failed action in logs and webhooks");
  assert.deepEqual(problems().map((p) => p.code), ["create_refused"]);
  await reconciler.reconcile([web.id]);
  assert.ok(npm.hostFor("app.lan"), "created once NPM accepts it");
});

Deno.test("Reconciler goes on with the other containers when one throws, and tells it once", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const good = docker.put(container("web", APP));
  const broken = docker.put({
    ...container("odd", { NPM_HOST: "odd.lan", NPM_PORT: "80" }),
    get env(): Record<string, string> {
      throw new Error("boom");
    },
  });
  for (let i = 0; i < 2; i++) {
    const result = await reconciler.reconcile([broken.id, good.id]);
    assert.deepEqual(result.retry, [broken.id]);
  }
  assert.ok(npm.hostFor("app.lan"), "the other container converged");
  assert.deepEqual(problems().map((p) => p.code), ["internal_error"], "told once");
});

Deno.test("Reconciler does not judge NPM down from a refused or failed write, only from reads", async () => {
  const { docker, npm, reconciler, events } = setup();
  const web = docker.put(container("web", APP));
  npm.failNext("POST /proxy-hosts", NPM_DOWN);
  await reconciler.reconcile([web.id]);
  const answers = events.flatMap((e) => e.type === "npm_answer" ? [e.ok] : []);
  assert.ok(answers.length > 0 && answers.every((ok) => ok), `answers: ${answers}`);
});

Deno.test("Reconciler emits each action with its outcome and host id", async () => {
  const { docker, npm, reconciler, events } = setup();
  const web = docker.put(container("web", APP));
  await reconciler.reconcile([web.id]);
  const hostId = npm.hostFor("app.lan")!.id;
  const actions = events.flatMap((event) => event.type === "action" ? [event] : []);
  assert.deepEqual(
    actions.map((a) => [a.action.kind, a.outcome, a.hostId, a.action.domain]),
    [["create", "ok", hostId, "app.lan"]],
  );
  assert.ok(events.some((event) => event.type === "reconcile" && event.containers === 1));
});

Deno.test("Reconciler retries a container Docker could not inspect, reports it once, and writes nothing", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const web = docker.put(container("web", APP));
  docker.inspectError = { kind: "docker_timeout", endpoint: "fake", path: "/x", timeoutMs: 5 };
  assert.deepEqual(await reconciler.reconcile([web.id]), { retry: [web.id], done: [] });
  assert.deepEqual(await reconciler.reconcile([web.id]), { retry: [web.id], done: [] });
  assert.deepEqual(npm.writes(), []);
  assert.deepEqual(problems().map((p) => [p.code, p.severity]), [["docker_timeout", "error"]]);
  docker.inspectError = undefined;
  assert.deepEqual(await reconciler.reconcile([web.id]), { retry: [], done: [web.id] });
  assert.deepEqual(npm.writes(), ["POST /proxy-hosts app.lan"]);
  // Docker fails again later: that is news again.
  docker.inspectError = { kind: "docker_timeout", endpoint: "fake", path: "/x", timeoutMs: 5 };
  await reconciler.reconcile([web.id]);
  assert.equal(problems().length, 2);
});

Deno.test("Reconciler shows a stopped container as stopped, with no problem, not as invalid", async () => {
  const { docker, reconciler, events, problems } = setup();
  const web = docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  await reconciler.reconcile([web.id]);
  docker.put({ ...web, running: false, networks: [{ name: "casaos", ip: "", gateway: "" }] });
  await reconciler.reconcile([web.id]);
  const views = events.flatMap((event) => event.type === "container" ? [event.container] : []);
  const last = views.at(-1)!;
  assert.equal(last.state, "stopped");
  assert.deepEqual(last.problems, []);
  assert.deepEqual(problems(), []);
});

Deno.test("Reconciler.reconcile() returns what happened as a value and reports no health itself", async () => {
  const { docker, npm, real, events } = setup();
  const web = docker.put(container("web", { NPM_HOST: "app.lan", NPM_PORT: "80" }));
  assert.deepEqual(await real.reconcile([web.id]), {
    done: [web.id],
    retry: [],
    npm: { ok: true },
    docker: { ok: true },
  });
  npm.failNext("GET /proxy-hosts", NPM_DOWN);
  assert.deepEqual(await real.reconcile([web.id]), {
    done: [],
    retry: [{ key: web.id, why: "NPM's hosts could not be read" }],
    npm: { ok: false, error: NPM_DOWN },
  });
  docker.inspectError = { kind: "docker_timeout", endpoint: "fake", path: "/x", timeoutMs: 5 };
  const inspectFailed = await real.reconcile([web.id]);
  assert.deepEqual(inspectFailed.retry, [{ key: web.id, why: "Docker could not inspect it" }]);
  assert.equal(inspectFailed.docker?.ok, false);
  assert.deepEqual(
    events.filter((event) => event.type === "npm_answer" || event.type === "problem"),
    [],
    "health is the controller's to report",
  );
});

Deno.test("Reconciler reports a skip once while it lasts, and shows it on the container's view", async () => {
  const { docker, npm, reconciler, events } = setup();
  const foreign = npm.seed({ domain_names: ["app.lan"], meta: {} });
  const web = docker.put(container("web", APP));
  for (let round = 0; round < 3; round++) await reconciler.reconcile([web.id]);
  const skips = events.filter((event) => event.type === "action" && event.action.kind === "skip");
  assert.equal(skips.length, 1);
  const views = events.flatMap((event) => event.type === "container" ? [event.container] : []);
  assert.equal(views.length, 3);
  for (const view of views) {
    assert.deepEqual(view.hosts?.[0].skip, {
      domain: "app.lan",
      reason: "foreign_host",
      hostId: foreign.id,
      since: NOW,
    });
  }
});
