/**
 * Turns a stream of byte chunks into JSON values, as the engine's
 * `GET /events` sends them: one value per line, but a value may be split
 * across chunks (even inside a UTF-8 character) and a chunk may hold several.
 * Values without a newline between them are split too. Pure: no I/O.
 *
 * @module
 */
import { describeThrown } from "../errors/mod.ts";

/** What the reader found: a JSON value, or a piece of text that was not JSON (skipped). */
export type JsonStreamItem =
  | { readonly kind: "value"; readonly value: unknown }
  | { readonly kind: "bad"; readonly text: string; readonly detail: string };

/** An incremental reader; feed it chunks in order, then call `end()` once. */
export interface JsonStreamReader {
  /** Reads one chunk and returns the items it completed. */
  push(chunk: Uint8Array): JsonStreamItem[];
  /** Returns what the last, unterminated piece held, if anything. */
  end(): JsonStreamItem[];
}

/** The longest unfinished value kept, in characters (Docker's events are a few hundred). */
export const MAX_VALUE_CHARS = 1 << 20;

/** Creates a {@linkcode JsonStreamReader}. */
export function createJsonStreamReader(): JsonStreamReader {
  const decoder = new TextDecoder();
  let buffer = "";
  let scanned = 0; // buffer[0, scanned) is a prefix of one unfinished value
  let depth = 0;
  let inString = false;
  let escaped = false;

  function take(text: string, items: JsonStreamItem[]): void {
    depth = 0;
    inString = false;
    escaped = false;
    const trimmed = text.trim();
    if (trimmed !== "") items.push(parseItem(trimmed));
  }

  function scan(): JsonStreamItem[] {
    const items: JsonStreamItem[] = [];
    let start = 0;
    for (let i = scanned; i < buffer.length; i++) {
      const c = buffer[i];
      if (c === "\n") { // one value per line; a raw newline cannot be inside a string
        take(buffer.slice(start, i), items);
        start = i + 1;
      } else if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
      } else if (c === '"') {
        inString = true;
      } else if (c === "{" || c === "[") {
        depth++;
      } else if ((c === "}" || c === "]") && --depth === 0) {
        take(buffer.slice(start, i + 1), items);
        start = i + 1;
      }
    }
    buffer = buffer.slice(start);
    scanned = buffer.length;
    if (buffer.length > MAX_VALUE_CHARS) {
      // No Docker event is this large: drop it rather than let memory grow without bound.
      items.push({
        kind: "bad",
        text: buffer.slice(0, 200),
        detail: `a value longer than ${MAX_VALUE_CHARS} characters was dropped`,
      });
      take("", items);
      buffer = "";
      scanned = 0;
    }
    return items;
  }

  return {
    push(chunk) {
      buffer += decoder.decode(chunk, { stream: true });
      return scan();
    },
    end() {
      buffer += decoder.decode();
      const items = scan();
      take(buffer, items);
      buffer = "";
      scanned = 0;
      return items;
    },
  };
}

function parseItem(text: string): JsonStreamItem {
  try {
    return { kind: "value", value: JSON.parse(text) };
  } catch (e) {
    return { kind: "bad", text, detail: describeThrown(e, "Invalid JSON") };
  }
}
