/**
 * Runs the dashboard's script on a fake DOM just big enough for it, so a test
 * can render a state and read the tables' lines as text. Nothing is fetched.
 *
 * @module
 */
import { DASHBOARD_HTML } from "../../../lib/status/dashboard.ts";
import type { StateView } from "../../../lib/status/types.ts";

/** An element of the fake DOM: its text, class, and children. */
class FakeNode {
  textContent = "";
  className = "";
  colSpan = 1;
  children: FakeNode[] = [];
  /** A table body's table, whose column heads `fill()` counts. */
  readonly parentNode = { querySelectorAll: () => ({ length: 9 }) };

  appendChild(child: FakeNode): FakeNode {
    this.children.push(child);
    return child;
  }

  replaceChildren(): void {
    this.children = [];
  }

  /** Its own text, else its children's. */
  text(): string {
    return this.textContent || this.children.map((child) => child.text()).join("");
  }
}

/** Renders `state` with the dashboard's script; each line of the table body `id`, as cell texts. */
export function renderedLines(state: StateView, options: { readonly id: string }): string[][] {
  const script = /<script>([\s\S]*)<\/script>/.exec(DASHBOARD_HTML)?.[1] ?? "";
  const nodes = new Map<string, FakeNode>();
  const document = {
    createElement: () => new FakeNode(),
    getElementById: (id: string) => nodes.get(id) ?? nodes.set(id, new FakeNode()).get(id),
  };
  const render = new Function(
    "document",
    "location",
    "fetch",
    "setInterval",
    "Node",
    `${script}\nreturn render;`,
  )(document, { search: "" }, () => new Promise(() => {}), () => 0, FakeNode);
  render(state);
  return (nodes.get(options.id)?.children ?? []).map((line) =>
    line.children.map((cell) => cell.text())
  );
}
