import assert from "node:assert/strict";
import { uniqueName } from "../support/docker_admin.ts";
import { handLanRow } from "../support/npm_fixtures.ts";
import { waitUntil } from "../support/wait.ts";
import { inspect } from "./_docker.ts";
import { duplicateDomains, FAST_STOP, type Stack, startStack } from "./_stack.ts";

/** One container's place in the test: what it asks for and what the test last did to it. */
interface Slot {
  readonly label: string;
  /** NPM_HOST, or none for a container that shares nothing with NPM. */
  readonly domain?: string;
  readonly port: number;
  readonly network?: string;
  id: string;
  state: "running" | "stopped" | "removed";
}

/** Seed of the double's random faults. */
const SEED = 20_260_404;
/** Container operations in all, the first run of each container included. */
const OPERATIONS = 200;
const PARALLEL = 6;

/** Runs `slot`'s container (again, after a remove). */
async function runSlot(stack: Stack, slot: Slot): Promise<void> {
  slot.id = await stack.engine.admin.run({
    name: uniqueName(slot.label),
    cmd: FAST_STOP,
    network: slot.network,
    env: slot.domain ? { NPM_HOST: slot.domain, NPM_PORT: String(slot.port) } : {},
  });
  slot.state = "running";
}

/** One operation that fits the slot's state; updates the state. */
async function operate(stack: Stack, slot: Slot, roll: number): Promise<string> {
  const { admin } = stack.engine;
  if (slot.state === "removed") {
    await runSlot(stack, slot);
    return "run";
  }
  if (slot.state === "stopped") {
    if (roll < 0.8) {
      await admin.start(slot.id);
      slot.state = "running";
      return "start";
    }
    await admin.remove(slot.id);
    slot.state = "removed";
    return "remove";
  }
  if (roll < 0.35) {
    await admin.stop(slot.id);
    slot.state = "stopped";
    return "stop";
  }
  if (roll < 0.65) {
    await admin.kill(slot.id);
    slot.state = "stopped";
    return "kill";
  }
  if (roll < 0.8) {
    await admin.restart(slot.id);
    return "restart";
  }
  await admin.remove(slot.id);
  slot.state = "removed";
  return "remove";
}

/** How NPM differs from what the slots ask for; empty when converged. */
async function mismatches(stack: Stack, slots: readonly Slot[]): Promise<string[]> {
  const problems: string[] = [];
  for (const slot of slots) {
    if (slot.domain === undefined || slot.domain === "hand.lan") continue;
    const hosts = stack.npm.proxyHosts().filter((row) => row.domain_names.includes(slot.domain!));
    if (hosts.length > 1) problems.push(`${slot.domain}: ${hosts.length} hosts`);
    const host = hosts[0];
    if (slot.state !== "running") {
      if (host?.enabled) {
        problems.push(`${slot.domain}: enabled, but its container is ${slot.state}`);
      }
      continue;
    }
    const ip = await inspect(stack.engine.host, slot.id).then(
      (container) => container.networks[0]?.ip,
      (error) => `(${error.message})`,
    );
    if (!host?.enabled) problems.push(`${slot.domain}: not enabled`);
    else if (host.forward_host !== ip || host.forward_port !== slot.port) {
      problems.push(`${slot.domain}: forwards to ${host.forward_host}:${host.forward_port}`);
    } else if (host.meta.container_id !== slot.id) problems.push(`${slot.domain}: other owner`);
  }
  return problems;
}

Deno.test("e2e: flaky NPM (errors, hangs, lost answers, expired tokens) over 200 container operations converges exactly", async () => {
  await using stack = await startStack({ npm: { seed: SEED } });
  const handMade = stack.npm.addProxyHost(handLanRow());
  const handBefore = JSON.stringify(stack.host("hand.lan"));
  const envoy = await stack.startEnvoy({ NPM_TIMEOUT: "1s", RESYNC_INTERVAL: "3s" });
  // A third of the containers on a user network, the others on the default bridge.
  const network = (await stack.engine.admin.createNetwork(uniqueName("net"))).name;
  const slots: Slot[] = Array.from({ length: 30 }, (_, i) => ({
    label: `f${i}`,
    domain: i < 25 ? `f${i}.lan` : i === 25 ? "hand.lan" : undefined,
    port: 8000 + i,
    network: i % 3 === 0 ? network : undefined,
    id: "",
    state: "removed",
  }));
  stack.npm.faults.setRandom({ errorRate: 0.2, hangRate: 0.1, applyThenFail: true });
  const started = performance.now();
  const tally: Record<string, number> = {};
  let done = 0;
  const busy = new Set<Slot>();
  const worker = async () => {
    while (done < OPERATIONS) {
      const free = slots.filter((slot) => !busy.has(slot));
      const slot = free[Math.floor(Math.random() * free.length)];
      busy.add(slot);
      done += 1;
      if (done === OPERATIONS / 2) stack.npm.faults.expireTokens();
      const kind = await operate(stack, slot, Math.random());
      tally[kind] = (tally[kind] ?? 0) + 1;
      busy.delete(slot);
    }
  };
  // Every container is run once first, then come the random operations.
  await Promise.all(slots.map((slot) => runSlot(stack, slot)));
  done = slots.length;
  tally.run = slots.length;
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const opsMs = performance.now() - started;
  assert.ok(envoy.running, "EnvoyNPM survived the faults");

  stack.npm.faults.clear();
  const cleared = performance.now();
  let last: string[] = [];
  await waitUntil("NPM to match the containers", async () => {
    last = await mismatches(stack, slots);
    return last.length === 0;
  }, { timeoutMs: 60_000, intervalMs: 250 }).catch((error) => {
    throw new Error(`${error.message}: ${last.join("; ")}`);
  });
  const convergedMs = performance.now() - cleared;
  await stack.settled({ timeoutMs: 20_000 });
  assert.deepEqual(await mismatches(stack, slots), []);
  const failedWrites = envoy.logs.filter((line) => line.message.startsWith("Could not")).length;
  console.log(
    `flaky NPM: ${done} operations (${JSON.stringify(tally)}) in ${Math.round(opsMs)} ms, ` +
      `${stack.npm.writes()} writes, ${failedWrites} failed actions logged; ` +
      `converged ${Math.round(convergedMs)} ms after the faults were cleared`,
  );
  assert.ok(done >= OPERATIONS);
  const rows = stack.npm.proxyHosts();
  assert.deepEqual(duplicateDomains(rows), []);
  const asked = new Set(slots.flatMap((slot) => slot.domain ?? []));
  for (const row of rows) assert.ok(asked.has(row.domain_names[0]), `${row.domain_names}`);
  assert.equal(stack.host("hand.lan")?.id, handMade.id);
  assert.equal(JSON.stringify(stack.host("hand.lan")), handBefore);
  assert.ok(envoy.running);
});
