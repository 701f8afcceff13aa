import assert from "node:assert/strict";
import { createNpmClient, type NpmApi } from "../../../lib/npm/mod.ts";
import {
  type NpmDouble,
  type NpmDoubleOptions,
  startNpmDouble,
} from "../../../lib/npm_double/mod.ts";
import { WEB_LAN_BODY as BODY } from "../../support/npm_fixtures.ts";

/** Runs `fn` with a client of a fresh double, and closes the double after. */
async function withDouble(
  fn: (api: NpmApi, npm: NpmDouble) => Promise<void>,
  options: {
    double?: NpmDoubleOptions;
    password?: string;
    onRelogin?: (cause: string) => void;
  } = {},
): Promise<void> {
  const npm = await startNpmDouble(options.double);
  try {
    const api = createNpmClient({
      url: `${npm.url}/api/`,
      email: npm.email,
      password: options.password ?? npm.password,
      timeoutMs: 300,
      retry: { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
      onRelogin: options.onRelogin,
    });
    await fn(api, npm);
  } finally {
    await npm.close();
  }
}

Deno.test("createNpmClient() reads the double's status and logs in", async () => {
  await withDouble(async (api) => {
    assert.deepEqual((await api.status())._unsafeUnwrap(), { status: "OK", version: "2.15.1" });
    assert.ok((await api.login()).isOk());
  });
});

Deno.test("createNpmClient() with a wrong password fails with npm_auth_failed", async () => {
  await withDouble(async (api) => {
    const error = (await api.login())._unsafeUnwrapErr();
    assert.equal(error.kind, "npm_auth_failed");
    assert.ok(!JSON.stringify(error).includes("wrong-Password-1"));
  }, { password: "wrong-Password-1" });
});

Deno.test("createNpmClient() of a two-factor account fails with npm_two_factor", async () => {
  await withDouble(async (api) => {
    assert.equal((await api.login())._unsafeUnwrapErr().kind, "npm_two_factor");
  }, { double: { twoFactor: true } });
});

Deno.test("createNpmClient() creates, updates, disables and enables a host, one write each", async () => {
  await withDouble(async (api, npm) => {
    const created = (await api.createProxyHost(BODY))._unsafeUnwrap();
    assert.deepEqual(created.domain_names, ["web.lan"]);
    const updated = (await api.updateProxyHost(created.id, { forward_port: 8080 }))._unsafeUnwrap();
    assert.equal(updated.forward_port, 8080);
    assert.ok((await api.disableProxyHost(created.id)).isOk());
    assert.ok((await api.disableProxyHost(created.id)).isOk());
    assert.deepEqual(npm.served(), []);
    assert.ok((await api.enableProxyHost(created.id)).isOk());
    assert.ok((await api.enableProxyHost(created.id)).isOk());
    assert.deepEqual(npm.served(), ["web.lan"]);
    assert.equal(npm.writes(), 4);
    const hosts = (await api.listProxyHosts())._unsafeUnwrap();
    assert.deepEqual(hosts.map((host) => [host.id, host.meta.container_id]), [[created.id, "c1"]]);
  });
});

for (const lost of [{ hang: true }, { status: 502 }, { status: 500 }]) {
  Deno.test(`createProxyHost() whose write happened but answered ${JSON.stringify(lost)} makes one host`, async () => {
    await withDouble(async (api, npm) => {
      assert.ok((await api.login()).isOk());
      npm.faults.failNext(1, {
        ...lost,
        methods: ["POST"],
        paths: /^\/api\/nginx\/proxy-hosts$/,
        applyThenFail: true,
      });
      const created = (await api.createProxyHost(BODY))._unsafeUnwrap();
      assert.equal(npm.writes(), 1);
      assert.deepEqual(npm.proxyHosts().map((row) => row.id), [created.id]);
    });
  });
}

Deno.test("createNpmClient() logs in again when the double expires its tokens, and tells it once", async () => {
  const relogins: string[] = [];
  await withDouble(async (api, npm) => {
    assert.ok((await api.listProxyHosts()).isOk());
    npm.faults.expireTokens();
    const lists = await Promise.all([api.listProxyHosts(), api.listProxyHosts()]);
    assert.ok(lists.every((list) => list.isOk()));
    assert.ok((await api.listProxyHosts()).isOk());
  }, { onRelogin: (cause) => relogins.push(cause) });
  assert.equal(relogins.length, 1, "a second login happened, told once");
  assert.match(relogins[0], /Token has expired/);
});

Deno.test("createNpmClient() reports domains held by others", async () => {
  await withDouble(async (api, npm) => {
    npm.addProxyHost({ domain_names: ["web.lan"] });
    npm.addRedirectionHost(["Old.lan"]);
    npm.addDeadHost(["gone.lan"]);
    assert.equal((await api.createProxyHost(BODY))._unsafeUnwrapErr().kind, "npm_domain_in_use");
    assert.deepEqual((await api.listOtherHostDomains())._unsafeUnwrap().sort(), [
      "gone.lan",
      "old.lan",
    ]);
    assert.equal(npm.writes(), 0);
  });
});

Deno.test("createNpmClient() gives up on a double that stays down with npm_server_error", async () => {
  await withDouble(async (api, npm) => {
    npm.faults.down(true);
    const error = (await api.listProxyHosts())._unsafeUnwrapErr();
    assert.equal(error.kind, "npm_server_error");
    assert.equal(error.kind === "npm_server_error" && error.status, 502);
  });
});
