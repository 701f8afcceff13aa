/**
 * The reconciler's voice: it turns what the reconciler finds into
 * `ControllerEvent`s, each problem once while it lasts (per container, per
 * host, and for NPM and Docker as a whole).
 *
 * @module
 */
import { describeDockerError } from "../docker/describe_error.ts";
import type { DockerError } from "../docker/types.ts";
import type { NpmSnapshot } from "../model/mod.ts";
import type { NpmError } from "../npm/types.ts";
import type { ControllerListener, Problem } from "./events.ts";
import { describeNpmError } from "../npm/describe_error.ts";
import { nginxRejectedProblem } from "./messages.ts";
import { ProblemMemory } from "./problem_memory.ts";

/** Emits problems once each, and NPM's and Docker's health. */
export class Reporter {
  readonly #emit: ControllerListener;
  readonly #memory = new ProblemMemory();

  /** Makes a reporter that emits to `emit`. */
  constructor(emit: ControllerListener) {
    this.#emit = emit;
  }

  /** Takes every problem `subject` (a container id) has now; emits the new ones. */
  problems(subject: string, problems: readonly Problem[]): void {
    for (const problem of this.#memory.update(subject, problems)) {
      this.#emit({ type: "problem", problem });
    }
  }

  /** Forgets a subject, e.g. a removed container. */
  forget(subject: string): void {
    this.#memory.forget(subject);
  }

  /** NPM answered: readiness, and its next failure is news again. */
  npmAnswered(): void {
    this.#emit({ type: "npm_answer", ok: true });
    this.problems("npm", []);
  }

  /** NPM failed: readiness, and one error per outage and cause. */
  npmFailed(error: NpmError): void {
    const message = describeNpmError(error);
    this.#emit({ type: "npm_answer", ok: false, cause: message });
    this.problems("npm", [{ severity: "error", code: error.kind, message }]);
  }

  /** Docker answered every request of a batch: its next failure is news again. */
  dockerAnswered(): void {
    this.problems("docker", []);
  }

  /** Docker failed: one error per outage and cause. */
  dockerFailed(error: DockerError): void {
    this.problems("docker", [{
      severity: "error",
      code: error.kind,
      message: describeDockerError(error),
    }]);
  }

  /** Reports, once each, our enabled hosts whose configuration nginx refused. */
  nginx(snapshot: NpmSnapshot, nameOf: (containerId: string) => string): void {
    for (const host of snapshot.proxyHosts) {
      const owner = host.owner;
      if (!owner) continue;
      const nginxError = host.meta.nginx_online === false && host.enabled
        ? String(host.meta.nginx_err ?? "no message")
        : undefined;
      const subject = {
        domain: host.domain_names[0] ?? "",
        containerName: nameOf(owner.container_id),
        containerId: owner.container_id,
        hostId: host.id,
      };
      this.problems(
        `host:${host.id}`,
        nginxError === undefined ? [] : [nginxRejectedProblem(subject, nginxError)],
      );
    }
  }
}
