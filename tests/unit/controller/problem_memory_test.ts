import assert from "node:assert/strict";
import type { Problem } from "../../../lib/controller/reports.ts";
import { ProblemMemory } from "../../../lib/controller/problem_memory.ts";

function problem(code: string, overrides: Partial<Problem> = {}): Problem {
  return { severity: "warning", code, message: `Something about ${code}`, ...overrides };
}

Deno.test("ProblemMemory.update() returns a problem once while it lasts", () => {
  const memory = new ProblemMemory();
  const conflict = problem("domain_conflict", { domain: "a.lan" });
  assert.deepEqual(memory.update("c1", [conflict]), [conflict]);
  assert.deepEqual(memory.update("c1", [conflict]), []);
  assert.deepEqual(memory.update("c1", [{ ...conflict }]), [], "equal, not identical, is the same");
});

Deno.test("ProblemMemory.update() returns only the new problems of a subject", () => {
  const memory = new ProblemMemory();
  const a = problem("a");
  const b = problem("b");
  memory.update("c1", [a]);
  assert.deepEqual(memory.update("c1", [a, b]), [b]);
  assert.deepEqual(memory.update("c1", [b]), []);
  assert.deepEqual(memory.update("c1", [a, b]), [a], "a went away and came back");
});

Deno.test("ProblemMemory reports a problem again after its cause went away and came back", () => {
  const memory = new ProblemMemory();
  const a = problem("invalid_settings");
  memory.update("c1", [a]);
  assert.deepEqual(memory.update("c1", []), []);
  assert.deepEqual(memory.update("c1", [a]), [a]);
});

Deno.test("ProblemMemory tells problems apart by code, domain and message, and subjects apart", () => {
  const memory = new ProblemMemory();
  const base = problem("foreign_host", { domain: "a.lan" });
  memory.update("c1", [base]);
  const cases: [string, Problem][] = [
    ["another domain", { ...base, domain: "b.lan" }],
    ["another message", { ...base, message: "held by #7" }],
    ["another code", { ...base, code: "other_host_kind" }],
  ];
  for (const [desc, changed] of cases) {
    assert.deepEqual(memory.update("c1", [base, changed]), [changed], desc);
    memory.update("c1", [base]);
  }
  assert.deepEqual(memory.update("c2", [base]), [base], "another subject");
  assert.deepEqual(
    memory.update("c1", [{ ...base, severity: "error", containerName: "x" }]),
    [],
    "severity and names are not part of the identity",
  );
});

Deno.test("ProblemMemory.forget() makes a subject's problems new again", () => {
  const memory = new ProblemMemory();
  const a = problem("a");
  memory.update("c1", [a]);
  memory.update("c2", [a]);
  memory.forget("c1");
  assert.deepEqual(memory.update("c1", [a]), [a]);
  assert.deepEqual(memory.update("c2", [a]), []);
});

Deno.test("ProblemMemory tells a problem once whether its container is named by id or by name", () => {
  const memory = new ProblemMemory();
  const detail = 'nginx: [emerg] unknown directive "x"\n';
  const byId = problem("nginx_rejected", {
    containerId: "c0ffee",
    containerName: "c0ffee",
    message: "nginx refused … (container c0ffee)",
    detail,
  });
  const byName = { ...byId, containerName: "web", message: "nginx refused … (container web)" };
  assert.deepEqual(memory.update("host:3", [byId]), [byId]);
  assert.deepEqual(memory.update("host:3", [byName]), []);
});
