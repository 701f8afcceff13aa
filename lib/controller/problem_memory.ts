/**
 * Remembers which problems were already reported, so that a warning is
 * given once per container and cause, not once per event or resync, and is
 * given again if the cause goes away and comes back.
 *
 * @module
 */
import type { Problem } from "./reports.ts";

/** Reports each distinct problem of a subject once while it lasts. */
export class ProblemMemory {
  readonly #seen = new Map<string, Set<string>>();

  /**
   * Takes every problem a subject (e.g. a container id) has now and returns
   * the ones not reported before; forgets the ones it no longer has.
   */
  update(subject: string, problems: readonly Problem[]): Problem[] {
    const before = this.#seen.get(subject) ?? new Set<string>();
    const now = new Set(problems.map(signature));
    if (now.size === 0) this.#seen.delete(subject);
    else this.#seen.set(subject, now);
    return problems.filter((problem) => !before.has(signature(problem)));
  }

  /** Forgets a subject, e.g. a removed container. */
  forget(subject: string): void {
    this.#seen.delete(subject);
  }
}

/** What makes a problem the same one: its code, subject and cause, not the wording of its names. */
function signature(problem: Problem): string {
  return [problem.code, problem.containerId, problem.domain, problem.detail ?? problem.message]
    .join("\u0000");
}
