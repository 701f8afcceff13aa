import assert from "node:assert/strict";
import { MANAGER_NAME } from "../../../lib/model/mod.ts";
import { ownerOf } from "../../../lib/plan/mod.ts";
import { CREATED, fields, host, LINKED, ownMeta, stored } from "./_factories.ts";

Deno.test("ownerOf() reads EnvoyNPM's meta and drops what is not its own", () => {
  const meta = stored(ownMeta({ letsencrypt_agree: true }));
  assert.deepEqual(ownerOf(host({ meta })), {
    managed_by: MANAGER_NAME,
    container_id: "web1",
    created_at: CREATED,
    comments: LINKED,
    last_applied: fields(),
  });
});

Deno.test("ownerOf() tolerates junk meta", () => {
  const cases: { desc: string; meta: Record<string, unknown>; want: unknown }[] = [
    { desc: "empty meta", meta: {}, want: undefined },
    { desc: "other manager", meta: ownMeta({ managed_by: "NPM" }), want: undefined },
    { desc: "managed_by not a string", meta: ownMeta({ managed_by: true }), want: undefined },
    { desc: "container_id a number", meta: ownMeta({ container_id: 7 }), want: undefined },
    { desc: "container_id missing", meta: ownMeta({ container_id: undefined }), want: undefined },
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
      meta: ownMeta({ last_applied: { ...fields(), forward_scheme: "ftp" } }),
      want: {
        managed_by: MANAGER_NAME,
        container_id: "web1",
        created_at: CREATED,
        comments: LINKED,
      },
    },
  ];
  for (const c of cases) assert.deepEqual(ownerOf(host({ meta: c.meta })), c.want, c.desc);
});
