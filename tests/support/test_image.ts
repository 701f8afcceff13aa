/**
 * The image every integration test runs: a static busybox, built on the
 * engine from this machine's busybox when it is missing.
 *
 * @module
 */
import { describeDockerError } from "../../lib/docker/describe_error.ts";
import { createJsonStreamReader } from "../../lib/docker/json_stream.ts";
import { engineTransport, requireEngine } from "./engine.ts";

/** The test image's name. Its default command is `sleep 3600`. */
export const TEST_IMAGE = "envoynpm-test:busybox";

const APPLETS = ["sh", "sleep", "httpd", "env", "cat", "echo", "ls", "true", "false", "kill"];
const CMD = 'CMD ["/bin/sleep","3600"]';

let ready: Promise<string> | undefined;

/**
 * Builds {@linkcode TEST_IMAGE} if the engine lacks it; returns its name. Safe to
 * call from parallel test files: a second, concurrent import only retags it.
 */
export function ensureTestImage(): Promise<string> {
  ready ??= build().catch((e) => {
    ready = undefined;
    throw e;
  });
  return ready;
}

async function build(): Promise<string> {
  await requireEngine();
  using transport = engineTransport();
  const found = await transport.text(`/images/${TEST_IMAGE}/json`);
  if (found.isOk()) return TEST_IMAGE;
  if (found.error.kind !== "docker_api_error" || found.error.status !== 404) {
    throw new Error(`Cannot look up ${TEST_IMAGE}: ${describeDockerError(found.error)}`);
  }
  await importBusyboxImage(TEST_IMAGE);
  return TEST_IMAGE;
}

/**
 * Imports a busybox image named `image` (`repo:tag`) into the test engine (or
 * the one at `host`), replacing the tag if it exists.
 */
export async function importBusyboxImage(
  image: string,
  options: { host?: string } = {},
): Promise<void> {
  using transport = engineTransport({ timeoutMs: 60_000, host: options.host });
  const tar = await rootfsTar(await findStaticBusybox());
  const [repo, tag = "latest"] = image.split(":");
  const query = new URLSearchParams({ fromSrc: "-", repo, tag, changes: CMD });
  const imported = await transport.text(`/images/create?${query}`, {
    method: "POST",
    body: tar,
    headers: { "content-type": "application/x-tar" },
  });
  if (imported.isErr()) {
    throw new Error(`Cannot import ${image}: ${describeDockerError(imported.error)}`);
  }
  const reader = createJsonStreamReader();
  const items = [...reader.push(new TextEncoder().encode(imported.value)), ...reader.end()];
  let id: string | undefined;
  for (const item of items) {
    if (item.kind === "value" && typeof item.value === "object" && item.value !== null) {
      if ("error" in item.value) {
        throw new Error(`Cannot import ${image}: ${String(item.value.error)}`);
      }
      if ("status" in item.value && /^sha256:/.test(String(item.value.status))) {
        id = String(item.value.status);
      }
    }
  }
  // Podman ignores `tag` on import (it tags `latest`): tag the imported image by its id.
  if (id === undefined) return;
  const tagged = await transport.text(`/images/${id}/tag?${new URLSearchParams({ repo, tag })}`, {
    method: "POST",
  });
  if (tagged.isErr()) {
    throw new Error(`Cannot tag ${image}: ${describeDockerError(tagged.error)}`);
  }
}

/** `/bin/busybox` or the first `busybox` on `PATH`, checked to be statically linked. */
async function findStaticBusybox(): Promise<string> {
  const dirs = ["/bin", ...(Deno.env.get("PATH") ?? "").split(":").filter((d) => d !== "")];
  for (const dir of dirs) {
    const path = `${dir}/busybox`;
    const bytes = await Deno.readFile(path).catch(() => null);
    if (bytes === null) continue;
    if (isStaticElf(bytes)) return path;
    throw new Error(
      `${path} is dynamically linked, so it cannot run in an empty image. ` +
        "Install a static one: `apt-get install -y busybox-static`.",
    );
  }
  throw new Error(
    `Building ${TEST_IMAGE} needs a static busybox and none is on PATH. ` +
      "Install one: `apt-get install -y busybox-static`.",
  );
}

/** True when `bytes` is a little-endian ELF file without a `PT_INTERP` (dynamic loader) header. */
export function isStaticElf(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = bytes.length > 0x40 && view.getUint32(0) === 0x7f454c46;
  if (!magic || bytes[5] !== 1) return false;
  const is64 = bytes[4] === 2;
  const phoff = is64 ? Number(view.getBigUint64(0x20, true)) : view.getUint32(0x1c, true);
  const phentsize = view.getUint16(is64 ? 0x36 : 0x2a, true);
  const phnum = view.getUint16(is64 ? 0x38 : 0x2c, true);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 4 > bytes.length) return false;
    if (view.getUint32(at, true) === 3) return false; // PT_INTERP
  }
  return true;
}

/** A tar of a root folder with `bin/busybox` and its applets as symlinks. */
async function rootfsTar(busybox: string): Promise<Uint8Array<ArrayBuffer>> {
  const root = await Deno.makeTempDir({ prefix: "envoynpm-rootfs-" });
  try {
    await Deno.mkdir(`${root}/bin`);
    await Deno.mkdir(`${root}/tmp`);
    await Deno.copyFile(busybox, `${root}/bin/busybox`);
    await Deno.chmod(`${root}/bin/busybox`, 0o755);
    for (const applet of APPLETS) await Deno.symlink("busybox", `${root}/bin/${applet}`);
    const tar = await new Deno.Command("tar", {
      args: ["-C", root, "-cf", "-", "."],
      stderr: "piped",
    })
      .output()
      .catch((e) => {
        throw new Error(`Cannot run tar to build ${TEST_IMAGE}: ${e}. Install tar.`);
      });
    if (!tar.success) {
      throw new Error(`tar failed building ${TEST_IMAGE}: ${new TextDecoder().decode(tar.stderr)}`);
    }
    return tar.stdout;
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}
