import assert from "node:assert/strict";
import fc from "fast-check";
import { fuzzRuns } from "../../support/fuzz.ts";
import type {
  Action,
  HostFields,
  NpmSnapshot,
  OwnerMeta,
  ProxyHost,
} from "../../../lib/model/mod.ts";
import { MANAGER_NAME } from "../../../lib/model/mod.ts";
import { parseOwnerMeta } from "../../../lib/npm/mod.ts";
import { planContainer, targetContainerId } from "../../../lib/plan/mod.ts";
import type { PlanOptions, ReconcileTarget } from "../../../lib/plan/mod.ts";
import { NOW } from "./_factories.ts";

const IDS = ["c1", "c2", "c3"] as const;
const DOMAINS = ["a.lan", "b.lan", "c.lan"] as const;

const domainArb = fc.constantFrom(...DOMAINS);
const spelledArb = fc.tuple(domainArb, fc.boolean()).map(([d, upper]) =>
  upper ? d.toUpperCase() : d
);

/** A host without a certificate, as NPM stores one (its HTTPS flags off). */
const PLAIN_ARB = {
  certificate_id: fc.constant(0),
  ssl_forced: fc.constant(false),
  http2_support: fc.constant(false),
  hsts_enabled: fc.constant(false),
  hsts_subdomains: fc.constant(false),
  access_list_id: fc.constant(0),
  block_exploits: fc.constant(false),
  caching_enabled: fc.constant(false),
  trust_forwarded_proto: fc.constant(false),
  locations: fc.constant([]),
};

function fieldsArb(domainNames: fc.Arbitrary<string[]>): fc.Arbitrary<HostFields> {
  return fc.record({
    domain_names: domainNames,
    forward_scheme: fc.constantFrom("http" as const, "https" as const),
    forward_host: fc.constantFrom("10.0.0.1", "10.0.0.2"),
    forward_port: fc.constantFrom(80, 8080),
    allow_websocket_upgrade: fc.boolean(),
    advanced_config: fc.constantFrom("", "client_max_body_size 0;"),
    ...PLAIN_ARB,
  });
}

const storedFieldsArb = fieldsArb(fc.uniqueArray(spelledArb, { minLength: 1, maxLength: 2 }));

const ownedMetaArb: fc.Arbitrary<Record<string, unknown>> = fc.record({
  managed_by: fc.constant(MANAGER_NAME),
  container_id: fc.constantFrom(...IDS),
  created_at: fc.option(fc.constant("2024-01-01T00:00:00.000Z"), { nil: undefined }),
  comments: fc.constantFrom(
    undefined,
    "note",
    "[EnvoyNPM Managed] Linked to: n1 (a.lan)",
    "[EnvoyNPM Managed] DISABLED: Container stopped/died (a.lan)",
  ),
  site: fc.constantFrom(undefined, "1"),
  last_applied: fc.oneof(
    fc.constant(undefined),
    fc.constant({ forward_port: "x" }),
    fieldsArb(fc.tuple(domainArb).map((d) => [...d])),
  ),
  letsencrypt_agree: fc.option(fc.boolean(), { nil: undefined }),
  nginx_online: fc.option(fc.boolean(), { nil: undefined }),
}, { requiredKeys: ["managed_by", "container_id"] });

const metaArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  ownedMetaArb,
  ownedMetaArb,
  fc.constant({}),
  fc.record({
    managed_by: fc.constantFrom("Other", "envoynpm"),
    container_id: fc.constantFrom(...IDS),
  }),
  fc.record({ managed_by: fc.constant(MANAGER_NAME), container_id: fc.constant(1) }),
);

/** NPM's hosts; as in NPM (which refuses a write that would repeat one), a domain is on one. */
const snapshotArb: fc.Arbitrary<NpmSnapshot> = fc.record({
  proxyHosts: fc.array(fc.tuple(storedFieldsArb, fc.boolean(), metaArb), { maxLength: 5 })
    .map((rows) =>
      rows.filter(([fields], i) =>
        !rows.slice(0, i).some(([earlier]) =>
          earlier.domain_names.some((d) =>
            fields.domain_names.some((e) => e.toLowerCase() === d.toLowerCase())
          )
        )
      ).map(([fields, enabled, meta], i): ProxyHost => ({
        id: i + 1,
        enabled,
        ...fields,
        meta,
        owner: parseOwnerMeta(meta),
      }))
    ),
  otherHostDomains: fc.subarray([...DOMAINS], { maxLength: 1 }),
  certificates: fc.constant([]),
});

