import assert from "node:assert/strict";
import { MANAGER_NAME } from "../../../lib/model/mod.ts";
import { parseOwnerMeta } from "../../../lib/npm/owner_meta.ts";
import { hostFields, LINKED, ownerMeta, T0_ISO } from "../../support/model_factories.ts";

/** EnvoyNPM's meta of container `web1` as it writes it: with `last_applied`, and overrides. */
function written(overrides: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  return { ...ownerMeta("web1", { last_applied: hostFields() }), ...overrides };
}

/** What EnvoyNPM reads from {@linkcode written}'s default. */
const OWNER = { ...ownerMeta("web1"), last_applied: hostFields() };

Deno.test("parseOwnerMeta() reads EnvoyNPM's meta, drops what is not its own, tolerates junk", () => {
  const cases: { desc: string; meta: unknown; want: unknown }[] = [
    { desc: "as EnvoyNPM writes it", meta: written(), want: OWNER },
    {
      desc: "with NPM's and other keys",
      meta: written({ nginx_online: false, nginx_err: "bad", letsencrypt_agree: true }),
      want: OWNER,
    },
    {
      desc: "without last_applied",
      meta: written({ last_applied: undefined }),
      want: ownerMeta("web1"),
    },
    { desc: "empty meta", meta: {}, want: null },
    { desc: "not an object", meta: "x", want: null },
    { desc: "null", meta: null, want: null },
    { desc: "other manager", meta: written({ managed_by: "NPM" }), want: null },
    { desc: "managed_by in another case", meta: written({ managed_by: "envoynpm" }), want: null },
    { desc: "managed_by not a string", meta: written({ managed_by: true }), want: null },
    { desc: "container_id a number", meta: written({ container_id: 7 }), want: null },
    { desc: "container_id a list", meta: written({ container_id: ["web1"] }), want: null },
    { desc: "container_id missing", meta: written({ container_id: undefined }), want: null },
    {
      desc: "empty container_id is still a string",
      meta: written({ container_id: "" }),
      want: { ...OWNER, container_id: "" },
    },
    {
      desc: "bad created_at, comments and last_applied",
      meta: {
        managed_by: MANAGER_NAME,
        container_id: "c",
        created_at: 1,
        comments: null,
        last_applied: "x",
      },
      want: { managed_by: MANAGER_NAME, container_id: "c", created_at: "", comments: "" },
    },
    {
      desc: "last_applied with a wrong field type",
      meta: written({ last_applied: { ...hostFields(), forward_scheme: "ftp" } }),
      want: {
        managed_by: MANAGER_NAME,
        container_id: "web1",
        created_at: T0_ISO,
        comments: LINKED,
      },
    },
    {
      desc: "last_applied with a port as a string",
      meta: written({ last_applied: { ...hostFields(), forward_port: "8080" } }),
      want: ownerMeta("web1"),
    },
    {
      desc: "last_applied keeps only the fields EnvoyNPM sends",
      meta: written({ last_applied: { ...hostFields(), locations: [], ssl_certificate: "x" } }),
      want: OWNER,
    },
    {
      desc: "last_applied's domains as written, not lower-cased",
      meta: written({ last_applied: hostFields({ domain_names: ["App.LAN"] }) }),
      want: { ...OWNER, last_applied: hostFields({ domain_names: ["App.LAN"] }) },
    },
  ];
  for (const c of cases) assert.deepEqual(parseOwnerMeta(c.meta), c.want, c.desc);
});
