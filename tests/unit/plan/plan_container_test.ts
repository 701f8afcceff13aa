import assert from "node:assert/strict";
import type { Action, NpmSnapshot } from "../../../lib/model/mod.ts";
import { MANAGER_NAME } from "../../../lib/model/mod.ts";
import { planContainer } from "../../../lib/plan/mod.ts";
import type { PlanOptions, ReconcileTarget } from "../../../lib/plan/mod.ts";
import {
  desired,
  DISABLED,
  fields,
  host,
  LINKED,
  NOW,
  options,
  ownMeta,
  snapshot,
  stored,
  WEB,
} from "./_factories.ts";

interface Case {
  readonly desc: string;
  readonly target: ReconcileTarget;
  readonly snapshot: NpmSnapshot;
  readonly options?: PlanOptions;
  readonly want: Action[];
}

const RUNNING: ReconcileTarget = { kind: "running", hosts: [desired()] };
const GONE: ReconcileTarget = { kind: "gone", ...WEB };
const SUBJECT = { domain: "app.lan", ...WEB } as const;
const OLD = { containerId: "old1", containerName: "old" } as const;
const OLD_META = ownMeta({
  container_id: OLD.containerId,
  comments: "[EnvoyNPM Managed] Linked to: old (app.lan)",
});
const DISABLED_UPDATE: Action = {
  ...SUBJECT,
  kind: "update",
  hostId: 4,
  changes: {},
  // When it was disabled, for PRUNE_AFTER.
  meta: ownMeta({ comments: DISABLED, disabled_at: NOW }),
  enable: false,
  diff: [{ field: "meta.comments", from: LINKED, to: DISABLED }],
};

function running(overrides: Parameters<typeof desired>[0]): ReconcileTarget {
  return { kind: "running", hosts: [desired(overrides)] };
}

function run(cases: readonly Case[]): void {
  for (const c of cases) {
    const got = planContainer(c.target, c.snapshot, c.options ?? options());
    assert.deepEqual(got, c.want, c.desc);
  }
}

Deno.test("planContainer() does nothing when in sync", () => {
  assert.deepEqual(planContainer(RUNNING, snapshot([host()]), options()), []);
  assert.deepEqual(
    planContainer(RUNNING, snapshot([host({ meta: ownMeta() })]), options()),
    [],
    "nginx_* missing from the stored meta is still in sync",
  );
});

Deno.test("planContainer() creates a host when no host holds the domain (policy C)", () => {
  run([{
    desc: "create with the desired fields and a fresh meta",
    target: RUNNING,
    snapshot: snapshot([host({ id: 7, domain_names: ["other.lan"], meta: {} })]),
    want: [{
      ...SUBJECT,
      kind: "create",
      fields: fields(),
      meta: ownMeta({ created_at: NOW }),
    }],
  }, {
    desc: "a redirection or 404 host holds the domain",
    target: RUNNING,
    snapshot: snapshot([], ["App.LAN"]),
    want: [{ ...SUBJECT, kind: "skip", reason: "other_host_kind" }],
  }]);
});

Deno.test("planContainer() never writes to a host EnvoyNPM does not own (policy B)", () => {
  const foreign = (meta: Record<string, unknown>) => snapshot([host({ meta })]);
  const skip: Action = { ...SUBJECT, kind: "skip", reason: "foreign_host", hostId: 4 };
  run([
    { desc: "empty meta", target: RUNNING, snapshot: foreign({}), want: [skip] },
    {
      desc: "another manager",
      target: RUNNING,
      snapshot: foreign(ownMeta({ managed_by: "Traefik" })),
      want: [skip],
    },
    {
      desc: "managed_by in another case",
      target: RUNNING,
      snapshot: foreign(ownMeta({ managed_by: "envoynpm" })),
      want: [skip],
    },
    {
      desc: "non-string container_id",
      target: RUNNING,
      snapshot: foreign(ownMeta({ container_id: 42 })),
      want: [skip],
    },
    {
      desc: "domain matched case-insensitively",
      target: RUNNING,
      snapshot: snapshot([host({ domain_names: ["www.lan", "APP.lan"], meta: {} })]),
      want: [skip],
    },
    {
      desc: "gone never touches a foreign host with the same domain",
      target: GONE,
      snapshot: foreign(ownMeta({ managed_by: "someone" })),
      want: [],
    },
    {
      desc: "gone leaves junk meta alone",
      target: GONE,
      snapshot: foreign({ managed_by: MANAGER_NAME, container_id: ["web1"] }),
      want: [],
    },
  ]);
});

