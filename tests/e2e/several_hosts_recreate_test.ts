/**
 * Changing a container's hosts on the real engine and the NPM double. Docker cannot change a
 * container's settings: CasaOS removes it and runs a new one of the same name (a new id). The
 * new one takes the hosts of the old one over, each in one write, keeping their ids: at once
 * when it starts within the removed one's settle, else after the removed one's hosts went
 * offline (most tests here wait for that, so the write counts that follow are exact).
 */
import assert from "node:assert/strict";
import type { ProxyHostRow } from "../../lib/npm_double/mod.ts";
import { uniqueName } from "../support/docker_admin.ts";
import { waitUntil } from "../support/wait.ts";
import { disabledComment, FAST_STOP, type Stack, startStack, waitRetired } from "./_stack.ts";

/** A container of the name `name` asking for what `env` says; its id. */
function runApp(stack: Stack, name: string, env: Record<string, string>): Promise<string> {
  return stack.engine.admin.run({ name, cmd: FAST_STOP, env });
}

/**
 * Removes container `id` and runs one of the same name with `env`, as CasaOS does; waits in
 * between until EnvoyNPM has taken the hosts of `domains` offline, so the write counts that
 * follow are the new container's alone. Returns the new id and the audit log's length then.
 */
async function recreate(
  stack: Stack,
  { name, id, domains }: { name: string; id: string; domains: readonly string[] },
  env: Record<string, string>,
): Promise<{ id: string; mark: number }> {
  await stack.engine.admin.remove(id);
  await waitRetired(stack, domains);
  await stack.settled();
  const mark = stack.npm.auditLog().length;
  return { id: await runApp(stack, name, env), mark };
}

/** The writes since `mark`, as `<action> #<host id>`. */
function writesSince(stack: Stack, mark: number): string[] {
  return stack.npm.auditLog().slice(mark).map((entry) => `${entry.action} #${entry.object_id}`);
}

/** What a host taken back by a recreated container keeps: its id, port, site and creation. */
function kept(row: ProxyHostRow): unknown[] {
  return [row.id, row.forward_port, row.meta.site, row.meta.created_at];
}

/** Waits until every host of `domains` is enabled and EnvoyNPM is quiet. */
async function published(stack: Stack, domains: readonly string[]): Promise<void> {
  for (const domain of domains) await stack.waitForHost(domain, (row) => row.enabled);
  await stack.settled();
}

Deno.test("e2e: a domain added to NPM_HOST's list is one write to the same host", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const name = uniqueName("grow");
  const first = await runApp(stack, name, { NPM_HOST: "a.lan,b.lan", NPM_PORT: "80" });
  await published(stack, ["a.lan"]);
  const before = stack.host("a.lan")!;

  const { id, mark } = await recreate(stack, { name, id: first, domains: ["a.lan"] }, {
    NPM_HOST: "a.lan,b.lan,c.lan",
    NPM_PORT: "80",
  });
  await published(stack, ["c.lan"]);
  const after = stack.host("a.lan")!;
  assert.deepEqual(writesSince(stack, mark), [`updated #${before.id}`]);
  assert.equal(after.id, before.id);
  assert.deepEqual(after.domain_names, ["a.lan", "b.lan", "c.lan"]);
  assert.equal(after.meta.container_id, id);
  assert.equal(stack.npm.proxyHosts().length, 1);
});

Deno.test("e2e: a container recreated without NPM_HOST_2 leaves that host offline and takes the others back", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const name = uniqueName("fewer");
  const three = {
    NPM_HOST: "main.lan",
    NPM_PORT: "80",
    NPM_HOST_1: "ui.lan",
    NPM_PORT_1: "8080",
    NPM_HOST_2: "api.lan",
    NPM_PORT_2: "9000",
  };
  const first = await runApp(stack, name, three);
  await published(stack, ["main.lan", "ui.lan", "api.lan"]);
  const [main, ui, api] = ["main.lan", "ui.lan", "api.lan"].map((domain) => stack.host(domain)!);

  const { NPM_HOST_2: _host, NPM_PORT_2: _port, ...two } = three;
  const { id, mark } = await recreate(stack, {
    name,
    id: first,
    domains: ["main.lan", "ui.lan", "api.lan"],
  }, two);
  await published(stack, ["main.lan", "ui.lan"]);
  // One write each for main.lan and ui.lan (enabled, now the new container's); none to api.lan.
  assert.deepEqual(
    writesSince(stack, mark).sort(),
    [`updated #${main.id}`, `updated #${ui.id}`].sort(),
  );
  for (const before of [main, ui]) {
    const after = stack.host(before.domain_names[0])!;
    assert.deepEqual(kept(after), kept(before), "the same host, as it was");
    assert.equal(after.meta.container_id, id);
  }
  const left = stack.host("api.lan")!;
  assert.equal(left.id, api.id);
  assert.equal(left.enabled, false);
  assert.equal(left.meta.comments, disabledComment("api.lan"));
  assert.equal(stack.npm.proxyHosts().length, 3);
});

