/**
 * EnvoyNPM's internal model: the plain data the pure core works on. Docker's
 * and NPM's wire formats are converted to these at the edges.
 *
 * @module
 */
export type { Container, ContainerNetwork } from "./container.ts";
export type {
  AccessListRequest,
  DesiredHost,
  DesiredState,
  SettingProblem,
  StopAction,
  TlsRequest,
} from "./desired_host.ts";
export type { Certificate } from "./certificate.ts";
export type {
  AccessList,
  HostFields,
  HostLocation,
  LastApplied,
  LaterField,
  NpmSnapshot,
  OwnerMeta,
  ProxyHost,
  TlsField,
} from "./proxy_host.ts";
export {
  HOST_FIELD_NAMES,
  LATER_FIELD_DEFAULTS,
  MANAGER_NAME,
  PLAIN_HOST_OPTIONS,
  PLAIN_TLS_FIELDS,
} from "./proxy_host.ts";
export { valueEqual } from "./value_equal.ts";
export type { Action, ActionKind, ActionSubject, FieldChange, SkipReason } from "./action.ts";
