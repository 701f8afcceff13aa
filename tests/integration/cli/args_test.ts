import assert from "node:assert/strict";
import { runMain } from "./_run.ts";

Deno.test("envoynpm exits 2 with the usage on an unknown flag or command", async () => {
  const cases: { args: string[]; message: RegExp; usage: RegExp }[] = [
    {
      args: ["--frobnicate"],
      message: /^Unknown flag "--frobnicate"/,
      usage: /^Usage: envoynpm \[command\]/m,
    },
    {
      args: ["plan", "--force"],
      message: /^Unknown flag "--force"/,
      usage: /^Usage: envoynpm plan/m,
    },
    {
      args: ["deploy"],
      message: /^Unknown command "deploy"/,
      usage: /^Usage: envoynpm \[command\]/m,
    },
  ];
  for (const { args, message, usage } of cases) {
    const result = await runMain(args);
    assert.equal(result.code, 2, args.join(" "));
    assert.match(result.stderr, message);
    assert.match(result.stderr, usage);
  }
});

Deno.test("envoynpm --help, <command> --help and --version work without any configuration", async () => {
  const help = await runMain(["--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: envoynpm \[command\] \[flags\]/);
  const planHelp = await runMain(["plan", "--help"]);
  assert.equal(planHelp.code, 0);
  assert.match(planHelp.stdout, /^Usage: envoynpm plan \[--json\]/);
  const version = await runMain(["demo", "--version"]);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^envoynpm \d+\.\d+\.\d+$/m);
});
