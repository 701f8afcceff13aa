import assert from "node:assert/strict";
import { formatConfigProblems, loadConfig } from "../../../lib/config/mod.ts";
import { parseDuration } from "../../../lib/config/duration.ts";

const VALID = {
  NPM_API_URL: "http://npm:81",
  NPM_API_EMAIL: "admin@example.com",
  NPM_API_PASSWORD: "s3cret-Pa55",
};

Deno.test("loadConfig() applies the documented defaults", () => {
  const config = loadConfig(VALID)._unsafeUnwrap();
  assert.deepEqual(config, {
    npm: { url: "http://npm:81", email: "admin@example.com", password: "s3cret-Pa55" },
    logLevel: "info",
    logFormat: "text",
    dockerHosts: ["unix:///var/run/docker.sock"],
    dockerPlainTcpTrusted: false,
    npmContainerName: undefined,
    hostAddress: undefined,
    resyncIntervalMs: 300_000,
    npmTimeoutMs: 10_000,
    enforce: false,
    stopAction: "disable",
    stopGraceMs: 0,
    httpAddr: ":8787",
    httpToken: undefined,
    notifyUrl: undefined,
  });
});

const GOOD_CASES: {
  desc: string;
  env: Record<string, string>;
  check: (c: ReturnType<typeof loadConfig>) => void;
}[] = [
  {
    desc: "LOG_LEVEL is case-insensitive",
    env: { LOG_LEVEL: "DeBuG" },
    check: (c) => assert.equal(c._unsafeUnwrap().logLevel, "debug"),
  },
  {
    desc: "LOG_LEVEL WARN means warning",
    env: { LOG_LEVEL: "WARN" },
    check: (c) => assert.equal(c._unsafeUnwrap().logLevel, "warning"),
  },
  {
    desc: "LOG_LEVEL ERROR",
    env: { LOG_LEVEL: "ERROR" },
    check: (c) => assert.equal(c._unsafeUnwrap().logLevel, "error"),
  },
  {
    desc: "empty HTTP_ADDR turns the status server off",
    env: { HTTP_ADDR: "" },
    check: (c) => assert.equal(c._unsafeUnwrap().httpAddr, ""),
  },
  {
    desc: "RESYNC_INTERVAL 0 turns resync off",
    env: { RESYNC_INTERVAL: "0" },
    check: (c) => assert.equal(c._unsafeUnwrap().resyncIntervalMs, 0),
  },
  {
    desc: "RESYNC_INTERVAL with a unit",
    env: { RESYNC_INTERVAL: "2m" },
    check: (c) => assert.equal(c._unsafeUnwrap().resyncIntervalMs, 120_000),
  },
  {
    desc: "ENFORCE yes",
    env: { ENFORCE: "Yes" },
    check: (c) => assert.equal(c._unsafeUnwrap().enforce, true),
  },
  {
    desc: "tcp DOCKER_HOST",
    env: { DOCKER_HOST: "tcp://proxy:2375" },
    check: (c) => assert.deepEqual(c._unsafeUnwrap().dockerHosts, ["tcp://proxy:2375"]),
  },
  {
    desc: "several engines in DOCKER_HOST, and one INSTANCE_ID each",
    env: {
      DOCKER_HOST: "unix:///var/run/docker.sock, tcp://nas:2375",
      INSTANCE_ID: "pc,nas",
    },
    check: (c) => {
      assert.deepEqual(c._unsafeUnwrap().dockerHosts, [
        "unix:///var/run/docker.sock",
        "tcp://nas:2375",
      ]);
      assert.deepEqual(c._unsafeUnwrap().instanceIds, ["pc", "nas"]);
    },
  },
  {
    desc: "an INSTANCE_ID list that does not match the engines",
    env: { DOCKER_HOST: "unix:///a.sock,unix:///b.sock", INSTANCE_ID: "one" },
    check: (c) => assert.match(c._unsafeUnwrapErr()[0].message, /1 id\(s\) for 2 engine\(s\)/),
  },
  {
    desc: "https NPM_API_URL",
    env: { NPM_API_URL: "https://npm.home.lan/" },
    check: (c) => assert.equal(c._unsafeUnwrap().npm.url, "https://npm.home.lan/"),
  },
  {
    desc: "LOG_FORMAT json",
    env: { LOG_FORMAT: "JSON" },
    check: (c) => assert.equal(c._unsafeUnwrap().logFormat, "json"),
  },
];

for (const { desc, env, check } of GOOD_CASES) {
  Deno.test(`loadConfig() accepts: ${desc}`, () => check(loadConfig({ ...VALID, ...env })));
}

