/**
 * How NPM reads a request's path id and `expand` query.
 *
 * @module
 */

/** The `expand` query as NPM splits it, or null without one. */
export function expandOf(url: URL): string[] | null {
  const expand = url.searchParams.get("expand");
  return expand === null ? null : expand.split(",");
}

/** The id of `GET …/{id}`: NPM validates it as an integer >= 1 (a bad one is 400). */
export function strictId(text: string): number | null {
  const n = Number(text);
  return text !== "" && Number.isInteger(n) && n >= 1 ? n : null;
}
