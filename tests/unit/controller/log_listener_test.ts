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

Deno.test("createLogListener() logs an outage as one WARNING and its end as one INFO", async () => {
  const lines = await logged(() => {
    const listen = createLogListener();
    listen({ type: "npm_answer", ok: false, cause: "NPM at http://npm:81/api is unreachable" });
    listen({
      type: "outage",
      service: "npm",
      down: true,
      cause: "NPM at http://npm:81/api is unreachable: Connection refused",
      forMs: 6_100,
    });
    listen({ type: "npm_answer", ok: true });
    listen({ type: "outage", service: "npm", down: false, lastedMs: 25_400 });
  });
  assert.deepEqual(lines.map((line) => [line.level, line.message]), [
    [
      "WARN",
      'NPM has not answered for 6 s: "NPM at http://npm:81/api is unreachable: Connection refused"',
    ],
    ["INFO", "NPM answers again after an outage of 25 s"],
  ]);
});

Deno.test("createLogListener() says once where NPM runs, or that it is not a container here", async () => {
  const lines = await logged(() => {
    const listen = createLogListener();
    listen({
      type: "npm_placement",
      placement: { container: "npm", foundBy: "image", networks: ["casaos", "proxy"] },
    });
    listen({ type: "npm_placement", placement: { container: null } });
  });
  assert.equal(lines.length, 2);
  assert.match(String(lines[0].message), /NPM runs in container "npm" \(found by "its image"\)/);
  assert.match(String(lines[0].message), /casaos, proxy/);
  assert.match(String(lines[1].message), /NPM is not a container of this engine/);
});
