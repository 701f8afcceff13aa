import assert from "node:assert/strict";
import { loadConfig } from "../../../lib/config/mod.ts";

const VALID = {
  NPM_API_URL: "http://npm:81",
  NPM_API_EMAIL: "admin@example.com",
  NPM_API_PASSWORD: "s3cret-Pa55",
};
const REMOTE = { ...VALID, DOCKER_HOST: "tcp://nas:2376" };
const pem = (label: string) => `-----BEGIN ${label}-----\nAAAA\n-----END ${label}-----\n`;

/** A file reader over an in-memory folder; a missing file throws as Deno does. */
function files(entries: Record<string, string>) {
  const read: string[] = [];
  const readTextFile = (path: string) => {
    read.push(path);
    if (!(path in entries)) throw new Deno.errors.NotFound(`No such file or directory: ${path}`);
    return entries[path];
  };
  return { read, readTextFile };
}

const CERTS = {
  "/certs/ca.pem": pem("CERTIFICATE"),
  "/certs/cert.pem": pem("CERTIFICATE"),
  "/certs/key.pem": pem("PRIVATE KEY"),
};

Deno.test("loadConfig() reads ca.pem, cert.pem and key.pem when DOCKER_TLS_VERIFY is set", () => {
  const fs = files(CERTS);
  const env = { ...REMOTE, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/certs/" };
  const config = loadConfig(env, fs)._unsafeUnwrap();
  assert.deepEqual(config.dockerTls, {
    ca: CERTS["/certs/ca.pem"],
    cert: CERTS["/certs/cert.pem"],
    key: CERTS["/certs/key.pem"],
  });
});

Deno.test("loadConfig() takes ~/.docker when DOCKER_CERT_PATH is unset, as the Docker CLI", () => {
  const fs = files({
    "/home/me/.docker/ca.pem": pem("CERTIFICATE"),
    "/home/me/.docker/cert.pem": pem("CERTIFICATE"),
    "/home/me/.docker/key.pem": pem("EC PRIVATE KEY"),
  });
  const config = loadConfig({ ...REMOTE, DOCKER_TLS_VERIFY: "yes", HOME: "/home/me" }, fs);
  assert.ok(config._unsafeUnwrap().dockerTls !== undefined);
});

Deno.test("loadConfig() names the variable and every file it cannot read", () => {
  const fs = files({ "/certs/ca.pem": pem("CERTIFICATE"), "/certs/key.pem": "not a key" });
  const env = { ...REMOTE, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/certs" };
  const problems = loadConfig(env, fs)._unsafeUnwrapErr();
  assert.deepEqual(problems.map((p) => p.variable), ["DOCKER_CERT_PATH", "DOCKER_CERT_PATH"]);
  assert.match(problems[0].message, /cert\.pem at \/certs\/cert\.pem \(No such file/);
  assert.match(problems[1].message, /key\.pem at \/certs\/key\.pem \(it is not a PEM file\)/);
  assert.ok(!problems.some((p) => p.message.includes("not a key")), "no file content in messages");
});

Deno.test("loadConfig() asks for DOCKER_CERT_PATH when neither it nor HOME is set", () => {
  const problems = loadConfig({ ...REMOTE, DOCKER_TLS_VERIFY: "1" }, files({}))._unsafeUnwrapErr();
  assert.equal(problems[0].variable, "DOCKER_CERT_PATH");
});

Deno.test("loadConfig() refuses DOCKER_TLS_VERIFY with a unix socket", () => {
  const problems = loadConfig({ ...VALID, DOCKER_TLS_VERIFY: "1" }, files(CERTS))
    ._unsafeUnwrapErr();
  assert.equal(problems[0].variable, "DOCKER_TLS_VERIFY");
  assert.match(problems[0].message, /tcp:\/\//);
});

Deno.test("loadConfig() refuses DOCKER_CERT_PATH without DOCKER_TLS_VERIFY for tcp://", () => {
  const fs = files(CERTS);
  const problems = loadConfig({ ...REMOTE, DOCKER_CERT_PATH: "/certs" }, fs)._unsafeUnwrapErr();
  assert.equal(problems[0].variable, "DOCKER_CERT_PATH");
  assert.match(problems[0].message, /DOCKER_TLS_VERIFY=1/);
  assert.deepEqual(fs.read, []);
});

Deno.test("loadConfig() ignores empty TLS variables and reads no file", () => {
  const fs = files({});
  const config = loadConfig({ ...REMOTE, DOCKER_TLS_VERIFY: "", DOCKER_CERT_PATH: "" }, fs);
  assert.equal(config._unsafeUnwrap().dockerTls, undefined);
  assert.deepEqual(fs.read, []);
});

Deno.test("loadConfig() reads DOCKER_PLAIN_TCP as warn or trusted", () => {
  assert.equal(loadConfig(REMOTE)._unsafeUnwrap().dockerPlainTcpTrusted, false);
  const trusted = loadConfig({ ...REMOTE, DOCKER_PLAIN_TCP: "Trusted" })._unsafeUnwrap();
  assert.equal(trusted.dockerPlainTcpTrusted, true);
  const problems = loadConfig({ ...REMOTE, DOCKER_PLAIN_TCP: "yes" })._unsafeUnwrapErr();
  assert.equal(problems[0].variable, "DOCKER_PLAIN_TCP");
});

Deno.test("loadConfig() says where the image may read TLS files when Deno forbids the folder", () => {
  const readTextFile = () => {
    throw new Deno.errors.NotCapable('Requires read access to "/etc/docker/ca.pem"');
  };
  const env = { ...REMOTE, DOCKER_TLS_VERIFY: "1", DOCKER_CERT_PATH: "/etc/docker" };
  const problems = loadConfig(env, { readTextFile })._unsafeUnwrapErr();
  assert.equal(problems.length, 3);
  assert.match(problems[0].message, /ca\.pem at \/etc\/docker\/ca\.pem \(.*from \/certs only\)/);
});
