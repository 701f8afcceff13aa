import assert from "node:assert/strict";
import { startNpmDouble } from "../../../lib/npm_double/mod.ts";
import { createDockerAdmin, uniqueName } from "../../support/docker_admin.ts";
import { runMain, serviceEnv } from "./_run.ts";

Deno.test("envoynpm plan prints the create for a new container, and writes nothing", async () => {
  using admin = await createDockerAdmin();
  await using npm = await startDouble();
  const name = uniqueName("plan");
  const domain = `${name}.plan.test`;
  const held = `${name}-held.plan.test`;
  const hand = npm.addProxyHost({ domain_names: [held], forward_host: "10.9.8.7" });
  const id = await admin.run({ name, env: { NPM_HOST: domain, NPM_PORT: "8080" } });
  const holder = await admin.run({
    name: `${name}-h`,
    env: { NPM_HOST: held, NPM_PORT: "80" },
  });
  const bad = await admin.run({
    name: `${name}-bad`,
    env: { NPM_HOST: `${name}-bad.plan.test`, NPM_PORT: "eighty" },
  });
  try {
    const text = await runMain(["plan"], serviceEnv(npm));
    assert.equal(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      new RegExp(`^create ${escape(domain)} → http://[0-9.]+:8080 \\(container ${name}\\)$`, "m"),
    );
    assert.match(
      text.stdout,
      new RegExp(
        `^skip ${escape(held)}: held by hand-made host #${hand.id} \\(container ${name}-h\\)$`,
        "m",
      ),
    );
    assert.match(text.stdout, new RegExp(`^invalid container ${name}-bad: NPM_PORT "eighty"`, "m"));
    assert.match(text.stdout, /writes? to NPM planned; nothing was written/);

    const json = await runMain(["plan", "--json"], serviceEnv(npm));
    assert.equal(json.code, 0, json.stderr);
    const document = JSON.parse(json.stdout);
    const create = document.actions.find((action: { domain: string }) => action.domain === domain);
    assert.equal(create.kind, "create");
    assert.match(create.forward, /^http:\/\/[0-9.]+:8080$/);
    assert.equal(create.container.id, id);
    assert.ok(
      document.invalid.some((item: { container: { id: string } }) => item.container.id === bad),
    );
    assert.equal(npm.writes(), 0, "plan must not write to NPM");
    assert.equal(npm.proxyHosts().length, 1);
  } finally {
    for (const container of [id, holder, bad]) await admin.remove(container);
  }
});

Deno.test("envoynpm plan exits 3 when NPM refuses the login, and 1 when NPM is unreachable", async () => {
  await using npm = await startDouble();
  const refused = await runMain(["plan"], { ...serviceEnv(npm), NPM_API_PASSWORD: "wrong" });
  assert.equal(refused.code, 3);
  assert.match(refused.stderr, /refused the login/);
  assert.doesNotMatch(refused.stderr + refused.stdout, /wrong/);

  const closed = await startNpmDouble();
  await closed.close();
  const unreachable = await runMain(["plan"], serviceEnv(closed));
  assert.equal(unreachable.code, 1);
  assert.match(unreachable.stderr, /^Cannot plan: NPM at .* is unreachable/m);
  assert.ok(unreachable.ms < 15_000, `took ${unreachable.ms} ms`);
});

async function startDouble() {
  const npm = await startNpmDouble();
  return Object.assign(npm, { [Symbol.asyncDispose]: () => npm.close() });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
