/**
 * One sentence per Docker error, for logs and the command line.
 *
 * @module
 */
import type { DockerHostError } from "./docker_host.ts";
import type { DockerError } from "./types.ts";

/** Says what failed and what to do, e.g. `Cannot reach the Docker engine at unix:///…: …`. */
export function describeDockerError(error: DockerError | DockerHostError): string {
  switch (error.kind) {
    case "docker_unreachable":
      return `Cannot reach the Docker engine at ${error.endpoint}: ${error.cause}`;
    case "docker_timeout":
      return `The Docker engine at ${error.endpoint} did not answer ${error.path} within ` +
        `${error.timeoutMs} ms; it may be starting or overloaded`;
    case "docker_api_error":
      return `Docker refused ${error.path}: status ${error.status}: ${error.message}`;
    case "docker_bad_response":
      return `Docker answered ${error.path} with unexpected JSON: ${error.detail}`;
    case "docker_stream_ended":
      return `The Docker event stream from ${error.endpoint} ended: ${error.cause}`;
    case "docker_host_invalid":
      return `Cannot use DOCKER_HOST "${error.value}": ${error.reason}`;
  }
}
