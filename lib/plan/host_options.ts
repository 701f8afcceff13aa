/**
 * The plan's choices about a host's access list and NPM's version: the access list its container
 * names (by id or name) must exist in NPM, else the host is not published (publishing it without
 * the protection asked for is worse than not publishing); and `trust_forwarded_proto` goes only
 * to NPM 2.14 and newer, which know it (older releases refuse unknown fields).
 *
 * @module
 */
import type { AccessList, DesiredHost, HostFields } from "../model/mod.ts";

/** What a host does about its access list. */
export type AccessListDecision =
  /** The container asks for none: `access_list_id` 0. */
  | { readonly kind: "none" }
  /** Guard the host with this list. */
  | { readonly kind: "list"; readonly accessList: AccessList }
  /** NPM has no such list: the host is not published (an existing one of ours is disabled). */
  | { readonly kind: "unknown"; readonly reason: string };

/** The first NPM release that knows `trust_forwarded_proto`. */
export const TRUST_FORWARDED_PROTO_SINCE = [2, 14] as const;

/** Finds the access list `desired` names among NPM's `accessLists`. */
export function decideAccessList(
  desired: DesiredHost,
  accessLists: readonly AccessList[],
): AccessListDecision {
  const wanted = desired.accessList;
  if (wanted === undefined) return { kind: "none" };
  const found = accessLists.find((list) =>
    "id" in wanted ? list.id === wanted.id : list.name === wanted.name
  );
  if (found !== undefined) return { kind: "list", accessList: found };
  const label = "id" in wanted ? `#${wanted.id}` : `"${wanted.name}"`;
  return {
    kind: "unknown",
    reason: `NPM has no access list ${label} (NPM_ACCESS_LIST), so ${desired.domain} is not ` +
      "published (never without the protection asked for): name one of NPM's access lists",
  };
}

/** Whether NPM `version` (`major.minor.revision`) knows `trust_forwarded_proto`; unknown: no. */
export function knowsTrustForwardedProto(version: string | undefined): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version ?? "");
  if (match === null) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const [sinceMajor, sinceMinor] = TRUST_FORWARDED_PROTO_SINCE;
  return major > sinceMajor || (major === sinceMajor && minor >= sinceMinor);
}

/** Why `trust_forwarded_proto` asked for is not sent to NPM `version`; undefined when it is. */
export function trustForwardedProtoGap(
  desired: DesiredHost,
  version: string | undefined,
): string | undefined {
  if (!desired.fields.trust_forwarded_proto || knowsTrustForwardedProto(version)) return undefined;
  return `NPM_TRUST_FORWARDED_PROTO needs NPM 2.14 or newer, and NPM is ${
    version ?? "of an unknown version"
  }, so it is not sent: update NPM, or remove it`;
}

/** `desired`'s fields with its access list, and without what NPM `version` does not know. */
export function withHostOptions(
  desired: DesiredHost,
  options: { readonly accessList?: AccessList; readonly npmVersion?: string },
): HostFields {
  const { trust_forwarded_proto, ...fields } = desired.fields;
  return {
    ...fields,
    access_list_id: options.accessList?.id ?? 0,
    ...(knowsTrustForwardedProto(options.npmVersion) ? { trust_forwarded_proto } : {}),
  };
}
