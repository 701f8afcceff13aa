/**
 * Logging set-up: LogTape configured once, from `main.ts`. Modules only call
 * `getLogger(["envoynpm", "<module>"])`.
 *
 * Every entry is one line. In text format a rendered message (values shown in
 * it included) is folded by {@linkcode oneLine}: each line trimmed, blank ones
 * dropped, the rest joined with " / " (nginx's two-line answer reads
 * `… proxy_host/3.conf:37 / nginx: configuration file … test failed`). JSON
 * lines keep the text as it is, newlines escaped inside the string fields.
 *
 * @module
 */
import {
  configure,
  getJsonLinesFormatter,
  getTextFormatter,
  type LogRecord,
  reset,
  type Sink,
  type TextFormatter,
} from "@logtape/logtape";
import { redactByField } from "@logtape/redaction";
import type { LogLevel } from "../config/mod.ts";
import { oneLine } from "../errors/mod.ts";

/** Options of {@linkcode configureLogging}. */
export interface LoggingOptions {
  /** @default "info" */
  readonly level?: LogLevel;
  /** @default "text" */
  readonly format?: "text" | "json";
  /** Where each formatted line goes. @default synchronous write to stderr */
  readonly write?: (line: string) => void;
}

/** Property names whose values never reach a log line, at any level. */
export const SECRET_FIELDS = [/pass(word)?/i, /secret/i, /token/i, /authorization/i, /cookie/i];

const encoder = new TextEncoder();

function writeStderr(line: string): void {
  Deno.stderr.writeSync(encoder.encode(line));
}

function formatterFor(format: "text" | "json"): TextFormatter {
  return format === "json"
    ? getJsonLinesFormatter({ properties: "flatten", message: "rendered" })
    : getTextFormatter({
      timestamp: "date-time-timezone",
      category: ".",
      format: ({ timestamp, level, category, message }) =>
        `${timestamp} [${level}] ${category}: ${oneLine(message)}`,
    });
}

/**
 * Configures LogTape for the whole process: one synchronous sink (so nothing
 * is lost on exit), secrets redacted by field name, `envoynpm.*` at `level`.
 */
export async function configureLogging(options: LoggingOptions = {}): Promise<void> {
  const format = formatterFor(options.format ?? "text");
  const write = options.write ?? writeStderr;
  const sink: Sink = (record: LogRecord) => write(format(record));
  await reset();
  await configure({
    sinks: { main: redactByField(sink, { fieldPatterns: SECRET_FIELDS }) },
    loggers: [
      { category: ["envoynpm"], lowestLevel: options.level ?? "info", sinks: ["main"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["main"] },
    ],
  });
}
