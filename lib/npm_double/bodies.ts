/**
 * The request bodies NPM 2.15.1 accepts, as strict zod objects that coerce and
 * word their errors like NPM's ajv validation.
 *
 * @module
 */
import { z } from "zod";
import {
  ajvBoolean,
  ajvCertificateId,
  ajvDomainNames,
  ajvEnum,
  ajvInteger,
  ajvIntegerOrNull,
  ajvObject,
  ajvString,
} from "./ajv_coerce.ts";
import { ajvErrorsText, type Layout } from "./ajv_errors.ts";

const objectError = { error: () => "must be object" };

const forwardScheme = () => ajvEnum(["http", "https"]);
const forwardHost = () => ajvString({ min: 1, max: 255 });
const forwardPort = () => ajvInteger(1, 65535);

const location = z.strictObject({
  id: ajvIntegerOrNull().optional(),
  path: ajvString({ min: 1 }),
  forward_scheme: forwardScheme(),
  forward_host: forwardHost(),
  forward_port: forwardPort(),
  forward_path: ajvString().optional(),
  advanced_config: ajvString().optional(),
}, objectError);

/** One entry of a proxy host's `locations`. */
export type Location = z.infer<typeof location>;

const proxyHostFields = {
  domain_names: ajvDomainNames(),
  forward_scheme: forwardScheme(),
  forward_host: forwardHost(),
  forward_port: forwardPort(),
  certificate_id: ajvCertificateId().optional(),
  ssl_forced: ajvBoolean().optional(),
  hsts_enabled: ajvBoolean().optional(),
  hsts_subdomains: ajvBoolean().optional(),
  trust_forwarded_proto: ajvBoolean().optional(),
  http2_support: ajvBoolean().optional(),
  block_exploits: ajvBoolean().optional(),
  caching_enabled: ajvBoolean().optional(),
  allow_websocket_upgrade: ajvBoolean().optional(),
  access_list_id: ajvInteger(0).optional(),
  advanced_config: ajvString().optional(),
  enabled: ajvBoolean().optional(),
  meta: ajvObject().optional(),
  locations: z.array(location, { error: () => "must be array" }).optional(),
};

const proxyHostCreate = z.strictObject(proxyHostFields, objectError);
const proxyHostUpdate = z.strictObject({
  ...proxyHostFields,
  domain_names: proxyHostFields.domain_names.optional(),
  forward_scheme: proxyHostFields.forward_scheme.optional(),
  forward_host: proxyHostFields.forward_host.optional(),
  forward_port: proxyHostFields.forward_port.optional(),
}, objectError);

/** A validated `POST /api/nginx/proxy-hosts` body. */
export type ProxyHostCreate = z.infer<typeof proxyHostCreate>;
/** A validated `PUT /api/nginx/proxy-hosts/{id}` body. */
export type ProxyHostUpdate = z.infer<typeof proxyHostUpdate>;

const redirectionHostCreate = z.strictObject({
  domain_names: ajvDomainNames(),
  forward_http_code: ajvInteger(300, 308),
  forward_scheme: ajvEnum(["auto", "http", "https"]),
  forward_domain_name: ajvString({ pattern: "^(?:[^.*]+\\.?)+[^.]$" }),
  preserve_path: ajvBoolean().optional(),
  certificate_id: ajvCertificateId().optional(),
  ssl_forced: ajvBoolean().optional(),
  hsts_enabled: ajvBoolean().optional(),
  hsts_subdomains: ajvBoolean().optional(),
  http2_support: ajvBoolean().optional(),
  block_exploits: ajvBoolean().optional(),
  advanced_config: ajvString().optional(),
  meta: ajvObject().optional(),
}, objectError);

const deadHostCreate = z.strictObject({
  domain_names: ajvDomainNames(),
  certificate_id: ajvCertificateId().optional(),
  ssl_forced: ajvBoolean().optional(),
  hsts_enabled: ajvBoolean().optional(),
  hsts_subdomains: ajvBoolean().optional(),
  http2_support: ajvBoolean().optional(),
  advanced_config: ajvString().optional(),
  meta: ajvObject().optional(),
}, objectError);

const accessListCreate = z.strictObject({
  name: ajvString({ min: 1 }),
  satisfy_any: ajvBoolean().optional(),
  pass_auth: ajvBoolean().optional(),
  items: z.array(
    z.strictObject({
      username: ajvString({ min: 1 }).optional(),
      password: ajvString().optional(),
    }, objectError),
    { error: () => "must be array" },
  ).optional(),
  clients: z.array(
    z.strictObject({
      // NPM checks an IPv4/IPv6 address or "all" here; the double takes any string.
      address: ajvString().optional(),
      directive: ajvEnum(["allow", "deny"]).optional(),
    }, objectError),
    { error: () => "must be array" },
  ).optional(),
}, objectError);

