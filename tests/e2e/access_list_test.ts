/** Access lists and NPM's other switches end to end: real dockerd, the NPM double, EnvoyNPM. */
import assert from "node:assert/strict";
import type { NpmDouble } from "../../lib/npm_double/mod.ts";
import { uniqueName } from "../support/docker_admin.ts";
import { FAST_STOP, startStack } from "./_stack.ts";

/** Calls NPM's API as a user of NPM's UI would; returns the answer's JSON. */
async function asUser(npm: NpmDouble, method: string, path: string, body?: unknown) {
  const login = await fetch(`${npm.url}/api/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ identity: npm.email, secret: npm.password }),
  });
  const { token } = await login.json();
  const answer = await fetch(`${npm.url}${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.ok(answer.ok, `${method} ${path}: ${answer.status}`);
  return await answer.json();
}

/** Makes an access list with one user; returns its id. */
async function addAccessList(npm: NpmDouble, name: string): Promise<number> {
  const items = [{ username: "alice", password: "s3cret" }];
  return (await asUser(npm, "POST", "/api/nginx/access-lists", { name, items })).id;
}

Deno.test("e2e: a host is published with its access list and block_exploits; an unknown list publishes nothing", async () => {
  await using stack = await startStack();
  const staff = await addAccessList(stack.npm, "staff");
  const envoy = await stack.startEnvoy();
  await stack.engine.admin.run({
    name: uniqueName("guarded"),
    cmd: FAST_STOP,
    env: {
      NPM_HOST: "guarded.lan",
      NPM_PORT: "80",
      NPM_ACCESS_LIST: "staff",
      NPM_BLOCK_EXPLOITS: "true",
    },
  });
  await stack.engine.admin.run({
    name: uniqueName("nolist"),
    cmd: FAST_STOP,
    env: { NPM_HOST: "nolist.lan", NPM_PORT: "80", NPM_ACCESS_LIST: "nobody" },
  });
  const host = await stack.waitForHost("guarded.lan", (row) => row.enabled);
  assert.equal(host.access_list_id, staff);
  assert.equal(host.block_exploits, true);
  assert.equal(host.caching_enabled, false);
  await envoy.waitForLog(
    "the unknown list",
    (line) => line.level === "WARN" && line.message.includes('NPM has no access list "nobody"'),
  );
  await stack.settled();
  assert.equal(stack.host("nolist.lan"), undefined, "not published");
  const hostWrites = stack.npm.auditLog().filter((entry) => entry.object_type === "proxy-host");
  assert.deepEqual(hostWrites.map((entry) => entry.action), ["created"], "one create, no more");
  assert.ok(!envoy.logs.some((line) => line.message.includes("s3cret")), "no password read");
});

Deno.test("e2e: a host whose access list is deleted is disabled at the next resync, never left unprotected", async () => {
  await using stack = await startStack();
  const staff = await addAccessList(stack.npm, "staff");
  const envoy = await stack.startEnvoy({ RESYNC_INTERVAL: "1s" });
  await stack.engine.admin.run({
    name: uniqueName("vanish"),
    cmd: FAST_STOP,
    env: { NPM_HOST: "vanish.lan", NPM_PORT: "80", NPM_ACCESS_LIST: String(staff) },
  });
  await stack.waitForHost("vanish.lan", (row) => row.enabled && row.access_list_id === staff);
  await asUser(stack.npm, "DELETE", `/api/nginx/access-lists/${staff}`);
  // The disable, then the write of its DISABLED comment.
  const host = await stack.waitForHost(
    "vanish.lan",
    (row) => !row.enabled && /DISABLED/.test(String(row.meta?.comments ?? "")),
  );
  assert.ok(!stack.npm.served().includes("vanish.lan"));
  assert.equal(host.enabled, false);
  await stack.settled();
  const warned = envoy.logs.filter((line) =>
    line.level === "WARN" && line.message.includes(`NPM has no access list #${staff}`)
  );
  assert.equal(warned.length, 1, "told once");
});

Deno.test("e2e: NPM_LOCATIONS, NPM_CACHING and NPM_TRUST_FORWARDED_PROTO reach NPM, and an in-sync host is not written again", async () => {
  await using stack = await startStack();
  await stack.startEnvoy({ RESYNC_INTERVAL: "1s" });
  const name = uniqueName("located");
  const location = { path: "/api", forward_scheme: "http", forward_host: name, forward_port: 9000 };
  await stack.engine.admin.run({
    name,
    cmd: FAST_STOP,
    env: {
      NPM_HOST: "located.lan",
      NPM_PORT: "80",
      NPM_CACHING: "true",
      NPM_TRUST_FORWARDED_PROTO: "true",
      NPM_LOCATIONS: JSON.stringify([location]),
    },
  });
  const host = await stack.waitForHost("located.lan", (row) => row.enabled);
  assert.equal(host.caching_enabled, true);
  assert.equal(host.trust_forwarded_proto, true);
  assert.deepEqual(host.locations, [{ ...location, forward_host: host.forward_host }]);
  assert.match(host.forward_host, /^[0-9.]+$/, "an address, never the container's name");
  await stack.settled();
  const writes = stack.npm.writes();
  await new Promise((resolve) => setTimeout(resolve, 2_500));
  assert.equal(stack.npm.writes(), writes, "resyncs write nothing");
});
