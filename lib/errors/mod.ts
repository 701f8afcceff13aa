/**
 * Turning a thrown value into one sentence for an error value, at the edges
 * where I/O throws (Deno's `fetch` says only "fetch failed"; the reason is in
 * its `cause` chain).
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
