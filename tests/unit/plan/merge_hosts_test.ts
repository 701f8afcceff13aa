/**
 * A container's hosts merged into one (`NPM_HOST_1=app.lan` and `NPM_HOST_2=b.lan` become
 * `NPM_HOST=app.lan,b.lan`): the host that gives all its domains up is deleted, whether the
 * container kept its id or was recreated (as Docker and CasaOS change settings) with a new one.
 */
import assert from "node:assert/strict";
import type { Action, ProxyHost } from "../../../lib/model/mod.ts";
import { planContainer } from "../../../lib/plan/mod.ts";
import type { ReconcileTarget } from "../../../lib/plan/mod.ts";
import { desired, DISABLED, fields, host, options, ownMeta, snapshot, WEB } from "./_factories.ts";

const OLD = "old1";
const TARGET: ReconcileTarget = {
  kind: "running",
  hosts: [desired({ domain_names: ["app.lan", "b.lan"] })],
};

/** Our host `id` of `domain` and `site`, for container `containerId`, enabled or not. */
function siteHost(
  id: number,
  { domain, site, containerId, enabled }: {
    domain: string;
    site: string;
    containerId: string;
    enabled: boolean;
  },
): ProxyHost {
  const applied = fields({ domain_names: [domain] });
  const comments = enabled
    ? `[EnvoyNPM Managed] Linked to: web (${domain})`
    : DISABLED.replace("app.lan", domain);
  return host({
    id,
    enabled,
    ...applied,
    meta: ownMeta({ container_id: containerId, comments, site, last_applied: applied }),
  });
}

/** Hosts #4 (app.lan, site 1) and #5 (b.lan, site 2) of `containerId`. */
function twoHosts(containerId: string, enabled: boolean): ProxyHost[] {
  return [
    siteHost(4, { domain: "app.lan", site: "1", containerId, enabled }),
    siteHost(5, { domain: "b.lan", site: "2", containerId, enabled }),
  ];
}

/** The plan's actions as `kind #id`, and what the update of host #4 writes. */
function summary(actions: readonly Action[]) {
  const update = actions.find((action) => action.kind === "update" && action.hostId === 4);
  return {
    kinds: actions.map((action) => `${action.kind} #${"hostId" in action ? action.hostId : "-"}`),
    domains: update?.kind === "update" ? update.changes.domain_names : undefined,
    owner: update?.kind === "update" ? update.meta.container_id : undefined,
    site: update?.kind === "update" ? update.meta.site : undefined,
  };
}

const MERGED = {
  kinds: ["delete #5", "update #4"],
  domains: ["app.lan", "b.lan"],
  owner: WEB.containerId,
  site: undefined,
};

Deno.test("planContainer() merging its own hosts deletes the one that gives its domains up", () => {
  const plan = planContainer(TARGET, snapshot(twoHosts(WEB.containerId, true)), options());
  assert.deepEqual(summary(plan), MERGED);
});

Deno.test("planContainer() merging the hosts of the container it replaced takes one over and deletes the other", () => {
  // A recreated container has a new id; the one it replaced is removed, so it asks for nothing.
  for (const enabled of [false, true]) {
    const plan = planContainer(TARGET, snapshot(twoHosts(OLD, enabled)), options());
    const said = `old hosts ${enabled ? "enabled (maintenance, keep)" : "disabled"}`;
    assert.deepEqual(summary(plan), MERGED, said);
    const update = plan.find((action) => action.kind === "update");
    assert.ok(update?.kind === "update", said);
    assert.equal(update.takeoverFrom, OLD, said);
    assert.equal(update.enable, !enabled, said);
  }
});

Deno.test("planContainer() leaves a host alone while a running container still asks for a domain of it", () => {
  const hosts = [
    siteHost(4, { domain: "app.lan", site: "1", containerId: WEB.containerId, enabled: true }),
    siteHost(5, { domain: "b.lan", site: "", containerId: OLD, enabled: true }),
  ];
  const claims = options({ isActiveClaim: (id, domain) => id === OLD && domain === "b.lan" });
  const plan = planContainer(TARGET, snapshot(hosts), claims);
  assert.ok(!plan.some((action) => action.kind === "delete"), "no delete");
  assert.deepEqual(plan.filter((action) => action.kind === "skip"), [{
    domain: "b.lan",
    containerId: WEB.containerId,
    containerName: WEB.containerName,
    kind: "skip",
    reason: "domain_conflict",
    hostId: 5,
    holderContainerId: OLD,
  }]);
});
