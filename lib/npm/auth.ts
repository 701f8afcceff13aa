/**
 * The token source: logs in with `POST /api/tokens` (answering NPM's
 * two-factor challenge with `POST /api/tokens/2fa` when given the account's
 * TOTP secret), renews with `GET /api/tokens` before the token runs out (NPM
 * asks no code for that), and logs in again when NPM says a token is stale.
 * Concurrent callers share one login or renewal.
 *
 * @module
 */
import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from "neverthrow";
import { type HttpContext, requestUrl, sendRequest } from "./http.ts";
import { challengeSchema, parseAnswer, tokenSchema } from "./schemas.ts";
import { totp, totpStep } from "./totp.ts";
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
  /** Base32 key of the account's two-factor login; sent only as a code, never in an error. */
  readonly totpSecret?: string;
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
const TWO_FACTOR_PATH = "/api/tokens/2fa";
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
      .andThen((body): ResultAsync<HeldToken, NpmError> | Result<HeldToken, NpmError> => {
        const challenge = challengeSchema.safeParse(body);
        if (!challenge.success) return parseAnswer(tokenSchema, body, { url }).map(hold);
        if (options.totpSecret === undefined) return err({ kind: "npm_two_factor", email });
        return answerChallenge(options.totpSecret, challenge.data.challenge_token, false);
      });
  }

  /**
   * `POST /api/tokens/2fa` with the code of now. NPM accepts the current 30 s step only,
   * so a code refused after its step ended is computed and sent once more (the challenge
   * lasts 5 minutes).
   */
  function answerChallenge(
    secret: string,
    challenge: string,
    retried: boolean,
  ): ResultAsync<HeldToken, NpmError> {
    const url = requestUrl(http, TWO_FACTOR_PATH);
    const sentAt = now();
    return totp(secret, { now: sentAt })
      .mapErr((): NpmError => ({
        kind: "npm_two_factor",
        email,
        refused: "NPM_API_TOTP_SECRET is not a base32 secret",
      }))
      .andThen((code) =>
        sendRequest(http, {
          method: "POST",
          path: TWO_FACTOR_PATH,
          body: { challenge_token: challenge, code },
        })
      )
      .andThen((body) => parseAnswer(tokenSchema, body, { url }).map(hold))
      .orElse((error): ResultAsync<HeldToken, NpmError> => {
        if (error.kind !== "npm_rejected") return errAsync(error);
        if (!retried && totpStep(now()) !== totpStep(sentAt)) {
          return answerChallenge(secret, challenge, true);
        }
        return errAsync({ kind: "npm_two_factor", email, refused: error.message });
      });
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
