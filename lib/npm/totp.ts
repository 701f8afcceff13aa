/**
 * Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30 s steps) from a
 * base32 secret as authenticator apps read it, with Web Crypto only. NPM's
 * two-factor login (otplib) accepts the code of the current step only.
 *
 * @module
 */
import { err, errAsync, ok, type Result, ResultAsync } from "neverthrow";

/** Seconds in one TOTP time step. */
export const TOTP_STEP_SECONDS = 30;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * Decodes RFC 4648 base32 as authenticator apps do: spaces, dashes and lower
 * case tolerated, `=` padding optional. The error never repeats the input.
 */
export function decodeBase32(text: string): Result<Uint8Array, string> {
  const clean = text.replace(/[\s-]/g, "").toUpperCase().replace(/=+$/, "");
  if (clean === "") return err("is empty");
  if (!/^[A-Z2-7]+$/.test(clean)) return err("holds characters outside base32 (A-Z, 2-7)");
  if ([1, 3, 6].includes(clean.length % 8)) return err("has a length no base32 text has");
  const bytes = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of clean) {
    buffer = ((buffer << 5) | ALPHABET.indexOf(char)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return ok(bytes);
}

/** Options of {@linkcode totp}. */
export interface TotpOptions {
  /** The time, in ms since the epoch. */
  readonly now: number;
  /** @default 6 */
  readonly digits?: number;
}

/** The time step `now` (ms) falls in. */
export function totpStep(now: number): number {
  return Math.floor(now / 1000 / TOTP_STEP_SECONDS);
}

/** The code of `secret` (base32, or the raw key) at `now`; fails only on a bad secret. */
export function totp(
  secret: string | Uint8Array,
  options: TotpOptions,
): ResultAsync<string, string> {
  const key = typeof secret === "string" ? decodeBase32(secret) : ok(secret);
  if (key.isErr()) return errAsync(key.error);
  return ResultAsync.fromSafePromise(hotp(key.value, totpStep(options.now), options.digits ?? 6));
}

/** RFC 4226 HOTP of `key` at `counter`. */
async function hotp(key: Uint8Array, counter: number, digits: number): Promise<string> {
  const message = new DataView(new ArrayBuffer(8));
  message.setUint32(0, Math.floor(counter / 2 ** 32));
  message.setUint32(4, counter >>> 0);
  const hmacKey = await crypto.subtle.importKey(
    "raw",
    new Uint8Array(key),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, message));
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) |
    (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, "0");
}