const BAD_CASES: { desc: string; env: Record<string, string | undefined>; variable: string }[] = [
  { desc: "missing NPM_API_URL", env: { NPM_API_URL: undefined }, variable: "NPM_API_URL" },
  { desc: "relative NPM_API_URL", env: { NPM_API_URL: "/api" }, variable: "NPM_API_URL" },
  { desc: "non-http NPM_API_URL", env: { NPM_API_URL: "ftp://npm" }, variable: "NPM_API_URL" },
  { desc: "NPM_API_URL without scheme", env: { NPM_API_URL: "npm:81" }, variable: "NPM_API_URL" },
  { desc: "missing NPM_API_EMAIL", env: { NPM_API_EMAIL: undefined }, variable: "NPM_API_EMAIL" },
  { desc: "empty NPM_API_PASSWORD", env: { NPM_API_PASSWORD: "" }, variable: "NPM_API_PASSWORD" },
  { desc: "unknown LOG_LEVEL", env: { LOG_LEVEL: "verbose" }, variable: "LOG_LEVEL" },
  { desc: "unknown LOG_FORMAT", env: { LOG_FORMAT: "xml" }, variable: "LOG_FORMAT" },
  {
    desc: "DOCKER_HOST without scheme",
    env: { DOCKER_HOST: "/var/run/docker.sock" },
    variable: "DOCKER_HOST",
  },
  { desc: "bad RESYNC_INTERVAL", env: { RESYNC_INTERVAL: "soon" }, variable: "RESYNC_INTERVAL" },
  { desc: "zero NPM_TIMEOUT", env: { NPM_TIMEOUT: "0" }, variable: "NPM_TIMEOUT" },
  { desc: "NPM_TIMEOUT under a second", env: { NPM_TIMEOUT: "5ms" }, variable: "NPM_TIMEOUT" },
  {
    desc: "RESYNC_INTERVAL under a second",
    env: { RESYNC_INTERVAL: "1ms" },
    variable: "RESYNC_INTERVAL",
  },
  { desc: "HTTP_ADDR port out of range", env: { HTTP_ADDR: ":99999" }, variable: "HTTP_ADDR" },
  {
    desc: "NPM_API_URL with a password",
    env: { NPM_API_URL: "http://admin:pw@npm:81" },
    variable: "NPM_API_URL",
  },
  { desc: "bad ENFORCE", env: { ENFORCE: "maybe" }, variable: "ENFORCE" },
  { desc: "bad HTTP_ADDR", env: { HTTP_ADDR: "8787" }, variable: "HTTP_ADDR" },
  { desc: "bad NOTIFY_URL", env: { NOTIFY_URL: "hooks.lan/x" }, variable: "NOTIFY_URL" },
];

for (const { desc, env, variable } of BAD_CASES) {
  Deno.test(`loadConfig() refuses ${desc} and names ${variable}`, () => {
    const problems = loadConfig({ ...VALID, ...env })._unsafeUnwrapErr();
    assert.deepEqual(problems.map((p) => p.variable), [variable]);
    assert.match(problems[0].message, new RegExp(variable));
  });
}

Deno.test("loadConfig() names every bad variable at once and never the password", () => {
  const problems = loadConfig({ NPM_API_PASSWORD: "hunter2-secret", LOG_LEVEL: "x" })
    ._unsafeUnwrapErr();
  assert.deepEqual(problems.map((p) => p.variable).sort(), [
    "LOG_LEVEL",
    "NPM_API_EMAIL",
    "NPM_API_URL",
  ]);
  const message = formatConfigProblems(problems);
  assert.match(message, /NPM_API_URL/);
  assert.match(message, /NPM_API_EMAIL/);
  assert.match(message, /LOG_LEVEL/);
  assert.doesNotMatch(message, /hunter2-secret/);
});

Deno.test("loadConfig() never quotes a password in NPM_API_URL or a webhook URL", () => {
  const problems = loadConfig({
    ...VALID,
    NPM_API_URL: "http://admin:hunter2@npm:81",
    NOTIFY_URL: "hooks.example/T000/secret-path",
  })._unsafeUnwrapErr();
  const message = formatConfigProblems(problems);
  assert.doesNotMatch(message, /hunter2/);
  assert.doesNotMatch(message, /secret-path/);
});

Deno.test("parseDuration() reads seconds and units", () => {
  assert.equal(parseDuration("300")._unsafeUnwrap(), 300_000);
  assert.equal(parseDuration("1h")._unsafeUnwrap(), 3_600_000);
  assert.equal(parseDuration("250ms")._unsafeUnwrap(), 250);
  assert.ok(parseDuration("-5").isErr());
  assert.ok(parseDuration("5 m").isErr());
});
