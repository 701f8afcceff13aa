/**
 * The three-way merge of one host's managed fields: what the container wants,
 * what NPM holds, and what EnvoyNPM last applied.
 *
 * @module
 */
import type { FieldChange, HostFields } from "../model/mod.ts";
import {
  HOST_FIELD_NAMES,
  type LastApplied,
  LATER_FIELD_DEFAULTS,
  type LaterField,
  valueEqual,
} from "../model/mod.ts";

/** The fields to send and the changes to show for them. */
export interface MergeResult {
  readonly changes: Partial<HostFields>;
  readonly diff: readonly FieldChange[];
}

/**
 * Merges field by field, like `kubectl apply`: a field changes when NPM's value
 * differs from the desired one, unless the container did not change it since
 * the last apply (then a hand edit in NPM survives). With `enforce`, or without
 * a last-applied value, every differing field is restored.
 */
export function mergeFields(
  desired: HostFields,
  current: HostFields,
  options: { readonly lastApplied: LastApplied | undefined; readonly enforce: boolean },
): MergeResult {
  const changes: { -readonly [F in keyof HostFields]?: HostFields[F] } = {};
  const diff: FieldChange[] = [];
  for (const field of HOST_FIELD_NAMES) {
    const want = desired[field];
    // Not asked (trust_forwarded_proto on an NPM older than 2.14): never sent nor compared.
    if (want === undefined) continue;
    const have = current[field] ?? LATER_FIELD_DEFAULTS[field as LaterField];
    // A host applied before certificates (access lists, …) were managed got them plain, or not
    // at all: a certificate or access list attached by hand then is a hand edit to keep.
    const last = options.lastApplied === undefined
      ? undefined
      : options.lastApplied[field] ?? LATER_FIELD_DEFAULTS[field as LaterField];
    const handEditKept = !options.enforce && options.lastApplied !== undefined &&
      valueEqual(want, last);
    if (handEditKept || valueEqual(have, want)) continue;
    setField(changes, field, want);
    diff.push({ field, from: have, to: want });
  }
  return { changes, diff };
}

function setField<F extends keyof HostFields>(
  target: { -readonly [K in keyof HostFields]?: HostFields[K] },
  field: F,
  value: HostFields[F],
): void {
  target[field] = value;
}
