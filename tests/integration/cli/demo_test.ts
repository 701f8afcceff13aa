import assert from "node:assert/strict";
import { requireEngine } from "../../support/engine.ts";
import { startEnvoy } from "../../support/envoy_process.ts";
import { waitUntil } from "../../support/wait.ts";
import { freePort } from "./_run.ts";

Deno.test("envoynpm demo starts with no NPM variables, serves /healthz, and stops on SIGTERM within 2 s", async () => {
  const engine = await requireEngine();
  const port = freePort();
  await using demo = startEnvoy({
    // The demo ignores these: it runs its own NPM stand-in.
    npm: { url: "", email: "", password: "" },
    dockerHost: engine.host,
    args: ["demo"],
    env: { HTTP_ADDR: `127.0.0.1:${port}`, LOG_LEVEL: "info" },
  });
  const status = await waitUntil("the demo's /healthz to answer 200", async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      await response.body?.cancel();
      return response.status === 200 ? response.status : undefined;
    } catch {
      return undefined;
    }
  }, { timeoutMs: 20_000, intervalMs: 100 });
  assert.equal(status, 200);
  const banner = demo.otherOutput.join("\n");
  assert.match(banner, new RegExp(`Status page: +http://127\\.0\\.0\\.1:${port}/`));
  assert.match(banner, /NPM stand-in: +http:\/\/127\.0\.0\.1:\d+ .*login admin@example\.com/);
  assert.match(banner, /docker run -d --name demo-app -e NPM_HOST=demo\.home\.lan -e NPM_PORT=80 /);
  assert.match(banner, /busybox/);
  const stopped = await demo.stop("SIGTERM");
  assert.equal(stopped.code, 0);
  assert.ok(stopped.ms < 2_000, `took ${stopped.ms} ms`);
});
