/**
 * A test-only admin client for the engine: makes and breaks the containers
 * and networks the tests need. Every method throws a clear `Error` on failure.
 *
 * @module
 */
import { z } from "zod";
import { describeDockerError } from "../../lib/docker/describe_error.ts";
import { parseWireText } from "../../lib/docker/schemas.ts";
import type { DockerTransport, RequestOptions } from "../../lib/docker/transport.ts";
import { engineTransport, requireEngine } from "./engine.ts";
import { ensureTestImage, TEST_IMAGE } from "./test_image.ts";

/** The prefix of every name {@linkcode uniqueName} makes. */
export const TEST_PREFIX = "envoynpm-t-";

/** A fresh name like `envoynpm-t-web-3f9a1c2b`, unique per test. */
export function uniqueName(label = "x"): string {
  return `${TEST_PREFIX}${label}-${crypto.randomUUID().slice(0, 8)}`;
}

/** What {@linkcode DockerAdmin.run} creates. */
export interface RunOptions {
  readonly name: string;
  /** @default TEST_IMAGE (built if missing) */
  readonly image?: string;
  /** `KEY=VALUE` pairs, or raw entries (to test odd ones like a bare `KEY`). */
  readonly env?: Readonly<Record<string, string>> | readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  /** A network to attach at creation; also the network mode unless `networkMode` is given. */
  readonly network?: string;
  /** `HostConfig.NetworkMode`, e.g. `host` or `none`. @default the engine's (`bridge`) */
  readonly networkMode?: string;
  /** @default the image's (`sleep 3600`) */
  readonly cmd?: readonly string[];
  /** Set `false` to create without starting. @default true */
  readonly start?: boolean;
  /** `HostConfig.RestartPolicy.Name`, e.g. `always`. @default the engine's (`no`) */
  readonly restartPolicy?: "no" | "always" | "unless-stopped" | "on-failure";
  /** A Docker healthcheck (`Config.Healthcheck`): a shell command, checked every `intervalMs`. */
  readonly healthcheck?: { readonly cmd: string; readonly intervalMs: number };
}

/** A user network made by {@linkcode DockerAdmin.createNetwork}. */
export interface TestNetwork {
  readonly id: string;
  readonly name: string;
  readonly subnet: string;
  readonly gateway: string;
}

/** The admin operations tests use. */
export interface DockerAdmin extends Disposable {
  /** Creates (and by default starts) a container; returns its id. */
  run(options: RunOptions): Promise<string>;
  start(id: string): Promise<void>;
  /** Stops with `t=1`; a stopped container is fine. */
  stop(id: string): Promise<void>;
  kill(id: string): Promise<void>;
  /** Restarts with `t=1`. */
  restart(id: string): Promise<void>;
  /** Force-removes a container and its volumes; a missing one is fine. */
  remove(id: string): Promise<void>;
  createNetwork(name: string): Promise<TestNetwork>;
  /** Removes a network; a missing one is fine. */
  removeNetwork(name: string): Promise<void>;
  connect(network: string, container: string): Promise<void>;
  disconnect(network: string, container: string): Promise<void>;
  /** Removes every container, then every network, whose name starts with `prefix`. */
  cleanup(prefix: string): Promise<void>;
  close(): void;
}

/**
 * Opens an admin client on the test engine (checked with {@linkcode requireEngine}),
 * or on the engine at `host` (e.g. a private one); `hostConfig` goes into every container's.
 */
