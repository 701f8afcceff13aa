/**
 * NPM 2.15.1's certificates in the double: list (sorted by nice name), get,
 * create (`other`, or `letsencrypt` succeeding or failing by a switch, since
 * no CA is reachable), upload of PEM files, delete, and their audit entries.
 *
 * @module
 */
import type { CertificateCreate } from "./bodies.ts";
import { certbotFailure, certError, type Relations } from "./certificate_answers.ts";
import { type CertificateInfo, certificateInfo, checkPrivateKey } from "./pem_info.ts";
import { type AuditEntry, npmTime, type Reply } from "./types.ts";

/** A certificate row as `GET /api/nginx/certificates/{id}` answers it. */
export interface CertificateRow {
  id: number;
  created_on: string;
  modified_on: string;
  owner_user_id: number;
  provider: "letsencrypt" | "other";
  nice_name: string;
  domain_names: string[];
  expires_on: string;
  meta: Record<string, unknown>;
}

/** A hand-made certificate for tests (no real PEM files). */
export interface CertificateSeed {
  /** @default {"letsencrypt"} */
  provider?: "letsencrypt" | "other";
  /** @default {[]} */
  domain_names?: string[];
  /** @default {domain_names joined by ", "} */
  nice_name?: string;
  /** NPM's local `YYYY-MM-DD HH:MM:SS`, or a Date. @default {90 days from now} */
  expires_on?: string | Date;
  /** @default {{}} */
  meta?: Record<string, unknown>;
}

/** What the certificates need from the rest of the double. */
export interface CertificateLinks {
  /** The one user, as `expand=owner` shows it. */
  owner(): Record<string, unknown>;
  /** The hosts and streams that use a certificate, for NPM's other expansions. */
  relations(id: number): Relations;
  /** Adds one audit entry. */
  audit(entry: Pick<AuditEntry, "object_type" | "object_id" | "action" | "meta">): void;
}

/** Files NPM takes from an upload, in the order the double checks them. */
const SSL_FILES = ["certificate_key", "certificate", "intermediate_certificate"] as const;
const EXPANDABLE = new Set(["owner", "proxy_hosts", "redirection_hosts", "dead_hosts", "streams"]);
const DAY_S = 86_400;

function copy<T>(value: T): T {
  return structuredClone(value);
}

/** NPM's `omissions()`: the DNS provider's credentials never leave the API. */
function answerOf(row: CertificateRow): CertificateRow {
  const answer = copy(row);
  delete answer.meta.dns_provider_credentials;
  return answer;
}

/** NPM's `cleanMeta`: PEM texts become `true` in audit entries. */
function cleanMeta(meta: Record<string, unknown>): Record<string, unknown> {
  const clean = { ...meta };
  for (const name of SSL_FILES) if (clean[name]) clean[name] = true;
  return clean;
}

/** The model's `cleanDomainNames`: sorted. */
function sorted(domains: readonly string[] | undefined): string[] {
  return [...(domains ?? [])].sort();
}

/** NPM's certificates, in memory. */
export class Certificates {
  #rows = new Map<number, CertificateRow>();
  #nextId = 1;
  #letsencryptOk = true;
  readonly #links: CertificateLinks;

  /** Certificates linked to the rest of the double. */
  constructor(links: CertificateLinks) {
    this.#links = links;
  }

  /** Whether the next Let's Encrypt requests succeed (no CA is reachable from tests). */
  letsencrypt(ok: boolean): void {
    this.#letsencryptOk = ok;
  }

