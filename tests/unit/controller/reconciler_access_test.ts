/** Access lists and NPM's other switches through the reconciler, over the recording FakeNpm. */
import assert from "node:assert/strict";
import { container } from "../../support/model_factories.ts";
import { proxyHostRowSchema } from "../../../lib/npm/schemas.ts";
import { LIST, setup } from "./_setup.ts";

Deno.test("Reconciler creates a host with its access list and switches in one POST, then writes nothing", async () => {
  const { docker, npm, reconciler, events } = setup();
  npm.accessLists.push({ id: 3, name: "staff" });
  const web = docker.put(container("web", {
    NPM_HOST: "app.lan",
    NPM_PORT: "80",
    NPM_ACCESS_LIST: "staff",
    NPM_BLOCK_EXPLOITS: "true",
    NPM_CACHING: "true",
  }));
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST, "POST /proxy-hosts app.lan", ...LIST]);
  const host = npm.hostFor("app.lan")!;
  assert.equal(host.access_list_id, 3);
  assert.equal(host.block_exploits, true);
  assert.equal(host.caching_enabled, true);
  assert.equal(host.trust_forwarded_proto, false);
  const view = events.flatMap((e) => e.type === "container" ? [e.container] : []).at(-1)!;
  assert.deepEqual(view.hosts?.[0].accessList, { id: 3, name: "staff" });

  npm.clearCalls();
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST], "in sync: no write");
});

Deno.test("Reconciler publishes nothing for an access list NPM lacks, and warns once", async () => {
  const { docker, npm, reconciler, problems, events } = setup();
  const web = docker.put(
    container("web", { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_ACCESS_LIST: "staff" }),
  );
  await reconciler.reconcile([web.id]);
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.writes(), []);
  assert.equal(npm.hostFor("app.lan"), undefined);
  const warned = problems().filter((p) => p.code === "access_list");
  assert.equal(warned.length, 1);
  assert.match(warned[0].message, /Container web: NPM has no access list "staff"/);
  const view = events.flatMap((e) => e.type === "container" ? [e.container] : []).at(-1)!;
  assert.ok(view.hosts?.[0].accessList && "missing" in view.hosts?.[0].accessList);

  npm.accessLists.push({ id: 1, name: "staff" });
  await reconciler.reconcile([web.id]);
  assert.equal(npm.hostFor("app.lan")?.access_list_id, 1, "published once the list exists");
});

Deno.test("Reconciler disables our host when its access list is deleted, and restores it when it is back", async () => {
  const { docker, npm, reconciler } = setup();
  npm.accessLists.push({ id: 4, name: "staff" });
  const web = docker.put(
    container("web", { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_ACCESS_LIST: "4" }),
  );
  await reconciler.reconcile([web.id]);
  const id = npm.hostFor("app.lan")!.id;
  npm.accessLists.splice(0);
  npm.clearCalls();
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.writes(), [`POST ${id}/disable`, `PUT ${id}`]);
  assert.equal(npm.host(id)!.enabled, false);
  npm.clearCalls();
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.writes(), [], "disabled once");
  npm.accessLists.push({ id: 4, name: "staff" });
  await reconciler.reconcile([web.id]);
  assert.equal(npm.host(id)!.enabled, true);
});

Deno.test("Reconciler never sends trust_forwarded_proto to NPM 2.13, and warns once", async () => {
  const { docker, npm, reconciler, problems } = setup();
  npm.version = "2.13.7";
  const web = docker.put(
    container("web", { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_TRUST_FORWARDED_PROTO: "true" }),
  );
  await reconciler.reconcile([web.id]);
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.writes(), ["POST /proxy-hosts app.lan"]);
  const body = npm.bodies.get(LIST.length) as Record<string, unknown>;
  assert.ok(!("trust_forwarded_proto" in body), "not sent");
  assert.ok(!("trust_forwarded_proto" in (body.meta as { last_applied: object }).last_applied));
  assert.equal(problems().filter((p) => p.code === "npm_version").length, 1);
});

Deno.test("Reconciler sends trust_forwarded_proto to NPM 2.14 and newer", async () => {
  const { docker, npm, reconciler, problems } = setup();
  const web = docker.put(
    container("web", { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_TRUST_FORWARDED_PROTO: "true" }),
  );
  await reconciler.reconcile([web.id]);
  assert.equal(npm.hostFor("app.lan")!.trust_forwarded_proto, true);
  assert.deepEqual(problems(), []);
});

Deno.test("Reconciler sends NPM_LOCATIONS with this container's name resolved, then writes nothing", async () => {
  const { docker, npm, reconciler } = setup();
  const location = { path: "/api", forward_scheme: "http", forward_host: "web", forward_port: 9 };
  const web = docker.put(container("web", {
    NPM_HOST: "app.lan",
    NPM_PORT: "80",
    NPM_LOCATIONS: JSON.stringify([location]),
  }));
  await reconciler.reconcile([web.id]);
  const host = npm.hostFor("app.lan")!;
  assert.deepEqual(host.locations, [{ ...location, forward_host: host.forward_host }]);
  assert.match(host.forward_host, /^\d+\.\d+\.\d+\.\d+$/);
  npm.clearCalls();
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.writes(), [], "in sync");
});

Deno.test("proxyHostRowSchema reads NPM's null locations as none, so an in-sync host never writes", () => {
  const row = proxyHostRowSchema.parse({
    id: 1,
    domain_names: ["a.lan"],
    forward_scheme: "http",
    forward_host: "10.0.0.1",
    forward_port: 80,
    allow_websocket_upgrade: 0,
    advanced_config: null,
    hsts_enabled: 0,
    enabled: 1,
    meta: null,
    locations: null,
  });
  assert.deepEqual(row.locations, []);
  assert.equal(row.access_list_id, 0);
  assert.equal(row.block_exploits, false);
  assert.equal(row.trust_forwarded_proto, undefined, "NPM before 2.14 has none");
});
