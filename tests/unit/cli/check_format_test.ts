import assert from "node:assert/strict";
import {
  checkExitCode,
  checkJson,
  type CheckLine,
  type CheckReport,
  formatCheck,
} from "../../../lib/cli/check.ts";

const INFO: CheckLine = { severity: "info", code: "docker", message: "Docker: engine 20.10" };
const WARNING: CheckLine = { severity: "warning", code: "upstream_by_name", message: "host #3 …" };
const ERROR: CheckLine = { severity: "error", code: "npm_unreachable", message: "NPM is down" };

Deno.test("checkExitCode() is 3 for a refused login, 1 for any problem, else 0", () => {
  const cases: { desc: string; report: CheckReport; want: number }[] = [
    { desc: "facts only", report: { lines: [INFO], loginRefused: false }, want: 0 },
    { desc: "a warning", report: { lines: [INFO, WARNING], loginRefused: false }, want: 1 },
    { desc: "an error", report: { lines: [ERROR], loginRefused: false }, want: 1 },
    { desc: "login refused", report: { lines: [INFO, ERROR], loginRefused: true }, want: 3 },
  ];
  for (const { desc, report, want } of cases) assert.equal(checkExitCode(report), want, desc);
});

Deno.test("formatCheck() prints facts, one line per problem and a tally", () => {
  assert.equal(
    formatCheck({ lines: [INFO, WARNING, ERROR], loginRefused: false }),
    [
      "Docker: engine 20.10",
      "warning: host #3 …",
      "error: NPM is down",
      "2 problems found",
    ].join("\n"),
  );
  assert.equal(
    formatCheck({ lines: [INFO], loginRefused: false }),
    "Docker: engine 20.10\nNo problems found",
  );
});

Deno.test("checkJson() separates facts from problems", () => {
  assert.deepEqual(checkJson({ lines: [INFO, WARNING], loginRefused: false }), {
    ok: false,
    exitCode: 1,
    info: ["Docker: engine 20.10"],
    problems: [WARNING],
  });
});
