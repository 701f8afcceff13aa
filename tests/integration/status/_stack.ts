/**
 * The status side wired as `main.ts` would: state store, metrics and health
 * fed from one listener, served on a free loopback port, and a scripted
 * stream of events with names the tests can look for.
 *
 * @module
 */
import type { ControllerEvent } from "../../../lib/controller/reports.ts";
import {
  createHealth,
  createMetrics,
  createStateStore,
  startStatusServer,
} from "../../../lib/status/mod.ts";
import {
  container,
  host,
  hostView,
  skip,
  snapshot,
  T0_ISO,
  write,
} from "../../unit/status/_reports.ts";

/** The token the stack asks for. */
export const TOKEN = "tok-e2e-4711";

/** A running stack: its base URL, a way to feed it events, and how to stop it. */
export interface Stack {
  readonly base: string;
  feed(events: readonly ControllerEvent[]): void;
  close(): Promise<void>;
}

/** Starts the status server on `127.0.0.1:0` with a token and empty state. */
export function startStack(): Stack {
  const state = createStateStore();
  const metrics = createMetrics();
  const health = createHealth({ resyncIntervalMs: 30_000 });
  const started = startStatusServer({
    addr: "127.0.0.1:0",
    token: TOKEN,
    state: state.view,
    metrics: metrics.render,
    health: health.check,
  });
  if (started.isErr()) throw new Error(started.error.message);
  const listeners = [state.listener, metrics.listener, health.listener];
  return {
    base: `http://127.0.0.1:${started.value.port}`,
    feed: (events) => events.forEach((event) => listeners.forEach((listen) => listen(event))),
    close: started.value.close,
  };
}

/** Container `paperless-ngx-7f3a`, running, with host #41. */
export const PAPERLESS = {
  containerId: "c0ffee000001",
  containerName: "paperless-ngx-7f3a",
  domain: "paperless.home.lan",
};
/** Container `jellyfin-media`, stopped, with host #42 disabled. */
export const JELLYFIN = {
  containerId: "c0ffee000002",
  containerName: "jellyfin-media",
  domain: "jellyfin.home.lan",
};
/** A container whose name is markup, to prove the dashboard escapes it. */
export const HOSTILE = {
  containerId: "c0ffee000003",
  containerName: "<img src=x onerror=alert(1)>",
  domain: "nas.home.lan",
};
/** A container that asks for Paperless' domain too. */
export const COPYCAT = {
  containerId: "c0ffee000004",
  containerName: "paperless-copycat",
  domain: "paperless.home.lan",
};

/** A morning of EnvoyNPM's life, as the controller would report it. */
export function scenario(): ControllerEvent[] {
  return [
    { type: "docker_connection", connected: true },
    { type: "docker_event", event: { id: PAPERLESS.containerId, action: "start", timeNano: 1 } },
    { type: "npm_answer", ok: true },
    container(PAPERLESS, { hosts: [hostView(PAPERLESS, { forward: "http://172.20.0.7:8000" })] }),
    write("create", PAPERLESS, { durationMs: 1200 }),
    container(JELLYFIN, {
      running: false,
      hosts: [hostView(JELLYFIN, { forward: "http://172.20.0.8:8096" })],
    }),
    write("disable", JELLYFIN, { hostId: 42 }),
    skip("foreign_host", HOSTILE, { hostId: 17 }),
    container(HOSTILE, {
      hosts: [hostView(HOSTILE, {
        forward: "http://172.20.0.9:5000",
        skip: { domain: HOSTILE.domain, reason: "foreign_host", hostId: 17, since: T0_ISO },
      })],
    }),
    skip("domain_conflict", COPYCAT, { holderContainerId: PAPERLESS.containerId }),
    container(COPYCAT, {
      hosts: [hostView(COPYCAT, {
        skip: {
          domain: COPYCAT.domain,
          reason: "domain_conflict",
          holderContainerId: PAPERLESS.containerId,
          holderName: PAPERLESS.containerName,
          since: T0_ISO,
        },
      })],
    }),
    container({ containerId: "c0ffee000005", containerName: "broken-app", domain: "" }, {
      state: "invalid",
      hosts: undefined,
      problems: [{ variable: "NPM_PORT", reason: 'NPM_PORT "abc" is not a port number' }],
    }),
    {
      type: "problem",
      problem: {
        severity: "warning",
        code: "foreign_host",
        message: "A hand-made proxy host holds nas.home.lan; EnvoyNPM leaves it alone",
        containerName: HOSTILE.containerName,
        domain: HOSTILE.domain,
      },
    },
    write("enable", PAPERLESS, { hostId: 41, error: "nginx rejected the config" }),
    snapshot(
      host(41, PAPERLESS, { forward_host: "172.20.0.7", forward_port: 8000 }),
      host(42, JELLYFIN, {
        enabled: false,
        forward_host: "172.20.0.8",
        forward_port: 8096,
        meta: { managed_by: "EnvoyNPM", container_id: JELLYFIN.containerId, nginx_online: false },
      }),
      host(17, null, { domain_names: ["nas.home.lan"] }),
    ),
    { type: "reconcile", durationMs: 42, containers: 5 },
  ];
}
