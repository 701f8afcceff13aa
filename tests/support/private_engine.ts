/**
 * A Docker engine of a test's own: its own dockerd, data, socket and bridge,
 * so the test sees only its own containers and may stop and restart the
 * engine without disturbing any other test. Needs root and `dockerd`.
 *
 * The engine gets its own default bridge, no iptables rules, and the test
 * image imported at start. Two dockerd flags are never used, because with
 * them dockerd deletes the host's `docker0` (by name) and breaks the main
 * engine: `--bridge=none`, and `--default-address-pool` (on a restart).
 *
 * @module
 */
import { createDockerAdmin, type DockerAdmin, TEST_PREFIX } from "./docker_admin.ts";
import { engineTransport } from "./engine.ts";
import { freePort } from "./envoy_process.ts";
import { importBusyboxImage, TEST_IMAGE } from "./test_image.ts";
import { makeTlsCerts } from "./tls_certs.ts";
import { waitUntil } from "./wait.ts";

/** A running private engine. */
export interface PrivateEngine extends AsyncDisposable {
  /** Its `DOCKER_HOST`, `unix:///…/docker.sock`. */
  readonly host: string;
  /** An admin client on it. */
  readonly admin: DockerAdmin;
  /** With `tls: true`: where it also listens with `--tlsverify`, and the client's certificates. */
  readonly tls?: PrivateEngineTls;
  /** Stops dockerd with SIGTERM (its containers stop with it) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts dockerd again on the same data; resolves when it answers. */
  start(): Promise<void>;
  /** Removes its containers and networks, stops it, and deletes its files and bridge. */
  close(): Promise<void>;
}

const HOW_TO = "Private engines need root, `dockerd` (apt-get install -y docker.io) and `ip`.";

/** The TLS side of a private engine started with `tls: true`. */
export interface PrivateEngineTls {
  /** `tcp://127.0.0.1:<port>`, serving only clients with a certificate of its CA. */
  readonly host: string;
  /** Holds `ca.pem`, `cert.pem`, `key.pem` for the client, as `DOCKER_CERT_PATH`. */
  readonly certPath: string;
  /** A CA that did not sign the engine's certificate. */
  readonly otherCa: string;
}

/** Options of {@linkcode startPrivateEngine}. */
export interface PrivateEngineOptions {
  /** Where dockerd listens; its folder must exist. @default a `docker.sock` in the engine's own folder */
  readonly socket?: string;
  /** Also listen on a free loopback port with `--tlsverify` and certificates made by openssl. @default false */
  readonly tls?: boolean;
}

/** Starts a private engine and imports the test image into it. */
export async function startPrivateEngine(
  options: PrivateEngineOptions = {},
): Promise<PrivateEngine> {
  const dir = await Deno.makeTempDir({ prefix: "envoynpm-engine-" });
  const tag = crypto.randomUUID().slice(0, 8);
  const bridge = `enp${tag}`;
  const octet = 100 + Math.floor(Math.random() * 150);
  const socket = options.socket ?? `${dir}/docker.sock`;
  const host = `unix://${socket}`;
  let tls: PrivateEngineTls | undefined;
  let tlsArgs: string[] = [];
  if (options.tls) {
    const certs = await makeTlsCerts(`${dir}/tls`).catch(async (error) => {
      await Deno.remove(dir, { recursive: true }).catch(() => {});
      throw error;
    });
    const port = freePort();
    tls = { host: `tcp://127.0.0.1:${port}`, certPath: certs.certPath, otherCa: certs.otherCa };
    tlsArgs = [
      `--host=${tls.host}`,
      "--tlsverify",
      `--tlscacert=${certs.certPath}/ca.pem`,
      `--tlscert=${certs.serverCert}`,
      `--tlskey=${certs.serverKey}`,
    ];
  }

  await run("ip", ["link", "add", "name", bridge, "type", "bridge"]);
  await run("ip", ["addr", "add", `172.31.${octet}.1/24`, "dev", bridge]);
  await run("ip", ["link", "set", bridge, "up"]);

  let daemon: Deno.ChildProcess | undefined;
  const start = async () => {
    daemon = new Deno.Command("dockerd", {
      args: [
        `--data-root=${dir}/data`,
        `--exec-root=${dir}/exec`,
        `--pidfile=${dir}/docker.pid`,
        `--host=${host}`,
        ...tlsArgs,
        `--bridge=${bridge}`,
        "--iptables=false",
        "--ip-masq=false",
        "--ip-forward=false",
        "--userland-proxy=false",
        // No --default-address-pool: with it, a restarted dockerd deletes the host's docker0.
      ],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    await waitUntil(`private dockerd at ${socket}`, async () => {
      using transport = engineTransport({ host, timeoutMs: 1_000 });
      return (await transport.text("/_ping")).isOk();
    }, { timeoutMs: 30_000, intervalMs: 100 });
  };
  const stop = async () => {
    if (daemon === undefined) return;
    const child = daemon;
    daemon = undefined;
    child.kill("SIGTERM");
    await child.status;
  };

  try {
    await start();
    await importBusyboxImage(TEST_IMAGE, { host });
  } catch (error) {
    await stop();
    await cleanupFiles(dir, bridge);
    throw new Error(`Cannot start a private Docker engine: ${error}. ${HOW_TO}`);
  }
  const admin = await createDockerAdmin({ host });
  const close = async () => {
    if (daemon !== undefined) await admin.cleanup(TEST_PREFIX).catch(() => {});
    admin.close();
    await stop();
    await cleanupFiles(dir, bridge);
  };
  return { host, admin, tls, stop, start, close, [Symbol.asyncDispose]: close };
}

async function cleanupFiles(dir: string, bridge: string): Promise<void> {
  await run("ip", ["link", "del", bridge]).catch(() => {});
  await run("umount", ["-R", `${dir}/exec`]).catch(() => {});
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}

async function run(command: string, args: string[]): Promise<void> {
  const output = await new Deno.Command(command, { args, stdout: "null", stderr: "piped" })
    .output();
  if (!output.success) {
    throw new Error(`${command} ${args.join(" ")}: ${new TextDecoder().decode(output.stderr)}`);
  }
}