export async function createDockerAdmin(
  options: { host?: string; hostConfig?: Readonly<Record<string, unknown>> } = {},
): Promise<DockerAdmin> {
  if (options.host === undefined) await requireEngine();
  const transport = engineTransport({ timeoutMs: 30_000, host: options.host });
  const call = (what: string, path: string, options: CallOptions = {}) =>
    request(transport, what, path, options);
  const callJson = async <T>(
    what: string,
    path: string,
    schema: z.ZodType<T>,
    options: CallOptions = {},
  ) => {
    const parsed = parseWireText(schema, await call(what, path, options), { path });
    if (parsed.isErr()) throw new Error(`Cannot ${what}: ${describeDockerError(parsed.error)}`);
    return parsed.value;
  };
  const post = (what: string, path: string, ok?: number[]) =>
    call(what, path, { method: "POST", ok }).then(() => {});

  // A private engine imports the test image when it starts.
  const defaultImage = () => options.host === undefined ? ensureTestImage() : TEST_IMAGE;
  const admin: DockerAdmin = {
    async run(runOptions) {
      const image = runOptions.image ?? await defaultImage();
      const env = Array.isArray(runOptions.env)
        ? runOptions.env
        : Object.entries(runOptions.env ?? {}).map(([k, v]) => `${k}=${v}`);
      const networkMode = runOptions.networkMode ?? runOptions.network;
      const { Id: id } = await callJson(
        `create container "${runOptions.name}"`,
        `/containers/create?name=${encodeURIComponent(runOptions.name)}`,
        idSchema,
        {
          method: "POST",
          json: {
            Image: image,
            Env: env,
            Labels: runOptions.labels ?? {},
            ...(runOptions.cmd ? { Cmd: runOptions.cmd } : {}),
            ...(runOptions.healthcheck ? { Healthcheck: healthcheck(runOptions.healthcheck) } : {}),
            HostConfig: {
              ...options.hostConfig,
              ...(networkMode ? { NetworkMode: networkMode } : {}),
              ...(runOptions.restartPolicy
                ? { RestartPolicy: { Name: runOptions.restartPolicy } }
                : {}),
            },
            ...(runOptions.network
              ? { NetworkingConfig: { EndpointsConfig: { [runOptions.network]: {} } } }
              : {}),
          },
        },
      );
      if (runOptions.start !== false) {
        // A container that cannot start would outlive the test: remove it, then fail.
        await admin.start(id).catch(async (error) => {
          await admin.remove(id);
          throw error;
        });
      }
      return id;
    },
    start: (id) => post(`start container ${id}`, `/containers/${id}/start`, [304]),
    stop: (id) => post(`stop container ${id}`, `/containers/${id}/stop?t=1`, [304]),
    kill: (id) => post(`kill container ${id}`, `/containers/${id}/kill`),
    restart: (id) => post(`restart container ${id}`, `/containers/${id}/restart?t=1`),
    remove: (id) =>
      call(`remove container ${id}`, `/containers/${id}?force=1&v=1`, {
        method: "DELETE",
        ok: [404],
      }).then(() => {}),
    async createNetwork(name) {
      await call(`create network "${name}"`, "/networks/create", {
        method: "POST",
        json: { Name: name, CheckDuplicate: true, Labels: { "envoynpm.test": "true" } },
      });
      const network = await callJson(
        `inspect network "${name}"`,
        `/networks/${name}`,
        networkSchema,
      );
      const config = network.IPAM.Config?.[0];
      return { id: network.Id, name, subnet: config?.Subnet ?? "", gateway: config?.Gateway ?? "" };
    },
    removeNetwork: (name) =>
      call(`remove network "${name}"`, `/networks/${name}`, { method: "DELETE", ok: [404] })
        .then(() => {}),
    connect: (network, container) =>
      call(`connect ${container} to ${network}`, `/networks/${network}/connect`, {
        method: "POST",
        json: { Container: container },
      }).then(() => {}),
    disconnect: (network, container) =>
      call(`disconnect ${container} from ${network}`, `/networks/${network}/disconnect`, {
        method: "POST",
        json: { Container: container, Force: true },
      }).then(() => {}),
    async cleanup(prefix) {
      if (prefix.length < 4) throw new Error(`Refusing to clean up the short prefix "${prefix}"`);
      const filters = encodeURIComponent(JSON.stringify({ name: [prefix] }));
      const containers = await callJson(
        "list containers",
        `/containers/json?all=1&filters=${filters}`,
        z.array(z.object({ Id: z.string(), Names: z.array(z.string()).nullable() })),
      );
      const ours = containers.filter((c) => c.Names?.some((n) => n.startsWith(`/${prefix}`)));
      await Promise.all(ours.map((c) => admin.remove(c.Id)));
      const networks = await callJson(
        "list networks",
        `/networks?filters=${filters}`,
        z.array(z.object({ Name: z.string() })),
      );
      const mine = networks.filter((n) => n.Name.startsWith(prefix));
      await Promise.all(mine.map((n) => admin.removeNetwork(n.Name)));
    },
    close: () => transport.close(),
    [Symbol.dispose]: () => transport.close(),
  };
  return admin;
}

const idSchema = z.object({ Id: z.string() });
const networkSchema = z.object({
  Id: z.string(),
  IPAM: z.object({
    Config: z.array(z.object({ Subnet: z.string().optional(), Gateway: z.string().optional() }))
      .nullish(),
  }),
});

interface CallOptions extends Pick<RequestOptions, "method"> {
  /** Sent as a JSON body. */
  readonly json?: unknown;
  /** Non-2xx statuses that are fine too (e.g. 304 "already stopped", 404 "already gone"). */
  readonly ok?: readonly number[];
}

async function request(
  transport: DockerTransport,
  what: string,
  path: string,
  options: CallOptions,
): Promise<string> {
  const result = await transport.text(path, {
    method: options.method,
    ...(options.json === undefined ? {} : {
      body: JSON.stringify(options.json),
      headers: { "content-type": "application/json" },
    }),
  });
  if (result.isOk()) return result.value;
  const error = result.error;
  if (error.kind === "docker_api_error" && options.ok?.includes(error.status)) return "";
  throw new Error(`Cannot ${what}: ${describeDockerError(error)}`);
}

/** The engine's `Healthcheck` config: nanoseconds, one retry, checked from the start. */
function healthcheck(check: { readonly cmd: string; readonly intervalMs: number }) {
  const ns = check.intervalMs * 1_000_000;
  return { Test: ["CMD-SHELL", check.cmd], Interval: ns, Timeout: ns, Retries: 1, StartPeriod: 0 };
}
