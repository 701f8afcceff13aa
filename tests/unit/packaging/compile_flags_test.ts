/**
 * `deno compile` bakes the permissions into the binary, and three places
 * compile it: deno.json's `compile` task, the Dockerfile's compile stage and
 * the release workflow. They must grant the same permissions.
 */
import assert from "node:assert/strict";
import denoJson from "../../../deno.json" with { type: "json" };

const root = new URL("../../../", import.meta.url);

function read(path: string): string {
  return Deno.readTextFileSync(new URL(path, root));
}

/** Every `deno compile` command in a shell text, each on one line; comments dropped. */
function compileCommands(text: string): string[] {
  return text
    .replace(/\\\n/g, " ")
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .flatMap((line) => {
      const at = line.indexOf("deno compile ");
      return at < 0 ? [] : [line.slice(at)];
    });
}

/** The permission flags of one command, in their order. */
function permissionFlags(command: string): string[] {
  return command.split(/\s+/).filter((word) => /^--(allow|deny)-/.test(word));
}

const TASK = permissionFlags(denoJson.tasks.compile);

Deno.test("compileCommands() joins continued lines and skips comments", () => {
  const text =
    "# deno compile --allow-all\nRUN x && \\\n  deno compile --allow-env \\\n  main.ts\n";
  assert.deepEqual(compileCommands(text), ["deno compile --allow-env    main.ts"]);
});

Deno.test("deno.json's compile task grants env, net, the Docker socket and the TLS folder only", () => {
  assert.deepEqual(TASK, [
    "--allow-env",
    "--allow-net",
    "--allow-read=/var/run/docker.sock,/certs",
    "--allow-write=/var/run/docker.sock",
  ]);
});

Deno.test("Dockerfile compiles with the compile task's permission flags", () => {
  const commands = compileCommands(read("Dockerfile"));
  assert.equal(commands.length, 1, "one deno compile in the Dockerfile");
  assert.deepEqual(permissionFlags(commands[0]), TASK);
});

Deno.test("release workflow compiles with the compile task's permission flags", () => {
  const commands = compileCommands(read(".github/workflows/release.yml"));
  assert.equal(commands.length, 1, "one deno compile in the release workflow");
  assert.deepEqual(permissionFlags(commands[0]), TASK);
});
