/** HTTPS through the reconciler: the certificate a host gets, and the two steps to a new one. */
import assert from "node:assert/strict";
import { container } from "../../support/model_factories.ts";
import { LIST, NOW, setup } from "./_setup.ts";

const DAY = 86_400_000;
const now = Date.parse(NOW);

Deno.test("Reconciler requests a certificate in two steps: the plain host serves, then the request, then one PUT", async () => {
  const { docker, npm, reconciler, events } = setup();
  const web = docker.put(
    container("web", { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_SSL_REQUEST: "true" }),
  );
  const result = await reconciler.reconcile([web.id]);
  assert.deepEqual(result, { retry: [], done: [web.id] });
  const host = npm.hostFor("app.lan")!;
  assert.deepEqual(npm.calls, [
    ...LIST,
    "POST /proxy-hosts app.lan",
    "POST /certificates app.lan",
    `PUT ${host.id}`,
    ...LIST,
  ]);
  assert.equal(host.certificate_id, 100);
  assert.equal(host.ssl_forced, true);
  assert.equal(host.http2_support, true);
  const created = npm.bodies.get(LIST.length) as { certificate_id: number };
  assert.equal(created.certificate_id, 0, "the create is plain");
  const view = events.flatMap((e) => e.type === "container" ? [e.container] : []).at(-1)!;
  assert.deepEqual(view.hosts?.[0].tls, {
    certificate: { id: 100, name: "app.lan", expiresAt: "2025-04-02T00:00:00.000Z" },
  });

  npm.clearCalls();
  await reconciler.reconcile([web.id]);
  assert.deepEqual(npm.calls, [...LIST], "in sync: nothing more");
});

Deno.test("Reconciler asks Let's Encrypt again only after the backoff, not at every resync", async () => {
  let clock = now;
  const { docker, npm, reconciler, problems } = setup({ now: () => new Date(clock) });
  npm.letsencryptOk = false;
  const web = docker.put(
    container("web", { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_SSL_REQUEST: "true" }),
  );
  const requests = () => npm.calls.filter((call) => call.startsWith("POST /certificates")).length;
  await reconciler.reconcile([web.id]);
  assert.equal(requests(), 1);
  const warned = problems().filter((p) => p.code === "certificate");
  assert.equal(warned.length, 1);
  assert.match(warned[0].message, /failed.*HTTP only/);
  for (let minutes = 5; minutes < 60; minutes += 5) {
    clock = now + minutes * 60_000;
    await reconciler.reconcile([web.id]);
  }
  assert.equal(requests(), 1, "no request during the hour");
  assert.equal(problems().filter((p) => p.code === "certificate").length, 1, "warned once");
  npm.letsencryptOk = true;
  clock = now + 61 * 60_000;
  await reconciler.reconcile([web.id]);
  assert.equal(requests(), 2);
  assert.ok(npm.hostFor("app.lan")!.certificate_id > 0);
});

Deno.test("Reconciler picks a wildcard over an expired exact certificate, and falls back to HTTP when it goes", async () => {
  const { docker, npm, reconciler, problems, events } = setup();
  npm.certificates.push(
    { id: 1, niceName: "old", domainNames: ["app.lan"], expiresAt: now - DAY, provider: "other" },
    {
      id: 2,
      niceName: "wild",
      domainNames: ["*.lan"],
      expiresAt: now + 40 * DAY,
      provider: "other",
    },
  );
  const web = docker.put(
    container("web", { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_SSL: "true" }),
  );
  await reconciler.reconcile([web.id]);
  assert.equal(npm.hostFor("app.lan")!.certificate_id, 2);
  assert.deepEqual(npm.writes(), ["POST /proxy-hosts app.lan"], "one create with the certificate");
  npm.certificates.splice(0);
  await reconciler.reconcile([web.id]);
  const host = npm.hostFor("app.lan")!;
  assert.equal(host.certificate_id, 0);
  assert.equal(host.ssl_forced, false);
  assert.deepEqual(problems().map((p) => p.code), ["certificate"]);
  const view = events.flatMap((e) => e.type === "container" ? [e.container] : []).at(-1)!;
  assert.ok(
    view.hosts?.[0].tls && "httpOnly" in view.hosts?.[0].tls &&
      /No valid certificate/.test(view.hosts?.[0].tls.httpOnly),
  );
});

Deno.test("Reconciler takes the certificate named by NPM_CERTIFICATE, and writes nothing for an unknown one", async () => {
  const { docker, npm, reconciler, problems } = setup();
  npm.certificates.push(
    {
      id: 3,
      niceName: "Home",
      domainNames: ["*.lan"],
      expiresAt: now + 9 * DAY,
      provider: "other",
    },
    {
      id: 4,
      niceName: "Later",
      domainNames: ["*.lan"],
      expiresAt: now + 90 * DAY,
      provider: "other",
    },
  );
  const web = docker.put(
    container("web", { NPM_HOST: "app.lan", NPM_PORT: "80", NPM_CERTIFICATE: "Home" }),
  );
  const other = docker.put(
    container("other", { NPM_HOST: "b.lan", NPM_PORT: "80", NPM_CERTIFICATE: "Nope" }),
  );
  await reconciler.reconcile([web.id, other.id]);
  assert.equal(npm.hostFor("app.lan")!.certificate_id, 3);
  assert.equal(npm.hostFor("b.lan"), undefined);
  assert.deepEqual(problems().map((p) => [p.code, p.containerName]), [["certificate", "other"]]);
});
