import assert from "node:assert/strict";
import { reset } from "@logtape/logtape";
import { createLogListener } from "../../../lib/controller/log_listener.ts";
import { configureLogging } from "../../../lib/log/mod.ts";
import { ownerMeta } from "../../support/model_factories.ts";

const SUBJECT = { domain: "app.lan", containerId: "c1", containerName: "web" } as const;

async function logged(run: () => void): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  await configureLogging({ level: "debug", format: "json", write: (line) => lines.push(line) });
  try {
    run();
  } finally {
    await reset();
  }
  return lines.map((line) => JSON.parse(line));
}

Deno.test("createLogListener() logs a re-enabling update once, naming what changed", async () => {
  const [line] = await logged(() =>
    createLogListener()({
      type: "action",
      outcome: "ok",
      durationMs: 12.4,
      action: {
        ...SUBJECT,
        kind: "update",
        hostId: 4,
        changes: { forward_host: "172.18.0.9" },
        meta: ownerMeta("c1"),
        enable: true,
        diff: [{ field: "forward_host", from: "172.18.0.5", to: "172.18.0.9" }],
      },
    })
  );
  assert.match(
    String(line.message),
    /^Enabled and updated proxy host "app.lan" \(#4\) for container "web"/,
  );
  assert.match(String(line.message), /forward_host: 172\.18\.0\.5 → 172\.18\.0\.9/);
  assert.equal(line.level, "INFO");
  assert.equal(line.durationMs, 12);
});

Deno.test("createLogListener() keeps braces in a problem's message as they are", async () => {
  const [line] = await logged(() =>
    createLogListener()({
      type: "problem",
      problem: {
        severity: "warning",
        code: "x",
        message: 'NPM_ADVANCED_CONFIG "location / { }" is bad',
      },
    })
  );
  assert.equal(line.message, 'NPM_ADVANCED_CONFIG "location / { }" is bad');
  assert.equal(line.level, "WARN");
});
