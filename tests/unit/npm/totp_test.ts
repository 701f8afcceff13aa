import assert from "node:assert/strict";
import { decodeBase32, totp, totpStep } from "../../../lib/npm/totp.ts";

/** RFC 6238's SHA-1 key, "12345678901234567890" in ASCII, in base32. */
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/** RFC 6238, appendix B: [seconds, 8-digit SHA-1 code]. */
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

Deno.test("decodeBase32() decodes RFC 6238's key to its ASCII bytes", () => {
  const bytes = decodeBase32(RFC_SECRET)._unsafeUnwrap();
  assert.equal(new TextDecoder().decode(bytes), "12345678901234567890");
});

Deno.test("decodeBase32() follows RFC 4648's test vectors, padded or not", () => {
  const cases: [string, string][] = [
    ["MY======", "f"],
    ["MZXQ====", "fo"],
    ["MZXW6===", "foo"],
    ["MZXW6YQ=", "foob"],
    ["MZXW6YTB", "fooba"],
    ["MZXW6YTBOI======", "foobar"],
    ["MZXW6YTBOI", "foobar"],
  ];
  for (const [text, plain] of cases) {
    assert.equal(new TextDecoder().decode(decodeBase32(text)._unsafeUnwrap()), plain, text);
  }
});

Deno.test("decodeBase32() tolerates spaces, dashes and lower case, as authenticator apps show secrets", () => {
  const plain = decodeBase32(RFC_SECRET)._unsafeUnwrap();
  assert.deepEqual(decodeBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq")._unsafeUnwrap(), plain);
  assert.deepEqual(decodeBase32("GEZD-GNBV-GY3T-QOJQ-GEZD-GNBV-GY3T-QOJQ")._unsafeUnwrap(), plain);
});

Deno.test("decodeBase32() refuses what is not base32, never repeating it", () => {
  for (const bad of ["", "   ", "GEZDGNB1", "GEZDGNB8", "hunter2!", "A", "ABC", "ABCDEF"]) {
    const error = decodeBase32(bad)._unsafeUnwrapErr();
    assert.ok(bad.trim() === "" || !error.includes(bad), error);
  }
});

Deno.test("totp() matches RFC 6238's SHA-1 vectors (8 digits) and their 6-digit truncation", async () => {
  for (const [seconds, code] of RFC_VECTORS) {
    const now = seconds * 1000;
    assert.equal((await totp(RFC_SECRET, { now, digits: 8 }))._unsafeUnwrap(), code, `${seconds}`);
    assert.equal((await totp(RFC_SECRET, { now }))._unsafeUnwrap(), code.slice(2), `${seconds}`);
  }
});

Deno.test("totp() takes the raw key too, and keeps one code for a whole 30 s step", async () => {
  const key = new TextEncoder().encode("12345678901234567890");
  const at = (ms: number) => totp(key, { now: ms, digits: 8 }).then((r) => r._unsafeUnwrap());
  assert.equal(await at(59_000), "94287082");
  assert.equal(await at(30_000), "94287082");
  assert.equal(await at(59_999), "94287082");
  assert.notEqual(await at(60_000), "94287082");
  assert.equal(totpStep(59_999), 1);
  assert.equal(totpStep(60_000), 2);
});

Deno.test("totp() of a bad secret fails without computing a code", async () => {
  const result = await totp("not base32!", { now: 0 });
  assert.match(result._unsafeUnwrapErr(), /base32/);
});
