import assert from "node:assert/strict";
import { call, failure, hostBody, rowOf, withDouble } from "./_client.ts";

Deno.test("npm double: GET /api/ answers health and version 2.15.1", () =>
  withDouble(async (npm) => {
    const answer = await call(npm, "GET", "/api/");
    assert.deepEqual(answer, {
      status: 200,
      body: { status: "OK", setup: true, version: { major: 2, minor: 15, revision: 1 } },
    });
  }));

Deno.test("npm double: create answers 201 with the full row and meta without nginx_online", () =>
  withDouble(async (npm, token) => {
    const answer = await call(npm, "POST", "/api/nginx/proxy-hosts", {
      token,
      body: hostBody("a.lan"),
    });
    assert.equal(answer.status, 201);
    const row = rowOf(answer);
    assert.deepEqual(row.meta, { managed_by: "x" });
    assert.equal(row.enabled, true);
    assert.equal(row.locations, null);
    assert.equal(row.trust_forwarded_proto, false);
    assert.equal((row.owner as { id: number }).id, 1);
    assert.equal(row.certificate, null);
    assert.equal(row.access_list, null);
    assert.match(row.created_on, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  }));

Deno.test("npm double: GET after create shows nginx_online true and nginx_err null", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(
      await call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("a.lan") }),
    );
    const row = rowOf(await call(npm, "GET", `/api/nginx/proxy-hosts/${id}`, { token }));
    assert.deepEqual(row.meta, { managed_by: "x", nginx_online: true, nginx_err: null });
    assert.deepEqual(npm.served(), ["a.lan"]);
  }));

Deno.test("npm double: PUT replaces meta whole and adds nginx fields back; PUT without meta keeps it", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(
      await call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("a.lan") }),
    );
    const put = await call(npm, "PUT", `/api/nginx/proxy-hosts/${id}`, {
      token,
      body: { forward_port: 9090, meta: { other: 1 } },
    });
    assert.equal(put.status, 200);
    assert.deepEqual(rowOf(put).meta, { other: 1, nginx_online: true, nginx_err: null });
    const again = await call(npm, "PUT", `/api/nginx/proxy-hosts/${id}`, {
      token,
      body: { forward_port: 9091 },
    });
    assert.deepEqual(rowOf(again).meta, { other: 1, nginx_online: true, nginx_err: null });
    assert.equal(rowOf(again).forward_port, 9091);
  }));

Deno.test("npm double: disable, enable and their already-in-state 400s", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(
      await call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("a.lan") }),
    );
    const base = `/api/nginx/proxy-hosts/${id}`;
    assert.deepEqual(await call(npm, "POST", `${base}/disable`, { token }), {
      status: 200,
      body: true,
    });
    assert.deepEqual(npm.served(), []);
    assert.equal(
      failure(await call(npm, "POST", `${base}/disable`, { token })),
      "400 Host is already disabled",
    );
    assert.deepEqual(await call(npm, "POST", `${base}/enable`, { token }), {
      status: 200,
      body: true,
    });
    assert.deepEqual(npm.served(), ["a.lan"]);
    assert.equal(
      failure(await call(npm, "POST", `${base}/enable`, { token })),
      "400 Host is already enabled",
    );
  }));

Deno.test("npm double: a domain in use (any case, any host kind, disabled too) is a 400", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(
      await call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("a.lan") }),
    );
    await call(npm, "POST", `/api/nginx/proxy-hosts/${id}/disable`, { token });
    const create = await call(npm, "POST", "/api/nginx/proxy-hosts", {
      token,
      body: hostBody("A.LAN"),
    });
    assert.equal(failure(create), "400 A.LAN is already in use");
    npm.addRedirectionHost(["r.lan"]);
    npm.addDeadHost(["d.lan"]);
    for (const domain of ["r.lan", "d.lan"]) {
      const answer = await call(npm, "POST", "/api/nginx/proxy-hosts", {
        token,
        body: hostBody(domain),
      });
      assert.equal(failure(answer), `400 ${domain} is already in use`);
    }
    const other = rowOf(
      await call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("b.lan") }),
    );
    const put = await call(npm, "PUT", `/api/nginx/proxy-hosts/${other.id}`, {
      token,
      body: { domain_names: ["a.lan"] },
    });
    assert.equal(failure(put), "400 a.lan is already in use");
    const own = await call(npm, "PUT", `/api/nginx/proxy-hosts/${other.id}`, {
      token,
      body: { domain_names: ["b.lan"] },
    });
    assert.equal(own.status, 200);
  }));

Deno.test("npm double: parallel creates of one domain let exactly one through", () =>
  withDouble(async (npm, token) => {
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() =>
        call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("p.lan") })
      ),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
  }, { writeDelayMs: 20 }));

