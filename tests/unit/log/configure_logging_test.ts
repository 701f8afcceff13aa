import assert from "node:assert/strict";
import { getLogger, reset } from "@logtape/logtape";
import { configureLogging } from "../../../lib/log/mod.ts";

const logger = getLogger(["envoynpm", "test"]);

/** The entries `log` writes in `format`, as written. */
async function written(format: "text" | "json", log: () => void): Promise<string[]> {
  const entries: string[] = [];
  await configureLogging({ level: "debug", format, write: (entry) => entries.push(entry) });
  try {
    log();
  } finally {
    await reset();
  }
  return entries;
}

const NGINX_ERR = 'nginx: [emerg] unknown directive "this" in /data/nginx/proxy_host/3.conf:37\n' +
  "nginx: configuration file /etc/nginx/nginx.conf test failed\n";

Deno.test("configureLogging() text format writes a message with newlines as one line", async () => {
  const entries = await written("text", () => logger.warn("a\nb\n"));
  assert.equal(entries.length, 1);
  assert.match(entries[0], /^\S+ \S+ \S+ \[WRN\] envoynpm\.test: a \/ b\n$/);
});

Deno.test("configureLogging() text format folds nginx's answer and multi-line values", async () => {
  const entries = await written("text", () => {
    logger.error(`nginx refused the configuration of a.lan: ${NGINX_ERR}. Fix it`);
    logger.info("Host {host}", {
      host: { domain: "a.lan".repeat(20), forward: "172.18.0.5".repeat(10), id: 3 },
    });
    logger.warn("Crossed\r\nlines");
  });
  assert.equal(entries.length, 3);
  for (const entry of entries) assert.equal(entry.indexOf("\n"), entry.length - 1, entry);
  assert.ok(
    entries[0].endsWith(
      "proxy_host/3.conf:37 / nginx: configuration file /etc/nginx/nginx.conf test failed / . Fix it\n",
    ),
    entries[0],
  );
  assert.match(entries[1], /Host \{ \/ domain: "a\.lan/);
  assert.ok(entries[2].endsWith(": Crossed / lines\n"), entries[2]);
});

Deno.test("configureLogging() JSON format keeps the newlines in its fields, one line per entry", async () => {
  const entries = await written("json", () => logger.warn("a\nb\n", { detail: NGINX_ERR }));
  assert.equal(entries.length, 1);
  assert.equal(entries[0].indexOf("\n"), entries[0].length - 1);
  const entry = JSON.parse(entries[0]);
  assert.equal(entry.message, "a\nb\n");
  assert.equal(entry.detail, NGINX_ERR);
});
