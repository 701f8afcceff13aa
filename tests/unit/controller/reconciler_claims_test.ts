import assert from "node:assert/strict";
import { container, ownerMeta } from "../../support/model_factories.ts";
import { LIST, setup } from "./_setup.ts";

const SHARED = { NPM_HOST: "shared.lan", NPM_PORT: "80" };

Deno.test("Reconciler: of two running containers claiming one domain, the first keeps it and the second is warned once", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const first = docker.put(container("first", SHARED));
  const second = docker.put(container("second", { ...SHARED, NPM_PORT: "81" }));
  await reconciler.reconcile([first.id]);
  const host = npm.hostFor("shared.lan")!;
  npm.clearCalls();

  for (let round = 0; round < 3; round++) {
    const result = await reconciler.reconcile([second.id, first.id]);
    assert.deepEqual(result.retry, []);
  }
  assert.deepEqual(npm.calls, [...LIST, ...LIST, ...LIST]);
  assert.equal(npm.host(host.id)!.meta.container_id, first.id);
  assert.equal(npm.host(host.id)!.forward_port, 80);
  assert.deepEqual(problems().map((p) => [p.code, p.containerName, p.domain]), [
    ["domain_conflict", "second", "shared.lan"],
  ]);
  assert.match(problems()[0].message, /second and first both ask for shared\.lan/);
});

Deno.test("Reconciler: two containers claiming one domain in the same first batch make one host", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const first = docker.put(container("first", SHARED));
  const second = docker.put(container("second", SHARED));
  await reconciler.reconcile([first.id, second.id]);
  assert.deepEqual(npm.calls, [...LIST, "POST /proxy-hosts shared.lan", ...LIST]);
  assert.equal(npm.hostFor("shared.lan")!.meta.container_id, first.id);
  assert.deepEqual(problems().map((p) => [p.code, p.containerName]), [
    ["domain_conflict", "second"],
  ]);
});

Deno.test("Reconciler: when the holder stops, the other claimant takes the host over in ONE write", async (t) => {
  const cases = [
    { desc: "only the holder's event", keys: (a: string) => [a] },
    { desc: "the holder removed", keys: (a: string) => [a], remove: true },
    { desc: "both in one batch, holder first", keys: (a: string, b: string) => [a, b] },
    { desc: "both in one batch, claimant first", keys: (a: string, b: string) => [b, a] },
  ];
  for (const { desc, keys, remove } of cases) {
    await t.step(desc, async () => {
      const { docker, npm, reconciler, problems } = setup();
      const first = docker.put(container("first", SHARED));
      const second = docker.put(container("second", { ...SHARED, NPM_PORT: "81" }));
      await reconciler.reconcile([first.id, second.id]);
      const hostId = npm.hostFor("shared.lan")!.id;
      npm.clearCalls();

      if (remove) docker.remove(first.id);
      else docker.stop(first.id);
      await reconciler.reconcile(keys(first.id, second.id));
      assert.deepEqual(npm.calls, [...LIST, `PUT ${hostId}`, ...LIST]);
      const host = npm.host(hostId)!;
      assert.equal(host.enabled, true, "never disabled on the way");
      assert.equal(host.meta.container_id, second.id);
      assert.equal(host.forward_port, 81);
      assert.equal(host.meta.comments, "[EnvoyNPM Managed] Linked to: second (shared.lan)");

      // A few resyncs later: still one host, no flapping, no new warning.
      for (let round = 0; round < 3; round++) await reconciler.reconcile([first.id, second.id]);
      assert.deepEqual(npm.writes(), [`PUT ${hostId}`]);
      assert.equal(npm.hosts().length, 1);
      assert.equal(problems().filter((p) => p.code === "domain_conflict").length, 1);

      // The first comes back: the host stays with the second, and the first is warned.
      docker.put(first);
      await reconciler.reconcile([first.id]);
      assert.deepEqual(npm.writes(), [`PUT ${hostId}`]);
      assert.equal(npm.host(hostId)!.meta.container_id, second.id);
      assert.deepEqual(problems().at(-1)?.containerName, "first");
    });
  }
});

