/** PRUNE_AFTER: our disabled hosts of containers gone that long are deleted; nothing else is. */
import assert from "node:assert/strict";
import { planContainer } from "../../../lib/plan/mod.ts";
import { DISABLED, host, NOW, ownMeta, snapshot, stored } from "./_factories.ts";

const DAY = 86_400_000;
const options = { now: NOW, enforce: false, isActiveClaim: () => false, instanceId: "pc" };
const gone = { kind: "gone", containerId: "web1", containerName: "web1", known: false } as const;

function disabled(daysAgo: number, meta: Record<string, unknown> = {}) {
  const disabledAt = new Date(Date.parse(NOW) - daysAgo * DAY).toISOString();
  return host({
    enabled: false,
    meta: ownMeta({ comments: DISABLED, instance_id: "pc", disabled_at: disabledAt, ...meta }),
  });
}

const cases: {
  desc: string;
  pruneAfterDays?: number;
  host: ReturnType<typeof host>;
  known?: boolean;
  expect: string[];
}[] = [
  {
    desc: "deletes a host disabled 8 days ago when PRUNE_AFTER is 7 days",
    pruneAfterDays: 7,
    host: disabled(8),
    expect: ["delete"],
  },
  { desc: "keeps one disabled 6 days ago", pruneAfterDays: 7, host: disabled(6), expect: [] },
  { desc: "never deletes with PRUNE_AFTER off", host: disabled(300), expect: [] },
  {
    desc: "never deletes a host of a container this engine still has (stopped)",
    pruneAfterDays: 7,
    host: disabled(8),
    known: true,
    expect: [],
  },
  {
    desc: "never deletes another instance's host",
    pruneAfterDays: 7,
    host: disabled(8, { instance_id: "nas" }),
    expect: [],
  },
  {
    desc: "never deletes a host without disabled_at (disabled by an earlier version)",
    pruneAfterDays: 7,
    host: host({ enabled: false, meta: ownMeta({ comments: DISABLED, instance_id: "pc" }) }),
    expect: [],
  },
  {
    desc: "never deletes an enabled host",
    pruneAfterDays: 7,
    host: host({
      meta: stored(ownMeta({ instance_id: "pc", disabled_at: "2020-01-01T00:00:00.000Z" })),
    }),
    expect: ["disable", "update"],
  },
];

for (const c of cases) {
  Deno.test(`planContainer() ${c.desc}`, () => {
    const target = { ...gone, known: c.known ?? false };
    const actions = planContainer(target, snapshot([c.host]), {
      ...options,
      ...(c.pruneAfterDays === undefined ? {} : { pruneAfterMs: c.pruneAfterDays * DAY }),
    });
    assert.deepEqual(actions.map((action) => action.kind), c.expect);
  });
}

Deno.test("planContainer() stamps disabled_at when it disables a host of a container that went away", () => {
  const enabled = host({ meta: stored(ownMeta({ instance_id: "pc" })) });
  const [, mark] = planContainer({ ...gone, known: true }, snapshot([enabled]), options);
  assert.equal(mark.kind === "update" && mark.meta.disabled_at, NOW);
});
