import assert from "node:assert/strict";
import { helpText, type Invocation, parseInvocation, USAGE } from "../../../lib/cli/args.ts";

Deno.test("parseInvocation() reads each command line the CLI accepts", () => {
  const cases: { args: string[]; want: Invocation }[] = [
    { args: [], want: { kind: "command", command: "run", json: false } },
    { args: ["run"], want: { kind: "command", command: "run", json: false } },
    { args: ["plan"], want: { kind: "command", command: "plan", json: false } },
    { args: ["plan", "--json"], want: { kind: "command", command: "plan", json: true } },
    { args: ["--json", "check"], want: { kind: "command", command: "check", json: true } },
    { args: ["healthcheck"], want: { kind: "command", command: "healthcheck", json: false } },
    { args: ["demo"], want: { kind: "command", command: "demo", json: false } },
    { args: ["--help"], want: { kind: "help" } },
    { args: ["-h"], want: { kind: "help" } },
    { args: ["plan", "--help"], want: { kind: "help", command: "plan" } },
    { args: ["check", "-h"], want: { kind: "help", command: "check" } },
    { args: ["--help", "demo"], want: { kind: "help", command: "demo" } },
    { args: ["--version"], want: { kind: "version" } },
    { args: ["-V"], want: { kind: "version" } },
    { args: ["plan", "--version"], want: { kind: "version" } },
  ];
  for (const { args, want } of cases) {
    const got = parseInvocation(args);
    assert.ok(got.isOk(), `${args.join(" ")}: ${got.isErr() ? got.error.message : ""}`);
    assert.deepEqual(got.value, want, args.join(" "));
  }
});

Deno.test("parseInvocation() refuses bad command lines, naming the command when there is one", () => {
  const cases: { args: string[]; message: RegExp; command?: string }[] = [
    { args: ["plan", "--bogus"], message: /^Unknown flag "--bogus"$/, command: "plan" },
    { args: ["--bogus"], message: /^Unknown flag "--bogus"$/ },
    { args: ["-x", "check"], message: /^Unknown flag "-x"$/, command: "check" },
    { args: ["deploy"], message: /^Unknown command "deploy"$/ },
    { args: ["deploy", "--help"], message: /^Unknown command "deploy"$/ },
    { args: ["plan", "extra"], message: /^Unexpected argument "extra"$/, command: "plan" },
    { args: ["run", "--json"], message: /--json goes with plan or check/, command: "run" },
    { args: ["healthcheck", "--json"], message: /not healthcheck/, command: "healthcheck" },
    { args: ["plan", "--json=yes"], message: /json/, command: "plan" },
  ];
  for (const { args, message, command } of cases) {
    const got = parseInvocation(args);
    assert.ok(got.isErr(), args.join(" "));
    assert.equal(got.error.kind, "bad_arguments");
    assert.match(got.error.message, message, args.join(" "));
    assert.equal(got.error.command, command, args.join(" "));
  }
});

Deno.test("helpText() gives each command its own help and the program its usage", () => {
  assert.equal(helpText(), USAGE);
  for (const command of ["run", "plan", "check", "healthcheck", "demo"] as const) {
    assert.match(helpText(command), new RegExp(`^Usage: envoynpm ${command}\\b`));
  }
  assert.match(helpText("plan"), /--json/);
  assert.match(helpText("check"), /--json/);
  assert.doesNotMatch(helpText("healthcheck"), /--json/);
});
