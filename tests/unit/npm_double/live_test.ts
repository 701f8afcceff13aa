import assert from "node:assert/strict";
import { call, failure, hostBody, rowOf, withDouble } from "./_client.ts";

const HOSTS = "/api/nginx/proxy-hosts";

Deno.test("npm double: PUT enabled:false leaves the host served, and disable then answers 400", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") }));
    const put = await call(npm, "PUT", `${HOSTS}/${id}`, { token, body: { enabled: false } });
    assert.equal(rowOf(put).enabled, false);
    assert.deepEqual(npm.served(), ["a.lan"]);
    const disable = await call(npm, "POST", `${HOSTS}/${id}/disable`, { token });
    assert.equal(failure(disable), "400 Host is already disabled");
    assert.deepEqual(npm.served(), ["a.lan"]);
    await call(npm, "POST", `${HOSTS}/${id}/enable`, { token });
    await call(npm, "POST", `${HOSTS}/${id}/disable`, { token });
    assert.deepEqual(npm.served(), []);
  }));

Deno.test("npm double: PUT enabled:true with changes on a disabled host enables and serves it", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") }));
    await call(npm, "POST", `${HOSTS}/${id}/disable`, { token });
    const put = await call(npm, "PUT", `${HOSTS}/${id}`, {
      token,
      body: { enabled: true, forward_port: 9000 },
    });
    assert.equal(rowOf(put).enabled, true);
    assert.equal(rowOf(put).meta.nginx_online, true);
    assert.deepEqual(npm.served(), ["a.lan"]);
  }));

Deno.test("npm double: PUT meta on a disabled host keeps it offline and meta exactly as sent", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") }));
    await call(npm, "POST", `${HOSTS}/${id}/disable`, { token });
    const put = await call(npm, "PUT", `${HOSTS}/${id}`, { token, body: { meta: { k: "v" } } });
    assert.deepEqual(rowOf(put).meta, { k: "v" });
    const get = await call(npm, "GET", `${HOSTS}/${id}`, { token });
    assert.deepEqual(rowOf(get).meta, { k: "v" });
    assert.deepEqual(npm.served(), []);
  }));

Deno.test("npm double: create with enabled:false has nginx_online true and is not served", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(
      await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan", { enabled: false }) }),
    );
    const row = rowOf(await call(npm, "GET", `${HOSTS}/${id}`, { token }));
    assert.equal(row.meta.nginx_online, true);
    assert.deepEqual(npm.served(), []);
  }));

Deno.test("npm double: advanced_config nginx rejects keeps enabled but goes offline with nginx_err", () =>
  withDouble(async (npm, token) => {
    const body = hostBody("a.lan", { advanced_config: "this is wrong;" });
    const { id } = rowOf(await call(npm, "POST", HOSTS, { token, body }));
    const row = rowOf(await call(npm, "GET", `${HOSTS}/${id}`, { token }));
    assert.equal(row.enabled, true);
    assert.equal(row.meta.nginx_online, false);
    assert.equal(
      row.meta.nginx_err,
      `nginx: [emerg] unknown directive "this" in /data/nginx/proxy_host/${id}.conf:37\n` +
        "nginx: configuration file /etc/nginx/nginx.conf test failed\n",
    );
    assert.deepEqual(npm.served(), []);
    const fixed = await call(npm, "PUT", `${HOSTS}/${id}`, {
      token,
      body: { advanced_config: "proxy_read_timeout 60s;\nlocation /x {\n  return 404;\n}" },
    });
    assert.equal(fixed.status, 200);
    assert.deepEqual(rowOf(fixed).meta, { managed_by: "x", nginx_online: true, nginx_err: null });
    assert.deepEqual(npm.served(), ["a.lan"]);
    const braces = await call(npm, "PUT", `${HOSTS}/${id}`, {
      token,
      body: { advanced_config: "location /x {" },
    });
    assert.equal(rowOf(braces).meta.nginx_online, false);
  }));

Deno.test('npm double: certificate_id "new" is a 500 that leaves the host served, unaudited', () =>
  withDouble(async (npm, token) => {
    const body = hostBody("a.lan", { certificate_id: "new", meta: {} });
    assert.equal(failure(await call(npm, "POST", HOSTS, { token, body })), "500 Internal Error");
    assert.deepEqual(npm.served(), ["a.lan"]);
    assert.deepEqual(npm.proxyHosts()[0].meta, {});
    assert.equal(npm.writes(), 0);
  }));

Deno.test("npm double: audit log has one entry per write, newest first, the newest 100", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(await call(npm, "POST", HOSTS, { token, body: hostBody("a.lan") }));
    await call(npm, "PUT", `${HOSTS}/${id}`, { token, body: { forward_port: 1 } });
    await call(npm, "POST", `${HOSTS}/${id}/disable`, { token });
    await call(npm, "POST", `${HOSTS}/${id}/enable`, { token });
    await call(npm, "DELETE", `${HOSTS}/${id}`, { token });
    const log = await call(npm, "GET", "/api/audit-log", { token });
    const actions = (log.body as { action: string }[]).map((e) => e.action);
    assert.deepEqual(actions, ["deleted", "enabled", "disabled", "updated", "created"]);
    assert.equal(npm.writes(), 5);
    for (let i = 0; i < 60; i++) {
      await call(npm, "POST", HOSTS, { token, body: hostBody(`h${i}.lan`) });
      await call(npm, "DELETE", `${HOSTS}/${id + 1 + i}`, { token });
    }
    assert.equal(((await call(npm, "GET", "/api/audit-log", { token })).body as []).length, 100);
    assert.equal(npm.writes(), 125);
  }));

Deno.test("npm double: seeded hosts add no audit entries and count no writes", () =>
  withDouble(async (npm, token) => {
    const row = npm.addProxyHost({ domain_names: ["hand.lan"], meta: { mine: true } });
    assert.deepEqual(npm.served(), ["hand.lan"]);
    npm.addDeadHost(["dead.lan"]);
    npm.addRedirectionHost(["redir.lan"]);
    assert.equal(npm.writes(), 0);
    const got = rowOf(await call(npm, "GET", `${HOSTS}/${row.id}`, { token }));
    assert.deepEqual(got.meta, { mine: true, nginx_online: true, nginx_err: null });
    const dead = await call(npm, "GET", "/api/nginx/dead-hosts", { token });
    assert.equal((dead.body as unknown[]).length, 1);
  }));

Deno.test("npm double: certificates list is empty; access lists create, list masked, delete", () =>
  withDouble(async (npm, token) => {
    assert.deepEqual(await call(npm, "GET", "/api/nginx/certificates", { token }), {
      status: 200,
      body: [],
    });
    const created = await call(npm, "POST", "/api/nginx/access-lists", {
      token,
      body: {
        name: "l",
        items: [{ username: "u", password: "p" }],
        clients: [{ address: "all", directive: "allow" }],
      },
    });
    assert.equal(created.status, 201);
    const { id } = created.body as { id: number };
    const list = await call(npm, "GET", "/api/nginx/access-lists", { token });
    assert.equal((list.body as { items: { password: string }[] }[])[0].items[0].password, "");
    const del = await call(npm, "DELETE", `/api/nginx/access-lists/${id}`, { token });
    assert.deepEqual(del, { status: 200, body: true });
  }));
