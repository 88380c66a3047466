import {
  openSealedRecord,
  recordCorrupt,
  sealRecord,
  type RecordWhere,
} from '../artifacts/record-seal';
import { StoreError } from '../errors/store.error';
import type { RunnerRecord } from './run-runner';
import { decodeTaggedJson } from '../serialization/tagged-json';
import { defineOwn } from '../objects';

/**
 * Where a run is in its life. `warn`: the handler finished but some outputs could not be logged
 * and the run was told to tolerate that (`run({ onOutputFailure: 'warn' })`). `lost`: the run
 * was still `running` when its process died (killed, crashed, machine lost); set by garbage
 * collection (`collectGarbage`, `stowage gc`), with the reason in `error`.
 */
export type RunStatus = 'running' | 'completed' | 'warn' | 'error' | 'lost';

/** An artifact a run logged. */
export interface RunArtifactEntry {
  readonly key: string;
  readonly uri: string;
  readonly kind: string;
  readonly version: string;
  readonly tag?: string;
}

/**
 * Why a run failed: one level of the error chain, with what caused it in `cause`.
 *
 * @remarks
 * `message` is what failed at this level (for Stowage errors, without the fix, which is in
 * `fix`). Records written before causes were kept hold the whole message, fix included, and no
 * `cause`.
 */
export interface RunErrorRecord {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  /** How to fix it, for Stowage errors. */
  readonly fix?: string;
  readonly stack?: string;
  /** The error that caused this one (at most 8 levels are kept). */
  readonly cause?: RunErrorRecord;
}

/** An output a run could not log (its packing or storing failed); the other outputs were still logged. */
export interface RunOutputFailure {
  readonly key: string;
  readonly error: RunErrorRecord;
}

/**
 * How a run records one input: the URI (or path) it was read from, or, for a collection input,
 * the list or dict of what its items were read from.
 *
 * @remarks
 * Inside a collection, leaves that are not references (a number, a plain string, a result value
 * taken from a bundle structure) are recorded as the JSON value they were given as.
 */
export type RunInput =
  string | number | boolean | null | readonly RunInput[] | { readonly [name: string]: RunInput };

/**
 * Version of the run record layout this code writes.
 *
 * @remarks
 * 2: collection inputs are recorded as lists/dicts ({@link RunInput}). Version 1 records stored
 * them as JSON text; {@link parseRunRecord} upgrades those when reading.
 * 3: every record carries `recordSha256`, the sha256 of the canonical JSON of its other fields;
 * older records (no checksum) are still read, unchecked.
 */
export const RUN_SCHEMA_VERSION = 3;

/** The first run record version that always carries a checksum. */
const SEALED_SINCE = 3;

/**
 * The record of one execution, stored as `runs/<id>.json`.
 *
 * @remarks
 * In the stored JSON, `params` and `results` use the tagged encoding of `encodeTaggedJson`
 * (`{"$bigint": …}`, `{"$date": …}`); records returned by Stowage are decoded.
 */
export interface RunRecord {
  readonly schemaVersion: number;
  readonly id: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly params: Readonly<Record<string, unknown>>;
  /** Input name → the URI it was read from, or a list/dict of URIs for a collection input. */
  readonly inputs: Readonly<Record<string, RunInput>>;
  /**
   * For each input URI given by tag or as `latest` (`store://key:prod`, `store://key`): the
   * version the run read, as `store://key@version` (absent in records written before 0.3, and
   * when no such input was read). Deletion and retention protect these versions.
   */
  readonly inputVersions?: Readonly<Record<string, string>>;
  readonly results: Readonly<Record<string, unknown>>;
  readonly artifacts: readonly RunArtifactEntry[];
  readonly status: RunStatus;
  /** ISO-8601 times. */
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly error?: RunErrorRecord;
  /** Outputs that could not be logged, with why (present only when there are some). */
  readonly failedOutputs?: readonly RunOutputFailure[];
  /** Warnings raised while the run logged its outputs (present only when there are some). */
  readonly warnings?: readonly string[];
  /** The process that runs (or ran) it: host, pid (absent in records written before 0.2). */
  readonly runner?: RunnerRecord;
  /**
   * ISO-8601 time of the run's last sign of life: refreshed on every record write and by a
   * heartbeat timer while it runs. A `running` run whose heartbeat is old is presumed dead.
   */
  readonly heartbeatAt?: string;
  /** When garbage collection marked the run `lost` (ISO-8601); the reason is in `error`. */
  readonly lostAt?: string;
}

/** The path of a run record in a store. */
export function runRecordPath(id: string): string {
  return `runs/${id}.json`;
}

/** The bytes stored for a run record: indented JSON with a `recordSha256` checksum. */
export function serializeRunRecord(record: RunRecord): Buffer {
  return sealRecord(record as unknown as Record<string, unknown>);
}

function decodeField(value: unknown, name: string, where: RecordWhere): Record<string, unknown> {
  try {
    return decodeTaggedJson(value ?? {}, name) as Record<string, unknown>;
  } catch (error) {
    throw recordCorrupt('run', where, `its field "${name}" holds a malformed value`, error);
  }
}

/**
 * Parses stored run record bytes, checking their checksum and decoding tagged params and results.
 *
 * @remarks
 * Records of schema version 1 (or none) stored a collection input as JSON text; such a string
 * that parses as a JSON array or object is read back as that list or dict. Records of version 3
 * and later must carry a matching `recordSha256`.
 * @throws IntegrityError (code `RECORD_CORRUPT`) when the bytes are not JSON, miss or fail their
 * checksum, or hold a malformed tagged value; StoreError (`RECORD_INVALID`) when intact JSON is
 * not a run record.
 */
export function parseRunRecord(bytes: Uint8Array, where: RecordWhere): RunRecord {
  const opened = openSealedRecord(bytes, 'run', where, SEALED_SINCE);
  const json = (typeof opened === 'object' && opened !== null ? opened : {}) as Record<
    string,
    unknown
  >;
  if (Array.isArray(opened) || typeof json.id !== 'string' || typeof json.status !== 'string') {
    const at = typeof where === 'string' ? where : `${where.path} in ${where.store}`;
    throw new StoreError(`The run record at ${at} is invalid: it has no id or status.`, {
      code: 'RECORD_INVALID',
      details: typeof where === 'string' ? { where } : { ...where },
      fix: 'The record was damaged or written by another tool; delete it or restore it from a backup.',
    });
  }
  return {
    ...json,
    params: decodeField(json.params, 'params', where),
    results: decodeField(json.results, 'results', where),
    labels: (json.labels ?? {}) as Record<string, string>,
    inputs: readInputs(json.inputs, json.schemaVersion),
    artifacts: (json.artifacts ?? []) as RunArtifactEntry[],
  } as unknown as RunRecord;
}

function readInputs(inputs: unknown, schemaVersion: unknown): Record<string, RunInput> {
  const recorded = (inputs ?? {}) as Record<string, RunInput>;
  if (typeof schemaVersion === 'number' && schemaVersion >= 2) return recorded;
  const upgraded: Record<string, RunInput> = {};
  for (const [name, value] of Object.entries(recorded)) {
    defineOwn(upgraded, name, typeof value === 'string' ? fromJsonText(value) : value);
  }
  return upgraded;
}

/** A version-1 collection input (JSON text of a list or dict), else the string itself. */
function fromJsonText(value: string): RunInput {
  const first = value.trimStart()[0];
  if (first !== '[' && first !== '{') return value;
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as RunInput) : value;
  } catch {
    return value;
  }
}