Deno.test("planContainer() updates only what differs on our host (policy A-1)", () => {
  const moved = fields({ forward_host: "172.18.0.9" });
  run([{
    desc: "the container moved to another address",
    target: running({ forward_host: "172.18.0.9" }),
    snapshot: snapshot([host()]),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: { forward_host: "172.18.0.9" },
      meta: ownMeta({ last_applied: moved }),
      enable: false,
      diff: [{ field: "forward_host", from: "172.18.0.5", to: "172.18.0.9" }],
    }],
  }, {
    desc: "disabled with a diff: one update that enables",
    target: running({ forward_port: 9000 }),
    snapshot: snapshot([host({ enabled: false, meta: ownMeta({ comments: DISABLED }) })]),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: { forward_port: 9000 },
      meta: ownMeta({ last_applied: fields({ forward_port: 9000 }) }),
      enable: true,
      diff: [
        { field: "forward_port", from: 8080, to: 9000 },
        { field: "enabled", from: false, to: true },
        { field: "meta.comments", from: DISABLED, to: LINKED },
      ],
    }],
  }, {
    desc: "disabled, back from a stop: the comment alone rides on the enabling update",
    target: RUNNING,
    snapshot: snapshot([host({ enabled: false, meta: ownMeta({ comments: DISABLED }) })]),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: {},
      meta: ownMeta(),
      enable: true,
      diff: [
        { field: "enabled", from: false, to: true },
        { field: "meta.comments", from: DISABLED, to: LINKED },
      ],
    }],
  }, {
    desc: "disabled and nothing else differs: enable",
    target: RUNNING,
    snapshot: snapshot([host({ enabled: false, meta: ownMeta() })]),
    want: [{ ...SUBJECT, kind: "enable", hostId: 4 }],
  }, {
    desc: "created_at missing: written with now",
    target: RUNNING,
    snapshot: snapshot([host({ meta: stored(ownMeta({ created_at: undefined })) })]),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: {},
      meta: ownMeta({ created_at: NOW }),
      enable: false,
      diff: [],
    }],
  }]);
});

Deno.test("planContainer() merges three ways: hand edits survive unless the container or ENFORCE says otherwise", () => {
  const handEdited = snapshot([host({ forward_port: 9000 })]);
  run([{
    desc: "a hand edit survives",
    target: RUNNING,
    snapshot: handEdited,
    want: [],
  }, {
    desc: "an alias domain added by hand survives",
    target: RUNNING,
    snapshot: snapshot([host({ domain_names: ["app.lan", "www.app.lan"] })]),
    want: [],
  }, {
    desc: "the container's change wins over the hand edit",
    target: running({ forward_port: 8081 }),
    snapshot: handEdited,
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: { forward_port: 8081 },
      meta: ownMeta({ last_applied: fields({ forward_port: 8081 }) }),
      enable: false,
      diff: [{ field: "forward_port", from: 9000, to: 8081 }],
    }],
  }, {
    desc: "ENFORCE restores the hand edit",
    target: RUNNING,
    snapshot: handEdited,
    options: options({ enforce: true }),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: { forward_port: 8080 },
      meta: ownMeta(),
      enable: false,
      diff: [{ field: "forward_port", from: 9000, to: 8080 }],
    }],
  }, {
    desc: "a malformed last_applied counts as missing",
    target: RUNNING,
    snapshot: snapshot([host({
      forward_port: 9000,
      meta: stored(ownMeta({ last_applied: { ...fields(), forward_port: "8080" } })),
    })]),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: { forward_port: 8080 },
      meta: ownMeta(),
      enable: false,
      diff: [{ field: "forward_port", from: 9000, to: 8080 }],
    }],
  }, {
    desc: "a missing last_applied restores every differing field",
    target: RUNNING,
    snapshot: snapshot([host({
      domain_names: ["app.lan", "www.app.lan"],
      meta: stored(ownMeta({ last_applied: undefined })),
    })]),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: { domain_names: ["app.lan"] },
      meta: ownMeta(),
      enable: false,
      diff: [{ field: "domain_names", from: ["app.lan", "www.app.lan"], to: ["app.lan"] }],
    }],
  }]);
});

Deno.test("planContainer() keeps other meta keys and never sends nginx_*", () => {
  const extra = { letsencrypt_agree: true, dns_challenge: false };
  const meta = { ...ownMeta(extra), nginx_online: false, nginx_err: "emerg" };
  run([{
    desc: "extra keys kept on update",
    target: running({ hsts_enabled: true }),
    snapshot: snapshot([host({ meta })]),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: { hsts_enabled: true },
      meta: ownMeta({ ...extra, last_applied: fields({ hsts_enabled: true }) }),
      enable: false,
      diff: [{ field: "hsts_enabled", from: false, to: true }],
    }],
  }, {
    desc: "nginx_* alone is no difference",
    target: RUNNING,
    snapshot: snapshot([host({ meta })]),
    want: [],
  }, {
    desc: "extra keys kept on the DISABLED meta",
    target: GONE,
    snapshot: snapshot([host({ meta })]),
    want: [{ ...SUBJECT, kind: "disable", hostId: 4 }, {
      ...DISABLED_UPDATE,
      meta: ownMeta({ ...extra, comments: DISABLED, disabled_at: NOW }),
    }],
  }]);
});

