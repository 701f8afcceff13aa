/**
 * The double's one account and its tokens: JWT-looking strings the double
 * remembers, answering NPM's login and token errors, and NPM's two-factor
 * login: a challenge token lasting 5 minutes (a JWT, so usable again until
 * then), and a code checked as otplib does for NPM (the current 30 s step only).
 *
 * @module
 */
import { totp } from "../npm/totp.ts";
import { errorReply, type Reply } from "./types.ts";

/** NPM signs a challenge token for 5 minutes. */
const CHALLENGE_TTL_MS = 5 * 60_000;

/** What checking an `Authorization` header found. */
export type Bearer =
  | { kind: "valid" }
  | { kind: "absent" }
  | { kind: "rejected"; reply: Reply };

function base64url(text: string): string {
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Milliseconds of a jsonwebtoken-style lifetime ("1h", "30m", "2d", "90s"; bare digits are ms). */
function lifetimeMs(expiry: string): number | null {
  const match = /^(\d+)\s*(ms|s|m|h|d|w|y)?$/.exec(expiry.trim());
  if (!match) return null;
  const unit = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, y: 31557600000 };
  return Number(match[1]) * unit[(match[2] ?? "ms") as keyof typeof unit];
}

/** The account and the tokens issued for it. */
export class Auth {
  #tokens = new Map<string, number>();
  #challenges = new Set<string>();
  #serial = 0;
  readonly #email: string;
  readonly #password: string;
  readonly #totpSecret: string | undefined;
  readonly #ttlMs: number;

  /** An account with these credentials (two-factor login with `totpSecret`); tokens last `ttlMs`. */
  constructor(options: { email: string; password: string; totpSecret?: string; ttlMs: number }) {
    this.#email = options.email.toLowerCase();
    this.#password = options.password;
    this.#totpSecret = options.totpSecret;
    this.#ttlMs = options.ttlMs;
  }

  /** `POST /api/tokens` with a validated body. */
  login(identity: string, secret: string): Reply {
    if (identity.toLowerCase() !== this.#email) {
      return errorReply(400, "Invalid email or password");
    }
    if (secret !== this.#password) {
      return errorReply(400, "Invalid email or password", "error.invalid-auth");
    }
    if (this.#totpSecret !== undefined) {
      const challenge = this.#mint(CHALLENGE_TTL_MS, "2fa-challenge");
      this.#challenges.add(challenge.token);
      return { status: 200, body: { requires_2fa: true, challenge_token: challenge.token } };
    }
    return { status: 200, body: this.#issue(this.#ttlMs) };
  }

  /**
   * `POST /api/tokens/2fa` with a validated body, in NPM's order: the challenge
   * (unknown or expired, then not a challenge), then the code. NPM would also take
   * one of the account's backup codes (8 characters); the double's account has none.
   */
  async verifyTwoFactor(challenge: string, code: string, now = Date.now()): Promise<Reply> {
    const expiresAt = this.#tokens.get(challenge);
    if (expiresAt === undefined || now >= expiresAt) {
      return errorReply(400, "Invalid or expired challenge token");
    }
    if (!this.#challenges.has(challenge)) return errorReply(400, "Invalid challenge token");
    const expected = this.#totpSecret === undefined
      ? undefined
      : (await totp(this.#totpSecret, { now })).unwrapOr(undefined);
    if (code.length !== 6 || code !== expected) {
      return errorReply(400, "Invalid verification code", "error.invalid-2fa");
    }
    return { status: 200, body: this.#issue(this.#ttlMs) };
  }

  /** `GET /api/tokens[?expiry=…]` once the bearer was found valid: a fresh token. */
  renew(expiry: string | null): Reply {
    const ttl = expiry === null ? this.#ttlMs : lifetimeMs(expiry);
    if (ttl === null) return errorReply(400, `Invalid expiry time: ${expiry}`);
    return { status: 200, body: this.#issue(ttl) };
  }

  /** Checks an `Authorization` header as NPM's jwt middleware does. */
  check(header: string | null, now = Date.now()): Bearer {
    const [scheme, token] = (header ?? "").split(" ");
    if (scheme !== "Bearer" || !token) return { kind: "absent" };
    if (token === "null" || token === "undefined") {
      return { kind: "rejected", reply: errorReply(400, "Empty token") };
    }
    const expiresAt = this.#tokens.get(token);
    // A token the double never issued fails signature checks: NPM answers 500.
    if (expiresAt === undefined) {
      return { kind: "rejected", reply: errorReply(500, "Internal Error") };
    }
    if (this.#challenges.has(token)) {
      return { kind: "rejected", reply: errorReply(403, "Permission Denied") };
    }
    if (now >= expiresAt) return { kind: "rejected", reply: errorReply(400, "Token has expired") };
    return { kind: "valid" };
  }

  /** Every token issued so far expires now. */
  expireAll(): void {
    for (const token of this.#tokens.keys()) this.#tokens.set(token, 0);
  }

  #issue(ttlMs: number): { token: string; expires: string } {
    const { token, expiresAt } = this.#mint(ttlMs, "user");
    return { token, expires: new Date(expiresAt).toISOString() };
  }

  #mint(ttlMs: number, scope: string): { token: string; expiresAt: number } {
    const now = Date.now();
    const expiresAt = now + ttlMs;
    const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
    const payload = base64url(JSON.stringify({
      attrs: { id: 1 },
      scope: [scope],
      jti: `${++this.#serial}-${crypto.randomUUID()}`,
      iat: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
    }));
    const signature = base64url(crypto.randomUUID() + crypto.randomUUID());
    const token = `${header}.${payload}.${signature}`;
    this.#tokens.set(token, expiresAt);
    return { token, expiresAt };
  }
}
