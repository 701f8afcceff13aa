import assert from "node:assert/strict";
import { okAsync } from "neverthrow";
import { dryRunNpm } from "../../../lib/cli/dry_run_npm.ts";
import type { ProxyHost } from "../../../lib/model/mod.ts";
import type { NpmApi } from "../../../lib/npm/mod.ts";
import { fields, host, ownMeta } from "../plan/_factories.ts";

const HOST: ProxyHost = host({ meta: ownMeta() });

/** An NPM whose reads answer and whose writes fail the test. */
function readOnlyNpm(calls: string[]): NpmApi {
  const write = (name: string) => () => {
    throw new Error(`dry run sent ${name}`);
  };
  return {
    status: () => okAsync({ status: "OK", version: "2.15.1" }),
    login: () => {
      calls.push("login");
      return okAsync(undefined);
    },
    listProxyHosts: () => {
      calls.push("listProxyHosts");
      return okAsync([HOST]);
    },
    listOtherHostDomains: () => {
      calls.push("listOtherHostDomains");
      return okAsync([]);
    },
    createProxyHost: write("createProxyHost"),
    updateProxyHost: write("updateProxyHost"),
    enableProxyHost: write("enableProxyHost"),
    disableProxyHost: write("disableProxyHost"),
    listAccessLists: () => {
      calls.push("listAccessLists");
      return okAsync([]);
    },
    listCertificates: () => {
      calls.push("listCertificates");
      return okAsync([]);
    },
    requestCertificate: write("requestCertificate"),
    deleteProxyHost: write("deleteProxyHost"),
  };
}

Deno.test("dryRunNpm() sends reads through and answers writes itself as NPM would", async () => {
  const calls: string[] = [];
  const npm = dryRunNpm(readOnlyNpm(calls));
  assert.ok((await npm.login()).isOk());
  assert.deepEqual((await npm.listProxyHosts())._unsafeUnwrap(), [HOST]);
  assert.deepEqual((await npm.listOtherHostDomains())._unsafeUnwrap(), []);

  const created = await npm.createProxyHost({
    ...fields({ domain_names: ["b.lan"] }),
    meta: ownMeta(),
  });
  assert.deepEqual(
    created._unsafeUnwrap(),
    host({ ...fields({ domain_names: ["b.lan"] }), id: 5, meta: ownMeta() }),
  );

  assert.ok((await npm.disableProxyHost(4)).isOk());
  const updated = await npm.updateProxyHost(4, { forward_port: 9090 });
  assert.deepEqual(updated._unsafeUnwrap(), { ...HOST, forward_port: 9090, enabled: false });
  const enabled = await npm.updateProxyHost(4, { enabled: true, meta: ownMeta({ comments: "x" }) });
  assert.equal(enabled._unsafeUnwrap().enabled, true);
  assert.equal(enabled._unsafeUnwrap().meta.comments, "x");
  assert.equal(enabled._unsafeUnwrap().owner?.comments, "x");

  const missing = await npm.enableProxyHost(99);
  assert.ok(missing.isErr());
  assert.equal(missing.error.kind, "npm_not_found");
  assert.deepEqual(calls, ["login", "listProxyHosts", "listOtherHostDomains"]);
});
