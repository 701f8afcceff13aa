/**
 * Fake Docker engines on a unix socket, for the failures a real one rarely
 * shows on demand: a server that answers as told, one that sends raw bytes
 * and hangs up, and one that accepts and never answers (as an engine that is
 * starting does).
 *
 * @module
 */

/** A fake engine; `host` is its `DOCKER_HOST` value. Dispose of it to stop it. */
export interface FakeEngine extends AsyncDisposable {
  readonly host: string;
}

/** Serves `handler` on a fresh unix socket (paths arrive versioned, e.g. `/v1.41/_ping`). */
export async function serveFakeEngine(
  handler: (request: Request) => Response | Promise<Response>,
): Promise<FakeEngine> {
  const dir = await Deno.makeTempDir({ prefix: "envoynpm-fake-engine-" });
  const path = `${dir}/docker.sock`;
  const server = Deno.serve({ path, transport: "unix", onListen: () => {} }, handler);
  return {
    host: `unix://${path}`,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

/**
 * Accepts connections on a fresh unix socket; writes the raw bytes of `reply`
 * and hangs up, or, without a `reply`, never answers.
 */
export async function serveRawEngine(reply?: string): Promise<FakeEngine> {
  const dir = await Deno.makeTempDir({ prefix: "envoynpm-silent-engine-" });
  const path = `${dir}/docker.sock`;
  const listener = Deno.listen({ transport: "unix", path });
  const conns: Deno.Conn[] = [];
  const accepting = (async () => {
    for await (const conn of listener) {
      if (reply === undefined) conns.push(conn);
      else answer(conn, reply);
    }
  })().catch(() => {});
  return {
    host: `unix://${path}`,
    async [Symbol.asyncDispose]() {
      listener.close();
      await accepting;
      for (const conn of conns) conn.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

async function answer(conn: Deno.Conn, reply: string): Promise<void> {
  try {
    await conn.read(new Uint8Array(16_384));
    await conn.write(new TextEncoder().encode(reply));
  } finally {
    conn.close();
  }
}

/** A streaming body that sends `parts`, each after waiting its `delayMs`, then ends. */
export function slowBody(parts: readonly { delayMs: number; text: string }[]): ReadableStream {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async start(controller) {
      for (const { delayMs, text } of parts) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        controller.enqueue(encoder.encode(text));
      }
      controller.close();
    },
  });
}