Deno.test("e2e: NPM_HOST_1=a.lan and NPM_HOST_2=b.lan merged into NPM_HOST=a.lan,b.lan: one host left", async () => {
  await using stack = await startStack();
  const envoy = await stack.startEnvoy();
  const name = uniqueName("merge");
  const first = await runApp(stack, name, {
    NPM_HOST_1: "a.lan",
    NPM_HOST_2: "b.lan",
    NPM_PORT: "80",
  });
  await published(stack, ["a.lan", "b.lan"]);
  const [a, b] = [stack.host("a.lan")!, stack.host("b.lan")!];

  const { id, mark } = await recreate(stack, { name, id: first, domains: ["a.lan", "b.lan"] }, {
    NPM_HOST: "a.lan,b.lan",
    NPM_PORT: "80",
  });
  await published(stack, ["a.lan"]);
  await waitUntil("b.lan on a.lan's host", () => stack.host("b.lan")?.id === a.id);
  await stack.settled();
  // NPM serves a domain on one host only: the host that gave b.lan up is deleted.
  assert.deepEqual(writesSince(stack, mark), [`deleted #${b.id}`, `updated #${a.id}`]);
  const merged = stack.host("a.lan")!;
  assert.deepEqual(stack.npm.proxyHosts().map((row) => row.id), [a.id]);
  assert.deepEqual(merged.domain_names, ["a.lan", "b.lan"]);
  assert.equal(merged.meta.site, undefined, "now NPM_HOST's host");
  assert.equal(merged.meta.container_id, id);
  assert.deepEqual(stack.npm.served().sort(), ["a.lan", "b.lan"]);
  const conflicts = envoy.logs.filter((line) => /both ask for/.test(line.message));
  assert.deepEqual(conflicts, [], "the removed container asks for nothing");
});

// The host's meta names its container and site: the new container of the same name takes it.
Deno.test({
  name: "e2e: NPM_HOST_1 renamed from ui.lan to ui2.lan moves its host in one write",
  async fn() {
    await using stack = await startStack();
    await stack.startEnvoy();
    const name = uniqueName("rename");
    const first = await runApp(stack, name, { NPM_HOST_1: "ui.lan", NPM_PORT_1: "8080" });
    await published(stack, ["ui.lan"]);
    const before = stack.host("ui.lan")!;

    const { mark } = await recreate(stack, { name, id: first, domains: ["ui.lan"] }, {
      NPM_HOST_1: "ui2.lan",
      NPM_PORT_1: "8080",
    });
    await published(stack, ["ui2.lan"]);
    assert.deepEqual(writesSince(stack, mark), [`updated #${before.id}`]);
    assert.equal(stack.host("ui2.lan")!.id, before.id);
    assert.equal(stack.host("ui.lan"), undefined);
    assert.equal(stack.npm.proxyHosts().length, 1);
  },
});

Deno.test("e2e: a container recreated at once under its name (CasaOS saving new settings) never takes its hosts offline", async () => {
  await using stack = await startStack();
  await stack.startEnvoy();
  const name = uniqueName("resave");
  const env = { NPM_HOST: "main.lan", NPM_PORT: "80", NPM_HOST_1: "ui.lan" };
  const first = await runApp(stack, name, env);
  await published(stack, ["main.lan", "ui.lan"]);
  const ids = ["main.lan", "ui.lan"].map((domain) => stack.host(domain)!.id);
  const mark = stack.npm.auditLog().length;
  await stack.engine.admin.remove(first);
  const second = await runApp(stack, name, { ...env, NPM_PORT_1: "8080" });
  await waitUntil("ui.lan forwarded to 8080", () => stack.host("ui.lan")?.forward_port === 8080);
  await waitUntil(
    "main.lan taken over",
    () => stack.host("main.lan")?.meta.container_id === second,
  );
  await stack.settled();
  assert.deepEqual(writesSince(stack, mark).sort(), ids.map((id) => `updated #${id}`).sort());
  assert.deepEqual(stack.npm.served().sort(), ["main.lan", "ui.lan"]);
});