const bodyCases: [string, { body?: unknown; raw?: string; put?: boolean }, string][] = [
  [
    "unknown field on create",
    { body: hostBody("a.lan", { bogus_field: 1 }) },
    "400 data must NOT have additional properties",
  ],
  [
    "unknown field on PUT",
    { body: { bogus_field: 1 }, put: true },
    "400 data must NOT have additional properties",
  ],
  [
    "missing required fields",
    { body: { domain_names: ["a.lan"] } },
    "400 data must have required property 'forward_scheme', data must have required property 'forward_host', data must have required property 'forward_port'",
  ],
  [
    "meta that is not an object",
    { body: hostBody("a.lan", { meta: "x" }) },
    "400 data/meta must be object",
  ],
  ["a body that is not JSON", { raw: "{not json" }, "400 Internal Error"],
  ["an empty PUT", { body: {}, put: true }, "400 data must NOT have fewer than 1 properties"],
];
for (const [name, input, expected] of bodyCases) {
  Deno.test(`npm double: ${name} is refused with NPM's message`, () =>
    withDouble(async (npm, token) => {
      let path = "/api/nginx/proxy-hosts";
      if (input.put) {
        path += `/${rowOf(await call(npm, "POST", path, { token, body: hostBody("z.lan") })).id}`;
      }
      const answer = await call(npm, input.put ? "PUT" : "POST", path, { token, ...input });
      assert.equal(failure(answer), expected);
    }));
}

Deno.test('npm double: forward_port "8080" is coerced to 8080', () =>
  withDouble(async (npm, token) => {
    const answer = await call(npm, "POST", "/api/nginx/proxy-hosts", {
      token,
      body: hostBody("a.lan", { forward_port: "8080" }),
    });
    assert.equal(rowOf(answer).forward_port, 8080);
  }));

Deno.test("npm double: DELETE answers true, then GET, PUT and DELETE are 404", () =>
  withDouble(async (npm, token) => {
    const { id } = rowOf(
      await call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("a.lan") }),
    );
    const path = `/api/nginx/proxy-hosts/${id}`;
    assert.deepEqual(await call(npm, "DELETE", path, { token }), { status: 200, body: true });
    assert.deepEqual(npm.served(), []);
    for (const method of ["GET", "PUT", "DELETE"]) {
      const answer = await call(npm, method, path, {
        token,
        body: method === "PUT" ? { forward_port: 1 } : undefined,
      });
      assert.equal(failure(answer), `404 Not Found - ${id}`);
    }
  }));

Deno.test("npm double: an id that never existed is 404, also for /enable; abc and 0 are 400", () =>
  withDouble(async (npm, token) => {
    assert.equal(
      failure(await call(npm, "GET", "/api/nginx/proxy-hosts/99", { token })),
      "404 Not Found - 99",
    );
    assert.equal(
      failure(await call(npm, "POST", "/api/nginx/proxy-hosts/99/enable", { token })),
      "404 Not Found - 99",
    );
    assert.equal(
      failure(await call(npm, "GET", "/api/nginx/proxy-hosts/abc", { token })),
      "400 Internal Error",
    );
    assert.equal(
      failure(await call(npm, "GET", "/api/nginx/proxy-hosts/0", { token })),
      "400 Internal Error",
    );
  }));

Deno.test("npm double: DELETE …/1abc deletes host 1; an unknown expand is 500", () =>
  withDouble(async (npm, token) => {
    await call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("a.lan") });
    assert.equal((await call(npm, "DELETE", "/api/nginx/proxy-hosts/1abc", { token })).status, 200);
    assert.deepEqual(npm.proxyHosts(), []);
    const list = await call(npm, "GET", "/api/nginx/proxy-hosts?expand=bogus", { token });
    assert.equal(failure(list), "500 Internal Error");
  }));

Deno.test("npm double: list supports expand=owner,access_list,certificate", () =>
  withDouble(async (npm, token) => {
    await call(npm, "POST", "/api/nginx/proxy-hosts", { token, body: hostBody("a.lan") });
    const list = await call(
      npm,
      "GET",
      "/api/nginx/proxy-hosts?expand=owner,access_list,certificate",
      { token },
    );
    const [row] = list.body as Record<string, unknown>[];
    assert.equal((row.owner as { email: string }).email, "admin@example.com");
    assert.equal(row.access_list, null);
    assert.equal(row.certificate, null);
    const plain = await call(npm, "GET", "/api/nginx/proxy-hosts", { token });
    assert.equal("owner" in (plain.body as Record<string, unknown>[])[0], false);
  }));
