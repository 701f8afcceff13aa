/**
 * The token source: logs in with `POST /api/tokens`, renews with
 * `GET /api/tokens` before the token runs out, and logs in again when NPM
 * says a token is stale. Concurrent callers share one login or renewal.
 *
 * @module
 */
import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from "neverthrow";
import { type HttpContext, requestUrl, sendRequest } from "./http.ts";
import { challengeSchema, parseAnswer, tokenSchema } from "./schemas.ts";
import type { NpmError } from "./types.ts";

/** Hands out bearer tokens. No retries here: callers wrap requests in `withRetry`. */
export interface TokenSource {
  /** A token that is not about to expire: logs in or renews first when needed. */
  current(): ResultAsync<string, NpmError>;
  /**
   * Logs in again because NPM called `stale` stale (for `cause`), unless another caller
   * already did.
   */
  replace(stale: string, cause: string): ResultAsync<string, NpmError>;
  /** Logs in now (or joins a login under way). */
  login(): ResultAsync<string, NpmError>;
}

/** What {@linkcode createTokenSource} needs besides the HTTP context. */
export interface TokenSourceOptions {
  readonly email: string;
  /** Sent only as `secret` in the login body; never in an error. */
  readonly password: string;
  /** The clock, in ms since the epoch. */
  readonly now: () => number;
  /** Told once per new login after NPM refused a token, with NPM's reason. */
  readonly onRelogin?: (cause: string) => void;
}

interface HeldToken {
  readonly token: string;
  /** Renew from then on: 90 % of the token's life has passed. */
  readonly renewAt: number;
  /** Past this, renewing is pointless: log in again. */
  readonly expiresAt: number;
}

const TOKENS_PATH = "/api/tokens";
/** Assumed life of a token whose `expires` cannot be trusted (unparsable or in our past). */
const FALLBACK_LIFE_MS = 60 * 60 * 1000;
const RENEW_AT_FRACTION = 0.9;

/** Creates a token source that logs in lazily, on first use. */
export function createTokenSource(http: HttpContext, options: TokenSourceOptions): TokenSource {
  const { email, now } = options;
  let held: HeldToken | undefined;
  let pending: ResultAsync<string, NpmError> | undefined;

  function hold(answer: { token: string; expires: string }): HeldToken {
    const obtainedAt = now();
    const life = Date.parse(answer.expires) - obtainedAt;
    const lifeMs = life > 0 ? life : FALLBACK_LIFE_MS;
    return {
      token: answer.token,
      renewAt: obtainedAt + lifeMs * RENEW_AT_FRACTION,
      expiresAt: obtainedAt + lifeMs,
    };
  }

  function logIn(): ResultAsync<HeldToken, NpmError> {
    const url = requestUrl(http, TOKENS_PATH);
    return sendRequest(http, {
      method: "POST",
      path: TOKENS_PATH,
      body: { identity: email, secret: options.password },
    })
      .mapErr((error): NpmError =>
        error.kind === "npm_rejected"
          ? { kind: "npm_auth_failed", email, message: error.message }
          : error
      )
      .andThen((body): Result<HeldToken, NpmError> =>
        challengeSchema.safeParse(body).success
          ? err({ kind: "npm_two_factor", email })
          : parseAnswer(tokenSchema, body, { url }).map(hold)
      );
  }

  function renew(token: string): ResultAsync<HeldToken, NpmError> {
    const url = requestUrl(http, TOKENS_PATH);
    return sendRequest(http, { method: "GET", path: TOKENS_PATH, token })
      .andThen((body) => parseAnswer(tokenSchema, body, { url }).map(hold))
      .orElse((error) => isTransport(error) ? errAsync(error) : logIn());
  }

  function shared(obtain: () => ResultAsync<HeldToken, NpmError>): ResultAsync<string, NpmError> {
    if (pending !== undefined) return pending;
    const flight = obtain().andThen((fresh) => {
      held = fresh;
      return ok(fresh.token);
    });
    pending = flight;
    flight.then(() => {
      if (pending === flight) pending = undefined;
    });
    return flight;
  }

  return {
    current() {
      const at = now();
      if (held !== undefined && at < held.renewAt) return okAsync(held.token);
      const renewable = held !== undefined && at < held.expiresAt ? held.token : undefined;
      return shared(() => renewable === undefined ? logIn() : renew(renewable));
    },
    replace(stale, cause) {
      if (held !== undefined && held.token !== stale) return okAsync(held.token);
      held = undefined;
      if (pending !== undefined) return pending;
      return shared(logIn).map((token) => {
        options.onRelogin?.(cause);
        return token;
      });
    },
    login() {
      return shared(logIn);
    },
  };
}

/** Failures that say nothing about the token: NPM was not reached, or did not answer in time. */
function isTransport(error: NpmError): boolean {
  return error.kind === "npm_unreachable" || error.kind === "npm_timeout";
}
