/**
 * Turns zod issues into the one-line text NPM's ajv (`allErrors: true`) gives:
 * `ajv.errorsText()`, i.e. `data/<path> <message>` joined by ", ", in ajv's order
 * (required, then additional properties, then each property in schema order).
 *
 * @module
 */
import type { z } from "zod";
import { MISSING } from "./ajv_coerce.ts";

/** The key orders of one object level of a request schema, as NPM's schema lists them. */
export interface Layout {
  /** `properties` keys in schema order. */
  readonly props: readonly string[];
  /** `required` keys in schema order. */
  readonly required?: readonly string[];
  /** Layouts of array-of-object properties' items, by property name. */
  readonly items?: Readonly<Record<string, Layout>>;
}

type Key = number[];

interface Line {
  readonly key: Key;
  readonly text: string;
}

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

function pointer(path: readonly PropertyKey[]): string {
  return "data" + path.map((p) => "/" + String(p)).join("");
}

/** Where an issue at `path` sorts (an array's own issues before its items'); `tail` ranks within. */
function sortKey(path: readonly PropertyKey[], layout: Layout, tail: Key): Key {
  const key: Key = [];
  let current: Layout | undefined = layout;
  for (const segment of path) {
    if (typeof segment === "number") {
      key.push(1, segment);
      continue;
    }
    key.push(2, current ? current.props.indexOf(String(segment)) : 0);
    current = current?.items?.[String(segment)];
  }
  return key.concat(tail);
}

function layoutAt(path: readonly PropertyKey[], layout: Layout): Layout | undefined {
  let current: Layout | undefined = layout;
  for (const segment of path) {
    if (typeof segment === "string") current = current?.items?.[segment];
  }
  return current;
}

/** ajv's `errorsText()` for these zod issues, ordered as ajv reports them. */
export function ajvErrorsText(issues: readonly z.core.$ZodIssue[], layout: Layout): string {
  const lines: Line[] = [];
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      issue.keys.forEach((_, i) => {
        lines.push({
          key: sortKey(path, layout, [-2, i]),
          text: `${pointer(path)} must NOT have additional properties`,
        });
      });
    } else if (issue.message === MISSING) {
      const parent = path.slice(0, -1);
      const name = String(path[path.length - 1]);
      const order = layoutAt(parent, layout)?.required ?? [];
      lines.push({
        key: sortKey(parent, layout, [-3, order.indexOf(name)]),
        text: `${pointer(parent)} must have required property '${name}'`,
      });
    } else {
      lines.push({ key: sortKey(path, layout, []), text: `${pointer(path)} ${issue.message}` });
    }
  }
  // A stable sort keeps zod's order among issues of one value (e.g. anyOf's three lines).
  return lines.sort((a, b) => compareKeys(a.key, b.key)).map((l) => l.text).join(", ");
}