const certificateMeta = z.strictObject({
  certificate: ajvString({ min: 1 }).optional(),
  certificate_key: ajvString({ min: 1 }).optional(),
  dns_challenge: ajvBoolean().optional(),
  dns_provider_credentials: ajvString().optional(),
  dns_provider: ajvString().optional(),
  letsencrypt_certificate: ajvObject().optional(),
  propagation_seconds: ajvInteger(0).optional(),
  key_type: ajvEnum(["rsa", "ecdsa"]).optional(),
}, objectError);

const certificateCreate = z.strictObject({
  provider: ajvString({ pattern: "^(letsencrypt|other)$" }),
  nice_name: ajvString().optional(),
  domain_names: ajvDomainNames({ min: 0 }).optional(),
  meta: certificateMeta.optional(),
}, objectError);

/** A validated `POST /api/nginx/certificates` body. */
export type CertificateCreate = z.infer<typeof certificateCreate>;

/** A validated `POST /api/nginx/redirection-hosts` body. */
export type RedirectionHostCreate = z.infer<typeof redirectionHostCreate>;
/** A validated `POST /api/nginx/dead-hosts` body. */
export type DeadHostCreate = z.infer<typeof deadHostCreate>;
/** A validated `POST /api/nginx/access-lists` body. */
export type AccessListCreate = z.infer<typeof accessListCreate>;

const tokenRequest = z.strictObject({
  identity: ajvString({ min: 1 }),
  scope: ajvEnum(["user"]).optional(),
  secret: ajvString({ min: 1 }),
}, objectError);

/** A validated `POST /api/tokens` body. */
export type TokenRequest = z.infer<typeof tokenRequest>;

const tokenTwoFactor = z.strictObject({
  challenge_token: ajvString({ min: 1 }),
  code: ajvString({ min: 6, max: 8 }),
}, objectError);

/** A validated `POST /api/tokens/2fa` body. */
export type TokenTwoFactor = z.infer<typeof tokenTwoFactor>;

const locationLayout: Layout = {
  props: Object.keys(location.shape),
  required: ["forward_scheme", "forward_host", "forward_port", "path"],
};

const schemas = {
  proxyHostCreate: {
    schema: proxyHostCreate,
    layout: {
      props: Object.keys(proxyHostFields),
      required: ["domain_names", "forward_scheme", "forward_host", "forward_port"],
      items: { locations: locationLayout },
    },
  },
  proxyHostUpdate: {
    schema: proxyHostUpdate,
    layout: { props: Object.keys(proxyHostFields), items: { locations: locationLayout } },
  },
  redirectionHostCreate: {
    schema: redirectionHostCreate,
    layout: {
      props: Object.keys(redirectionHostCreate.shape),
      required: ["domain_names", "forward_scheme", "forward_http_code", "forward_domain_name"],
    },
  },
  deadHostCreate: {
    schema: deadHostCreate,
    layout: { props: Object.keys(deadHostCreate.shape), required: ["domain_names"] },
  },
  accessListCreate: {
    schema: accessListCreate,
    layout: { props: Object.keys(accessListCreate.shape), required: ["name"] },
  },
  certificateCreate: {
    schema: certificateCreate,
    layout: {
      props: Object.keys(certificateCreate.shape),
      required: ["provider"],
      items: { meta: { props: Object.keys(certificateMeta.shape) } },
    },
  },
  tokenRequest: {
    schema: tokenRequest,
    layout: { props: ["identity", "scope", "secret"], required: ["identity", "secret"] },
  },
  tokenTwoFactor: {
    schema: tokenTwoFactor,
    layout: { props: ["challenge_token", "code"], required: ["challenge_token", "code"] },
  },
} as const;

/** The request bodies the double validates, by name. */
export type BodyName = keyof typeof schemas;

/** The validated body of each {@linkcode BodyName}. */
export interface Bodies {
  proxyHostCreate: ProxyHostCreate;
  proxyHostUpdate: ProxyHostUpdate;
  redirectionHostCreate: RedirectionHostCreate;
  deadHostCreate: DeadHostCreate;
  accessListCreate: AccessListCreate;
  certificateCreate: CertificateCreate;
  tokenRequest: TokenRequest;
  tokenTwoFactor: TokenTwoFactor;
}

/** Validation outcome: the coerced body, or NPM's 400 message. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Validates a parsed JSON body as NPM would; the error text is NPM's 400 message. */
export function checkBody<N extends BodyName>(name: N, body: unknown): Checked<Bodies[N]> {
  const { schema, layout } = schemas[name];
  const isObject = typeof body === "object" && body !== null && !Array.isArray(body);
  if (name === "proxyHostUpdate" && isObject && Object.keys(body).length === 0) {
    return { ok: false, message: "data must NOT have fewer than 1 properties" };
  }
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data as Bodies[N] };
  return { ok: false, message: ajvErrorsText(result.error.issues, layout) };
}
