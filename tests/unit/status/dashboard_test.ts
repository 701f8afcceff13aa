import assert from "node:assert/strict";
import denoJson from "../../../deno.json" with { type: "json" };
import { DASHBOARD_HTML } from "../../../lib/status/dashboard.ts";

Deno.test("DASHBOARD_HTML shows the version and the licence in its footer", () => {
  const footer = /<footer[^>]*>([^<]*)<\/footer>/.exec(DASHBOARD_HTML)?.[1];
  assert.equal(footer, `EnvoyNPM ${denoJson.version} · MIT licence`);
});

Deno.test("DASHBOARD_HTML has one footer, after the tables and before the script", () => {
  const footer = DASHBOARD_HTML.indexOf("<footer");
  assert.equal(DASHBOARD_HTML.lastIndexOf("<footer"), footer);
  assert.ok(DASHBOARD_HTML.indexOf("</main>") < footer);
  assert.ok(footer < DASHBOARD_HTML.indexOf("<script>"));
});