Deno.test("planContainer() takes over a host of a container that no longer claims it (policy A-2)", () => {
  const oldHost = host({ enabled: false, meta: OLD_META });
  const claims = options({
    isActiveClaim: (id, domain) => id === OLD.containerId && domain === "app.lan",
  });
  run([{
    desc: "takeover with log data",
    target: RUNNING,
    snapshot: snapshot([oldHost]),
    want: [{
      ...SUBJECT,
      kind: "update",
      hostId: 4,
      changes: {},
      meta: ownMeta(),
      enable: true,
      diff: [
        { field: "enabled", from: false, to: true },
        { field: "meta.container_id", from: OLD.containerId, to: WEB.containerId },
        { field: "meta.comments", from: OLD_META.comments, to: LINKED },
      ],
      takeoverFrom: OLD.containerId,
    }],
  }, {
    desc: "the holder is still running and claims it: no flapping",
    target: RUNNING,
    snapshot: snapshot([oldHost]),
    options: claims,
    want: [{
      ...SUBJECT,
      kind: "skip",
      reason: "domain_conflict",
      hostId: 4,
      holderContainerId: OLD.containerId,
    }],
  }, {
    desc: "the domain is an alias added by hand to a running holder's host: not taken",
    target: RUNNING,
    snapshot: snapshot([host({
      domain_names: ["old.lan", "app.lan"],
      meta: ownMeta({
        container_id: OLD.containerId,
        last_applied: fields({ domain_names: ["old.lan"] }),
      }),
    })]),
    options: options({
      isActiveClaim: (id, domain) => id === OLD.containerId && domain === "old.lan",
    }),
    want: [{
      ...SUBJECT,
      kind: "skip",
      reason: "domain_conflict",
      hostId: 4,
      holderContainerId: OLD.containerId,
    }],
  }, {
    desc: "gone never touches another container's host",
    target: GONE,
    snapshot: snapshot([host({ meta: OLD_META })]),
    want: [],
  }]);
});

Deno.test("planContainer() disables our hosts when the container is gone", () => {
  run([{
    desc: "enabled: disable, then write the DISABLED comment",
    target: GONE,
    snapshot: snapshot([host()]),
    want: [{ ...SUBJECT, kind: "disable", hostId: 4 }, DISABLED_UPDATE],
  }, {
    desc: "already disabled with the DISABLED comment: nothing",
    target: GONE,
    snapshot: snapshot([host({ enabled: false, meta: ownMeta({ comments: DISABLED }) })]),
    want: [],
  }, {
    desc: "already disabled with another comment: only the meta",
    target: GONE,
    snapshot: snapshot([host({ enabled: false, meta: ownMeta() })]),
    want: [DISABLED_UPDATE],
  }, {
    desc: "re-enabled by hand with the DISABLED comment: only the disable",
    target: GONE,
    snapshot: snapshot([host({ meta: stored(ownMeta({ comments: DISABLED })) })]),
    want: [{ ...SUBJECT, kind: "disable", hostId: 4 }],
  }]);
});

Deno.test("planContainer() moves its own host to a renamed domain in one write", () => {
  const next = fields({ domain_names: ["new.lan"] });
  const newSubject = { ...SUBJECT, domain: "new.lan" };
  const newLinked = "[EnvoyNPM Managed] Linked to: web (new.lan)";
  run([{
    desc: "the host keeps its id; its domains and comment change",
    target: running({ domain_names: ["new.lan"] }),
    snapshot: snapshot([host()]),
    want: [{
      ...newSubject,
      kind: "update",
      hostId: 4,
      changes: { domain_names: ["new.lan"] },
      meta: ownMeta({ comments: newLinked, last_applied: next }),
      enable: false,
      diff: [
        { field: "domain_names", from: ["app.lan"], to: ["new.lan"] },
        { field: "meta.comments", from: ownMeta().comments, to: newLinked },
      ],
    }],
  }, {
    desc: "a host already on the new domain is the one kept; the old one goes offline",
    target: running({ domain_names: ["new.lan"] }),
    snapshot: snapshot([
      host({ enabled: false, meta: ownMeta() }),
      host({ id: 5, ...next, meta: stored(ownMeta({ comments: newLinked, last_applied: next })) }),
    ]),
    want: [DISABLED_UPDATE],
  }]);
});