  /** Copies of the rows, as NPM stores them (private keys included). */
  rows(): CertificateRow[] {
    return [...this.#rows.values()].map(copy);
  }

  /** The row behind a host's `expand=certificate`: meta emptied, `is_deleted` kept (NPM's source). */
  forHost(id: number): Record<string, unknown> | null {
    const row = this.#rows.get(id);
    return row ? { ...copy(row), is_deleted: false, meta: {} } : null;
  }

  /** `GET /api/nginx/certificates`: sorted by nice name, as NPM's query orders them. */
  list(expand: string[] | null): Reply {
    if (expand?.some((e) => !EXPANDABLE.has(e))) return certError(500, "Internal Error");
    const rows = [...this.#rows.values()]
      .sort((a, b) => a.nice_name < b.nice_name ? -1 : a.nice_name > b.nice_name ? 1 : a.id - b.id);
    return { status: 200, body: rows.map((row) => this.#expand(row, expand)) };
  }

  /** `GET /api/nginx/certificates/{id}`. */
  get(id: number, expand: string[] | null): Reply {
    if (expand?.some((e) => !EXPANDABLE.has(e))) return certError(500, "Internal Error");
    const row = this.#rows.get(id);
    if (!row) return certError(404, `Not Found - ${id}`);
    return { status: 200, body: this.#expand(row, expand) };
  }

  /** `POST /api/nginx/certificates` with a validated body. */
  create(body: CertificateCreate): Reply {
    if (body.provider === "letsencrypt") return this.#requestLetsencrypt(body);
    const row = this.#insert({
      provider: "other",
      nice_name: body.nice_name ?? "",
      domain_names: sorted(body.domain_names),
      meta: copy(body.meta ?? {}),
    });
    const meta = { ...copy(body), owner_user_id: 1, meta: { ...body.meta, ...row.meta } };
    delete (meta.meta as Record<string, unknown>).dns_provider_credentials;
    this.#links.audit({ object_type: "certificate", object_id: row.id, action: "created", meta });
    return { status: 201, body: answerOf(row) };
  }

  /** `POST /api/nginx/certificates/{id}/upload` with the form's files (name → text). */
  async upload(id: number, files: Record<string, string>): Promise<Reply> {
    const row = this.#rows.get(id);
    if (!row) return certError(404, `Not Found - ${id}`);
    if (row.provider !== "other") {
      return certError(400, "Cannot upload certificates for this type of provider");
    }
    let info: CertificateInfo | undefined;
    try {
      for (const name of SSL_FILES) {
        if (files[name] === undefined) continue;
        const checked = name === "certificate_key"
          ? await checkPrivateKey(files[name])
          : await certificateInfo(files[name]);
        if (!checked.ok) return certError(400, checked.message);
        if (name === "certificate") info = checked.value as CertificateInfo;
      }
    } catch {
      // No openssl to run (or no permission to): NPM's exec would fail the same way.
      return certError(500, "Internal Error");
    }
    if (!info) return certError(400, "Certificate file was not provided");
    for (const name of SSL_FILES) if (files[name] !== undefined) row.meta[name] = files[name];
    row.domain_names = info.cn ? [info.cn] : [];
    row.expires_on = npmTime(new Date(info.dates.to * 1000));
    row.modified_on = npmTime(new Date());
    this.#links.audit({
      object_type: "certificate",
      object_id: id,
      action: "updated",
      meta: {
        id,
        domain_names: row.domain_names,
        meta: cleanMeta(row.meta),
        nice_name: row.nice_name,
      },
    });
    const answer: Record<string, unknown> = {};
    for (const name of ["certificate", "certificate_key", "intermediate_certificate"]) {
      if (row.meta[name] !== undefined) answer[name] = row.meta[name];
    }
    return { status: 200, body: answer };
  }

  /** `DELETE /api/nginx/certificates/{id}` (a Let's Encrypt revoke that fails is only logged). */
  delete(id: number): Reply {
    const row = this.#rows.get(id);
    if (!row) return certError(404, `Not Found - ${id}`);
    this.#rows.delete(id);
    const meta = { ...answerOf(row), meta: cleanMeta(answerOf(row).meta) };
    this.#links.audit({ object_type: "certificate", object_id: id, action: "deleted", meta });
    return { status: 200, body: true };
  }

  /** Puts a hand-made certificate in place, as if made before the test (no audit entry). */
  seed(seed: CertificateSeed): CertificateRow {
    const domains = seed.domain_names ?? [];
    const expires = seed.expires_on ?? new Date(Date.now() + 90 * DAY_S * 1000);
    const row = this.#insert({
      provider: seed.provider ?? "letsencrypt",
      nice_name: seed.nice_name ?? domains.join(", "),
      domain_names: sorted(domains),
      meta: copy(seed.meta ?? {}),
    });
    row.expires_on = typeof expires === "string" ? expires : npmTime(expires);
    return copy(row);
  }

  #insert(fields: Pick<CertificateRow, "provider" | "nice_name" | "domain_names" | "meta">) {
    const now = npmTime(new Date());
    const row: CertificateRow = {
      id: this.#nextId++,
      created_on: now,
      modified_on: now,
      owner_user_id: 1,
      ...fields,
      expires_on: now,
    };
    this.#rows.set(row.id, row);
    return row;
  }

  /** NPM inserts the row, runs certbot, and hard-deletes the row when certbot fails. */
  #requestLetsencrypt(body: CertificateCreate): Reply {
    if (body.domain_names === undefined) {
      // `data.domain_names.join(", ")` throws before the insert.
      return certError(500, "Internal Error", {
        stack: ["TypeError: Cannot read properties of undefined (reading 'join')"],
      });
    }
    const row = this.#insert({
      provider: "letsencrypt",
      nice_name: body.domain_names.join(", "),
      domain_names: sorted(body.domain_names),
      meta: copy(body.meta ?? {}),
    });
    if (!this.#letsencryptOk || row.domain_names.length === 0) {
      this.#rows.delete(row.id);
      const email = String(this.#links.owner().email);
      return certbotFailure(row, email);
    }
    const from = Math.floor(Date.now() / 1000) - 3600;
    const to = from + 90 * DAY_S - 1;
    row.expires_on = npmTime(new Date(to * 1000));
    row.modified_on = npmTime(new Date());
    const answer = answerOf(row);
    answer.meta.letsencrypt_certificate = {
      cn: row.domain_names[0],
      issuer: "C = US, O = Let's Encrypt, CN = E5",
      dates: { from, to },
    };
    this.#links.audit({
      object_type: "certificate",
      object_id: row.id,
      action: "created",
      meta: copy(answer) as unknown as Record<string, unknown>,
    });
    return { status: 201, body: answer };
  }

  #expand(row: CertificateRow, expand: readonly string[] | null): Record<string, unknown> {
    const answer: Record<string, unknown> = { ...answerOf(row) };
    if (!expand) return answer;
    const relations = this.#links.relations(row.id);
    for (const name of expand) {
      answer[name] = name === "owner" ? this.#links.owner() : relations[name as keyof Relations];
    }
    return answer;
  }
}
