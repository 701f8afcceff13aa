/**
 * NPM's and Docker's health as the controller's reads observe it, turned
 * into reports: readiness (`npm_answer`), one error per cause while it
 * lasts, and outages (one warning after 5 s of failed reads, one INFO at
 * the return). It only reports; the controller decides what NPM's return
 * means for the queue.
 *
 * @module
 */
import { describeDockerError } from "../docker/describe_error.ts";
import type { DockerError } from "../docker/types.ts";
import { describeNpmError } from "../npm/describe_error.ts";
import type { NpmError } from "../npm/types.ts";
import type { ControllerListener } from "./reports.ts";
import { OutageWatch } from "./outage.ts";
import { ProblemMemory } from "./problem_memory.ts";
import type { Observed } from "./outcome.ts";

/** Options of {@linkcode ServiceHealth}. */
export interface ServiceHealthOptions {
  /** How long NPM's reads must fail to be an outage. @default 5_000 */
  readonly outageMs?: number;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
}

/** Reports what reads of NPM and Docker said. */
export class ServiceHealth {
  readonly #emit: ControllerListener;
  readonly #told = new ProblemMemory();
  readonly #npmOutage: OutageWatch;
  readonly #now: () => number;
  #npmAnsweredAt: number | undefined;

  /** Makes a tracker that has seen no failure. */
  constructor(emit: ControllerListener, options: ServiceHealthOptions = {}) {
    this.#emit = emit;
    this.#npmOutage = new OutageWatch(options);
    this.#now = options.now ?? Date.now;
  }

  /** Whether NPM's last read failed. */
  get npmFailing(): boolean {
    return this.#npmOutage.failing;
  }

  /** When a read of NPM last succeeded (epoch ms); undefined before one did. */
  get npmAnsweredAt(): number | undefined {
    return this.#npmAnsweredAt;
  }

  /**
   * Takes what a read of NPM said. A failed read of a reconcile is an error told once per cause
   * (`tell`); a probe's is not. Returns `true` when NPM answers again after an outage.
   */
  npm(observed: Observed<NpmError>, options: { readonly tell: boolean }): boolean {
    const cause = observed.ok ? undefined : describeNpmError(observed.error);
    if (observed.ok) this.#npmAnsweredAt = this.#now();
    this.#emit(
      cause === undefined ? { type: "npm_answer", ok: true } : {
        type: "npm_answer",
        ok: false,
        cause,
      },
    );
    if (options.tell || observed.ok) {
      this.#tell("npm", observed.ok ? undefined : { code: observed.error.kind, message: cause! });
    }
    const change = cause === undefined ? this.#npmOutage.answered() : this.#npmOutage.failed(cause);
    if (change) this.#emit({ type: "outage", service: "npm", ...change });
    return change?.down === false;
  }

  /** Takes what a read of Docker said: its failure is told once per cause while it lasts. */
  docker(observed: Observed<DockerError>): void {
    this.#tell(
      "docker",
      observed.ok
        ? undefined
        : { code: observed.error.kind, message: describeDockerError(observed.error) },
    );
  }

  #tell(subject: string, failure: { code: string; message: string } | undefined): void {
    const problems = failure ? [{ severity: "error" as const, ...failure }] : [];
    for (const problem of this.#told.update(subject, problems)) {
      this.#emit({ type: "problem", problem });
    }
  }
}