/** One to three hosts of one container (sites "", "1", "2"), each with its own domains. */
const targetArb: fc.Arbitrary<ReconcileTarget> = fc.oneof(
  fc.record({
    id: fc.constantFrom(...IDS),
    // Disjoint domain lists, one per host: a container never asks for a domain twice.
    lists: fc.shuffledSubarray([...DOMAINS], { minLength: 1 }).chain((domains) =>
      fc.integer({ min: 1, max: domains.length }).map((cut) =>
        cut === domains.length ? [domains] : [domains.slice(0, cut), domains.slice(cut)]
      )
    ),
  }).chain(({ id, lists }) =>
    fc.tuple(...lists.map((list) => fieldsArb(fc.constant(list)))).map(
      (all): ReconcileTarget => ({
        kind: "running",
        hosts: all.map((fields, i) => ({
          containerId: id,
          containerName: `n${id}`,
          site: i === 0 ? "" : String(i),
          domain: fields.domain_names[0],
          fields,
        })),
      }),
    )
  ),
  fc.constantFrom(...IDS).map((id): ReconcileTarget => ({
    kind: "gone",
    containerId: id,
    containerName: `n${id}`,
  })),
);

const optionsArb: fc.Arbitrary<PlanOptions> = fc.record({
  enforce: fc.boolean(),
  claims: fc.subarray(IDS.flatMap((id) => DOMAINS.map((d) => `${id} ${d}`))),
}).map(({ enforce, claims }) => ({
  now: NOW,
  enforce,
  isActiveClaim: (id: string, domain: string) => claims.includes(`${id} ${domain}`),
}));

/**
 * Applies one action as NPM would, checking first that NPM would accept it and that it is ours to
 * write (`options` says which containers still ask for their domains).
 */
function apply(snapshot: NpmSnapshot, action: Action, options: PlanOptions): NpmSnapshot {
  if (action.kind === "skip") return snapshot;
  assert.notEqual(action.kind, "request_certificate", "no certificate is asked for");
  if (action.kind === "request_certificate") return snapshot;
  const hosts = snapshot.proxyHosts;
  if (action.kind === "create") {
    const taken = [...hosts.flatMap((h) => h.domain_names), ...snapshot.otherHostDomains]
      .some((d) => d.toLowerCase() === action.domain);
    assert.ok(!taken, `create of a domain in use: ${action.domain}`);
    const id = Math.max(0, ...hosts.map((h) => h.id)) + 1;
    const meta = online(action.meta);
    const created = { id, enabled: true, ...action.fields, meta, owner: parseOwnerMeta(meta) };
    return { ...snapshot, proxyHosts: [...hosts, created] };
  }
  const target = hosts.find((h) => h.id === action.hostId);
  assert.ok(target, `no host #${action.hostId}`);
  assert.ok(target.owner, `write to host #${target.id}, which is not ours`);
  if (action.kind === "delete") {
    // Pruning deletes a disabled host; a running container deletes only a host whose domains
    // move to another of its hosts: its own, or one of a container that no longer asks for them.
    const holder = target.owner.container_id;
    assert.ok(
      !target.enabled || holder === action.containerId ||
        !target.domain_names.some((d) => options.isActiveClaim(holder, d.toLowerCase())),
      `delete of enabled host #${target.id}`,
    );
    return { ...snapshot, proxyHosts: hosts.filter((h) => h.id !== target.id) };
  }
  const next = ((): ProxyHost => {
    switch (action.kind) {
      case "enable":
        assert.ok(!target.enabled, `enable of enabled host #${target.id}`);
        return { ...target, enabled: true, meta: online(target.meta) };
      case "disable":
        assert.ok(target.enabled, `disable of disabled host #${target.id}`);
        return { ...target, enabled: false };
      case "update": {
        assert.ok(!action.enable || !target.enabled, `update enabling enabled host #${target.id}`);
        assert.ok(
          !("nginx_online" in action.meta) && !("nginx_err" in action.meta),
          "nginx_* sent",
        );
        const enabled = target.enabled || action.enable;
        const meta = enabled ? online(action.meta) : { ...action.meta };
        return { ...target, ...action.changes, enabled, meta, owner: parseOwnerMeta(meta) };
      }
    }
  })();
  return { ...snapshot, proxyHosts: hosts.map((h) => h.id === next.id ? next : h) };
}

function online(meta: OwnerMeta | Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { ...meta, nginx_online: true, nginx_err: null };
}

Deno.test("planContainer() writes only our hosts, never toggles a host to its own state, and converges at once", () => {
  fc.assert(
    fc.property(targetArb, snapshotArb, optionsArb, (target, snapshot, options) => {
      const plan = planContainer(target, snapshot, options);
      for (const action of plan) {
        assert.equal(action.containerId, targetContainerId(target));
        if (target.kind === "gone") assert.ok(["disable", "update"].includes(action.kind));
        if (action.kind === "update" && target.kind === "gone") assert.equal(action.enable, false);
      }
      const step = (at: NpmSnapshot, action: Action) => apply(at, action, options);
      let after = plan.reduce(step, snapshot);
      // Several hosts may move domains between them around hand edits: a few plans, never more.
      const passes = target.kind === "running" && target.hosts.length > 1 ? 3 : 1;
      for (let pass = 1; pass < passes; pass++) {
        after = planContainer(target, after, options).reduce(step, after);
      }
      const again = planContainer(target, after, options).filter((a) => a.kind !== "skip");
      assert.deepEqual(again, [], "a second plan after applying the first writes nothing");
    }),
    { numRuns: fuzzRuns({ suite: 2_000, fuzz: 100_000 }) },
  );
});
