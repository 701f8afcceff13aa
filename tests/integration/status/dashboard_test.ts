import assert from "node:assert/strict";
import denoJson from "../../../deno.json" with { type: "json" };
import { HOSTILE, JELLYFIN, PAPERLESS, scenario, startStack, TOKEN } from "./_stack.ts";

/** The first of Debian's chromium binary names found on PATH. */
function findChromium(): string | undefined {
  const dirs = (Deno.env.get("PATH") ?? "").split(":").filter((dir) => dir !== "");
  for (const name of ["chromium", "chromium-browser"]) {
    for (const dir of dirs) {
      try {
        if (Deno.statSync(`${dir}/${name}`).isFile) return `${dir}/${name}`;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

const CHROMIUM = findChromium();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Runs headless chromium on `url` with extra flags; its stdout, killed after 60 s. */
async function chromium(url: string, flags: readonly string[]): Promise<string> {
  const profile = await Deno.makeTempDir({ prefix: "envoynpm_chromium_" });
  const child = new Deno.Command(CHROMIUM ?? "chromium", {
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      `--user-data-dir=${profile}`,
      "--virtual-time-budget=5000",
      ...flags,
      url,
    ],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
  try {
    const output = await child.output();
    assert.ok(output.success, `chromium exited with ${output.code}`);
    return new TextDecoder().decode(output.stdout);
  } finally {
    clearTimeout(timer);
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

Deno.test({
  name: CHROMIUM === undefined
    ? "dashboard in headless chromium (skipped: no chromium or chromium-browser on PATH)"
    : "dashboard in headless chromium shows containers, domains and host ids",
  ignore: CHROMIUM === undefined,
  async fn() {
    const stack = startStack();
    try {
      stack.feed(scenario());
      const dom = await chromium(`${stack.base}/?token=${TOKEN}`, ["--dump-dom"]);
      for (
        const text of [
          PAPERLESS.containerName,
          JELLYFIN.containerName,
          PAPERLESS.domain,
          JELLYFIN.domain,
          "#41",
          "#42",
          "#17",
          "http://172.20.0.7:8000",
          "Docker: connected",
          "NPM: reachable",
          "nginx rejected the config",
          'NPM_PORT "abc" is not a port number',
          `EnvoyNPM ${denoJson.version}`,
        ]
      ) assert.ok(dom.includes(text), text);
      assert.ok(!dom.includes("NPM_PORT: NPM_PORT"), "a problem names its variable once");
      assert.ok(dom.includes("&lt;img src=x onerror=alert(1)&gt;"), "the markup name as text");
      assert.ok(!dom.includes(HOSTILE.containerName), "the markup name never becomes an element");
      assert.match(dom, /<p id="notice"[^>]*><\/p>/, "no error notice");
    } finally {
      await stack.close();
    }
  },
});

Deno.test({
  name: CHROMIUM === undefined
    ? "dashboard screenshot in headless chromium (skipped: no chromium or chromium-browser on PATH)"
    : "dashboard in headless chromium renders a screenshot",
  ignore: CHROMIUM === undefined,
  async fn() {
    const stack = startStack();
    const dir = await Deno.makeTempDir({ prefix: "envoynpm_shot_" });
    try {
      stack.feed(scenario());
      const png = `${dir}/dashboard.png`;
      await chromium(`${stack.base}/?token=${TOKEN}`, [
        `--screenshot=${png}`,
        "--window-size=1200,900",
      ]);
      const bytes = await Deno.readFile(png);
      assert.ok(bytes.length > 1_000, `a PNG of ${bytes.length} bytes`);
      assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE);
      const keep = Deno.env.get("ENVOYNPM_KEEP_SCREENSHOT");
      if (keep) await Deno.copyFile(png, keep);
    } finally {
      await stack.close();
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    }
  },
});