Deno.test("Reconciler: a create answered 'already in use' is treated as foreign, warned once, not retried", async (t) => {
  const cases = [
    { desc: "a proxy host made by hand", code: "foreign_host", redirection: false },
    { desc: "a redirection host made by hand", code: "other_host_kind", redirection: true },
  ];
  for (const { desc, code, redirection } of cases) {
    await t.step(desc, async () => {
      const { docker, npm, reconciler, problems } = setup();
      const web = docker.put(container("web", { NPM_HOST: "race.lan", NPM_PORT: "80" }));
      let handMade: number | undefined;
      npm.onCall = (call) => {
        // Someone makes the domain by hand between our list and our create.
        if (!call.startsWith("POST /proxy-hosts") || handMade !== undefined) return;
        if (redirection) npm.otherDomains.push("race.lan");
        handMade = redirection ? 0 : npm.seed({ domain_names: ["race.lan"], meta: {} }).id;
      };
      const result = await reconciler.reconcile([web.id]);
      assert.deepEqual(result, { retry: [], done: [web.id] });
      assert.deepEqual(npm.calls, [...LIST, "POST /proxy-hosts race.lan", ...LIST]);

      for (let round = 0; round < 3; round++) await reconciler.reconcile([web.id]);
      assert.deepEqual(npm.writes(), ["POST /proxy-hosts race.lan"], "no retry loop");
      assert.deepEqual(problems().map((p) => [p.code, p.containerName, p.domain]), [
        [code, "web", "race.lan"],
      ]);
      if (!redirection) assert.match(problems()[0].message, new RegExp(`#${handMade}\\b`));
    });
  }
});

Deno.test("Reconciler: a host nginx refused is one error naming the container and nginx's message, and no retry loop", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const web = docker.put(
    container("web", {
      NPM_HOST: "bad-nginx.lan",
      NPM_PORT: "80",
      NPM_ADVANCED_CONFIG: "this is not nginx;",
    }),
  );
  const result = await reconciler.reconcile([web.id]);
  assert.deepEqual(result, { retry: [], done: [web.id] });
  assert.deepEqual(npm.calls, [...LIST, "POST /proxy-hosts bad-nginx.lan", ...LIST]);
  const host = npm.hostFor("bad-nginx.lan")!;
  assert.equal(host.meta.nginx_online, false);
  const errors = problems().filter((p) => p.severity === "error");
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, "nginx_rejected");
  assert.equal(errors[0].containerName, "web");
  assert.match(errors[0].message, /container web/);
  assert.match(errors[0].message, /unknown directive "this"/);

  npm.clearCalls();
  for (let round = 0; round < 3; round++) await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.writes(), []);
  assert.equal(problems().length, 1);

  // The user fixes the setting: one PUT, and the error clears (a later relapse is reported again).
  docker.put({ ...web, env: { ...web.env, NPM_ADVANCED_CONFIG: "# fine" } });
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.writes(), [`PUT ${host.id}`]);
  assert.equal(npm.host(host.id)!.meta.nginx_online, true);
  docker.put(web);
  await reconciler.reconcile([web.id]);
  assert.equal(problems().filter((p) => p.code === "nginx_rejected").length, 2);
});

Deno.test("Reconciler: a container that changes its domain moves its host there in one write", async () => {
  const { docker, npm, reconciler } = setup();
  const web = docker.put(container("web", { NPM_HOST: "old.lan", NPM_PORT: "80" }));
  await reconciler.reconcile([web.id]);
  const old = npm.hostFor("old.lan")!;
  npm.clearCalls();
  docker.put({ ...web, env: { NPM_HOST: "new.lan", NPM_PORT: "80" } });
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST, `PUT ${old.id}`, ...LIST]);
  assert.deepEqual(npm.host(old.id)!.domain_names, ["new.lan"]);
  assert.equal(npm.host(old.id)!.enabled, true);
});

Deno.test("Reconciler: a refused host found at start-up is told once, naming its container from the start", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const bad = 'nginx: [emerg] unknown directive "this" in /data/nginx/proxy_host/1.conf:37\n' +
    "nginx: configuration file /etc/nginx/nginx.conf test failed\n";
  const web = docker.put(container("web", {
    NPM_HOST: "bad-nginx.lan",
    NPM_PORT: "80",
    NPM_ADVANCED_CONFIG: "this is not nginx;",
  }));
  npm.seed({
    domain_names: ["bad-nginx.lan"],
    meta: { ...ownerMeta(web.id), nginx_online: false, nginx_err: bad },
  });
  // Start-up: the resync lists first, then reconciles; later an event reconciles the container.
  await reconciler.reconcile((await reconciler.resyncKeys())!);
  await reconciler.reconcile([web.id]);
  const refused = problems().filter((p) => p.code === "nginx_rejected");
  assert.equal(refused.length, 1, JSON.stringify(refused));
  assert.equal(refused[0].containerName, "web");
  assert.match(refused[0].message, /container web,/);
  assert.ok(!refused[0].message.includes("\n"), "the message is one line");
  assert.equal(refused[0].detail, bad, "nginx's text, unfolded");
});
