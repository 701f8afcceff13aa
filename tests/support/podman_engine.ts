/**
 * A Podman engine of a test's own: `podman system service` on a socket in a
 * fresh folder, with its own storage (vfs, so nothing is mounted), state and
 * event log, and the test image imported. Needs root and `podman`
 * (apt-get install -y podman). Containers made through its admin get
 * `--ulimit nofile=1024:1024 --ulimit nproc=1024:1024`, which Podman needs here.
 *
 * @module
 */
import { createDockerAdmin, type DockerAdmin, TEST_PREFIX } from "./docker_admin.ts";
import { engineTransport } from "./engine.ts";
import { importBusyboxImage, TEST_IMAGE } from "./test_image.ts";
import { waitUntil } from "./wait.ts";

/** A running Podman service. */
export interface PodmanEngine extends AsyncDisposable {
  /** Its `DOCKER_HOST`, `unix:///…/podman.sock`. */
  readonly host: string;
  /** An admin client on it that sets the ulimits Podman needs. */
  readonly admin: DockerAdmin;
  /** Stops the service (its containers keep running, as Podman's do) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts the service again on the same state; resolves when it answers. */
  start(): Promise<void>;
  /** Removes its containers, stops the service, and deletes its files. */
  close(): Promise<void>;
}

/** The ulimits every test container on Podman gets. */
const ULIMITS = [
  { Name: "nofile", Soft: 1024, Hard: 1024 },
  { Name: "nproc", Soft: 1024, Hard: 1024 },
];

/** Why Podman cannot run here (to skip its tests saying so), or `undefined` when it can. */
export async function podmanUnavailable(): Promise<string | undefined> {
  if (Deno.uid() !== 0) return "Podman tests need root";
  // Deno throws at once, not in the promise, when `podman` is not on PATH.
  const info = await (async () =>
    await new Deno.Command("podman", {
      args: ["info", "--format", "{{.Host.OCIRuntime.Name}}"],
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).output())().catch((e: Error) => e);
  if (info instanceof Error) return `podman is not installed (apt-get install -y podman): ${info}`;
  if (!info.success) {
    const said = new TextDecoder().decode(info.stderr).trim().split("\n").at(-1);
    return `podman cannot run on this machine: ${said}`;
  }
  return undefined;
}

/** Starts `podman system service` in a fresh folder and imports the test image into it. */
export async function startPodman(): Promise<PodmanEngine> {
  const dir = await Deno.makeTempDir({ prefix: "envoynpm-podman-" });
  const socket = `${dir}/podman.sock`;
  const host = `unix://${socket}`;
  const args = [
    `--root=${dir}/root`,
    `--runroot=${dir}/run`,
    `--tmpdir=${dir}/tmp`,
    "--storage-driver=vfs",
    "--events-backend=file",
    "--cgroup-manager=cgroupfs",
    "system",
    "service",
    "--time=0",
    host,
  ];
  const said: string[] = [];
  let service: { child: Deno.ChildProcess; reading: Promise<void> } | undefined;
  const start = async () => {
    const child = new Deno.Command("podman", {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const reading = (async () => {
      for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
        said.push(chunk);
      }
    })().catch(() => {});
    service = { child, reading };
    await waitUntil(`podman service at ${socket}`, async () => {
      using transport = engineTransport({ host, timeoutMs: 1_000 });
      return (await transport.text("/_ping", { versioned: false })).isOk();
    }, { timeoutMs: 30_000, intervalMs: 100 });
  };
  const stop = async () => {
    if (service === undefined) return;
    const { child, reading } = service;
    service = undefined;
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
    await child.status;
    await reading;
  };
  try {
    await start();
    await importBusyboxImage(TEST_IMAGE, { host });
  } catch (error) {
    await stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
    const tail = said.join("").trim().split("\n").slice(-3).join(" | ");
    throw new Error(`Cannot start a Podman service: ${error}; podman said: ${tail || "nothing"}`);
  }
  const admin = await createDockerAdmin({ host, hostConfig: { Ulimits: ULIMITS } });
  const close = async () => {
    await admin.cleanup(TEST_PREFIX).catch(() => {});
    admin.close();
    await stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  };
  return { host, admin, stop, start, close, [Symbol.asyncDispose]: close };
}
