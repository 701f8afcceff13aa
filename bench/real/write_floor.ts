/**
 * The floor of one write: the same requests EnvoyNPM makes, sent straight to
 * the double by the bench (login once, then each write on its own), on hosts
 * no container asks for.
 *
 * @module
 */
import type { DoubleProcess } from "./_double_process.ts";
import { type Spread, spread } from "./_measure.ts";

/** Round trips of direct requests to the double, in ms, per operation. */
export type WriteFloor = Record<"create" | "update" | "enable" | "disable" | "list", Spread>;

/** Times `repeats` direct creates, updates, disables, enables and lists. */
export async function measureWriteFloor(npm: DoubleProcess, repeats = 5): Promise<WriteFloor> {
  const client = await npm.client();
  const times = { create: [], update: [], enable: [], disable: [], list: [] } as Record<
    keyof WriteFloor,
    number[]
  >;
  for (let i = 0; i < repeats; i++) {
    const { id, ms } = await client.create(`floor-${crypto.randomUUID().slice(0, 8)}.bench.lan`);
    times.create.push(ms);
    times.update.push(await client.update(id, { forward_port: 81 }));
    times.disable.push(await client.toggle(id, "disable"));
    times.enable.push(await client.toggle(id, "enable"));
    times.list.push((await client.list()).ms);
  }
  return Object.fromEntries(
    Object.entries(times).map(([op, values]) => [op, spread(values)]),
  ) as WriteFloor;
}
