import { createHash } from 'node:crypto';
import { IntegrityError } from '../errors/integrity.error';

/** The record field holding the checksum of the rest of the record. */
export const RECORD_SEAL_FIELD = 'recordSha256';

/** Deepest nesting a record may have (a deeper one is damaged or hostile). */
const MAX_RECORD_DEPTH = 200;

/** Where a record was read from, for error messages. */
export interface RecordSource {
  /** Store URL. */
  readonly store: string;
  /** Object path of the record in the store. */
  readonly path: string;
  /** Artifact key (or run id). */
  readonly key?: string;
  /** Artifact version. */
  readonly version?: string;
}

/** A string `where` (older callers) or a full {@link RecordSource}. */
export type RecordWhere = string | RecordSource;

/** A readable "at …" phrase for a record source. */
export function describeRecordSource(where: RecordWhere): string {
  if (typeof where === 'string') return where;
  const what = where.key === undefined ? '' : ` of "${where.key}"`;
  const version = where.version === undefined ? '' : ` version ${where.version}`;
  return `${where.path}${what}${version} in ${where.store}`;
}

/**
 * The error for a record whose bytes are not what Stowage wrote.
 *
 * @returns an `IntegrityError` with code `RECORD_CORRUPT` naming the key, version, store and path.
 */
export function recordCorrupt(
  kind: 'artifact' | 'run',
  where: RecordWhere,
  why: string,
  cause?: unknown,
): IntegrityError {
  const source = typeof where === 'string' ? { where } : where;
  return new IntegrityError(
    `The ${kind} record at ${describeRecordSource(where)} is damaged: ${why}.`,
    {
      code: 'RECORD_CORRUPT',
      details: { ...source, reason: why },
      fix:
        kind === 'artifact'
          ? 'Do not trust this version: restore the record from a backup, or log the artifact again.'
          : 'Restore the run record from a backup or delete it; the artifacts it logged have records of their own.',
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

function canonicalAt(value: unknown, depth: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (depth > MAX_RECORD_DEPTH) throw new RangeError(`nested deeper than ${MAX_RECORD_DEPTH}`);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalAt(v, depth + 1)).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .map(
      (k) =>
        `${JSON.stringify(k)}:${canonicalAt((value as Record<string, unknown>)[k], depth + 1)}`,
    );
  return `{${entries.join(',')}}`;
}

/**
 * The canonical JSON text of parsed JSON: object keys sorted, no whitespace.
 *
 * @remarks
 * Two texts that parse to the same data have the same canonical text, so a checksum over it
 * ignores formatting (indentation, key order) and catches every change of content.
 * @throws RangeError when the value is nested deeper than 200 levels.
 */
export function canonicalJson(value: unknown): string {
  return canonicalAt(value, 0);
}

/** The lowercase hex sha256 of the canonical JSON of `fields` (without the seal field). */
export function recordChecksum(fields: Readonly<Record<string, unknown>>): string {
  const { [RECORD_SEAL_FIELD]: _seal, ...rest } = fields;
  void _seal;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/**
 * Serializes a record as indented JSON with its checksum in `recordSha256`.
 *
 * @remarks
 * The checksum is the sha256 of the canonical JSON of every other field, taken from the JSON
 * text itself (so `undefined` fields and the like count as JSON drops them).
 */
export function sealRecord(record: Readonly<Record<string, unknown>>): Buffer {
  const { [RECORD_SEAL_FIELD]: _old, ...rest } = record;
  void _old;
  const data = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
  return Buffer.from(
    JSON.stringify({ ...data, [RECORD_SEAL_FIELD]: recordChecksum(data) }, null, 2),
  );
}

/**
 * Parses record bytes and checks their seal.
 *
 * @param sealedSince - The first schema version that always carries a seal: a record at that
 * version or later without one is damaged (its seal field was hit); older records without one
 * are read unchecked.
 * @returns the parsed JSON object without the seal field (other JSON values as parsed).
 * @throws IntegrityError `RECORD_CORRUPT` when the bytes are not JSON, miss a required seal, or do
 * not match their seal.
 */
export function openSealedRecord(
  bytes: Uint8Array,
  kind: 'artifact' | 'run',
  where: RecordWhere,
  sealedSince: number,
): unknown {
  let json: unknown;
  try {
    json = JSON.parse(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
    );
  } catch (error) {
    throw recordCorrupt(kind, where, 'it is not valid JSON (truncated or overwritten?)', error);
  }
  // Intact JSON that is not an object is not a record at all: the caller's shape check says so.
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return json;
  const record = json as Record<string, unknown>;
  const seal = record[RECORD_SEAL_FIELD];
  const { schemaVersion } = record;
  if (seal === undefined) {
    if (typeof schemaVersion === 'number' && schemaVersion >= sealedSince)
      throw recordCorrupt(
        kind,
        where,
        `schema version ${schemaVersion} needs a "${RECORD_SEAL_FIELD}" and it has none`,
      );
    return record;
  }
  if (typeof seal !== 'string' || !/^[0-9a-f]{64}$/.test(seal))
    throw recordCorrupt(kind, where, `its "${RECORD_SEAL_FIELD}" is not a sha256`);
  let actual: string;
  try {
    actual = recordChecksum(record);
  } catch (error) {
    throw recordCorrupt(kind, where, 'it is nested too deeply', error);
  }
  if (actual !== seal)
    throw recordCorrupt(kind, where, `its checksum is ${actual}, the record says ${seal}`);
  const { [RECORD_SEAL_FIELD]: _seal, ...rest } = record;
  void _seal;
  return rest;
}
