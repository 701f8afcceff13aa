import assert from "node:assert/strict";
import { createNpmClient } from "../../../lib/npm/mod.ts";
import { startNpmDouble } from "../../../lib/npm_double/mod.ts";

Deno.test("listRows() answers NPM's own proxy-host rows, hand-made ones and locations included", async () => {
  const npm = await startNpmDouble();
  try {
    const hand = npm.addProxyHost({
      domain_names: ["hand.rows.test"],
      locations: [{ path: "/a", forward_scheme: "http", forward_host: "svc", forward_port: 80 }],
      advanced_config: "proxy_pass http://other;",
    });
    const client = createNpmClient({ url: npm.url, email: npm.email, password: npm.password });
    const rows = await client.listRows("proxy-hosts");
    assert.ok(rows.isOk());
    assert.deepEqual(rows.value, npm.proxyHosts());
    assert.equal(rows.value[0].id, hand.id);
    assert.deepEqual(rows.value[0].locations, hand.locations);
    assert.equal(npm.writes(), 0);
  } finally {
    await npm.close();
  }
});

Deno.test("listRows() answers NPM's stream rows, hand-made ones included", async () => {
  const npm = await startNpmDouble();
  try {
    const hand = npm.addStream({
      incoming_port: 5432,
      forwarding_host: "db.lan",
      forwarding_port: 5432,
    });
    const client = createNpmClient({ url: npm.url, email: npm.email, password: npm.password });
    const rows = await client.listRows("streams");
    assert.ok(rows.isOk());
    assert.deepEqual(rows.value, [hand]);
    assert.equal(npm.writes(), 0);
  } finally {
    await npm.close();
  }
});

Deno.test("listRows() passes NPM's refusal on as an error (an NPM without streams: 404)", async () => {
  const npm = await startNpmDouble();
  try {
    npm.faults.failNext(1, { status: 404, paths: /^\/api\/nginx\/streams$/ });
    const client = createNpmClient({
      url: npm.url,
      email: npm.email,
      password: npm.password,
      retry: { attempts: 1 },
    });
    const streams = await client.listRows("streams");
    assert.ok(streams.isErr());
    assert.equal(streams.error.kind, "npm_not_found");
  } finally {
    await npm.close();
  }
});
