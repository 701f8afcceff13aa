/**
 * Carries out one planned action against NPM: exactly one write per action
 * (none for `skip`), and the host as NPM holds it afterwards.
 *
 * @module
 */
import { okAsync, type ResultAsync } from "neverthrow";
import type { Action, Certificate, ProxyHost } from "../model/mod.ts";
import type { NpmApi, NpmError } from "../npm/types.ts";

/** What an applied action left in NPM: the new row, a changed flag, a certificate, or nothing. */
export type Applied =
  | { readonly kind: "row"; readonly host: ProxyHost }
  | { readonly kind: "certificate"; readonly certificate: Certificate }
  | { readonly kind: "deleted"; readonly hostId: number }
  | { readonly kind: "enabled"; readonly hostId: number; readonly enabled: boolean }
  | { readonly kind: "none" };

/** Sends one action's write to NPM. */
export function applyAction(npm: NpmApi, action: Action): ResultAsync<Applied, NpmError> {
  switch (action.kind) {
    case "create":
      return npm.createProxyHost({ ...action.fields, meta: action.meta })
        .map((host): Applied => ({ kind: "row", host }));
    case "update":
      return npm.updateProxyHost(action.hostId, {
        ...action.changes,
        meta: action.meta,
        ...(action.enable ? { enabled: true as const } : {}),
      }).map((host): Applied => ({ kind: "row", host }));
    case "enable":
      return npm.enableProxyHost(action.hostId)
        .map((): Applied => ({ kind: "enabled", hostId: action.hostId, enabled: true }));
    case "disable":
      return npm.disableProxyHost(action.hostId)
        .map((): Applied => ({ kind: "enabled", hostId: action.hostId, enabled: false }));
    case "delete":
      return npm.deleteProxyHost(action.hostId)
        .map((): Applied => ({ kind: "deleted", hostId: action.hostId }));
    case "request_certificate":
      return npm.requestCertificate(action.domains)
        .map((certificate): Applied => ({ kind: "certificate", certificate }));
    case "skip":
      return okAsync({ kind: "none" });
  }
}

/** Whether an action writes to NPM. */
export function isWrite(action: Action): boolean {
  return action.kind !== "skip";
}
