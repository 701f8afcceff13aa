/**
 * Texts for people: a thrown value as one sentence for an error value, at the
 * edges where I/O throws (Deno's `fetch` says only "fetch failed"; the reason
 * is in its `cause` chain), and any text folded onto one line.
 *
 * @module
 */

/** How many causes deep a description goes. */
const MAX_DEPTH = 4;

/**
 * The thrown value's message and its causes', joined with ": ", e.g.
 * `fetch failed: … tcp connect error: Connection refused (os error 111)`;
 * `fallback` when there is no text at all.
 */
export function describeThrown(thrown: unknown, fallback: string): string {
  const parts: string[] = [];
  for (let error = thrown, depth = 0; error !== undefined && depth < MAX_DEPTH; depth++) {
    if (!(error instanceof Error)) {
      parts.push(String(error));
      break;
    }
    parts.push(error.message);
    error = error.cause;
  }
  return parts.filter((part) => part !== "").join(": ") || fallback;
}

/** Line breaks: CR LF, a lone CR or LF, and Unicode's line and paragraph separators. */
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/;

/**
 * `text` on one line: each line trimmed, blank lines dropped, the rest joined
 * with " / ". nginx's two-line `nginx: … :37\nnginx: … test failed\n` becomes
 * `nginx: … :37 / nginx: … test failed`.
 */
export function oneLine(text: string): string {
  const lines = text.split(LINE_BREAK).map((line) => line.trim());
  return lines.filter((line) => line !== "").join(" / ");
}
