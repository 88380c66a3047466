import { StoreError } from '../errors/store.error';
import { decodeTaggedJson, encodeTaggedJson } from '../serialization/tagged-json';
import { Artifact } from './artifact';
import type { ArtifactKinds } from './artifact-kinds';
import { validateRecordFields } from './record-fields';
import { INLINE_SCHEMA_VERSION } from './inline-files';
import { formatTooNew } from './store-format';
import {
  describeRecordSource,
  openSealedRecord,
  RECORD_SEAL_FIELD,
  recordCorrupt,
  sealRecord,
  type RecordWhere,
} from './record-seal';

/**
 * Newest version of the artifact record layout this code reads and writes.
 *
 * @remarks
 * 2: every record carries `recordSha256`, the sha256 of the canonical JSON of its other fields.
 * 3: a record may list `blobFiles`, files whose bytes are content-addressed under `blobs/sha256/`.
 * 4: a record may keep small files' bytes in `inlineFiles`. Only records that do are written as
 * version 4; the others stay version 3, so a Stowage that reads up to 3 still reads them.
 * Version 1 records (no checksum) are still read, unchecked. A record of a newer version is
 * refused (`STORE_FORMAT_TOO_NEW`): it may keep its bytes where this code would not look.
 */
export const ARTIFACT_SCHEMA_VERSION = INLINE_SCHEMA_VERSION;

/** The version written for a record that keeps no bytes inside it (it may list `blobFiles`). */
export const PLAIN_SCHEMA_VERSION = 3;

/** The first artifact record version that always carries a checksum. */
const SEALED_SINCE = 2;

/** The JSON record stored beside an artifact's bytes. */
export interface ArtifactRecordJson {
  readonly schemaVersion: number;
  readonly kind: string;
  readonly key: string;
  readonly [field: string]: unknown;
}

const RECORDED_SCHEMA = Symbol('@stowage/core:recordedSchemaVersion');
/** Fields that never go into a record: the bytes to write, and derived values. */
const NOT_RECORDED = new Set(['body', 'files', 'schemaVersion', 'kind', RECORD_SEAL_FIELD]);

type WithSchema = Artifact & { [RECORDED_SCHEMA]?: number };

/**
 * Turns an artifact into its JSON record: `schemaVersion`, `kind`, then every own field.
 *
 * @remarks
 * Bytes (`body`, `files`) are left out; `undefined` fields are dropped. Fields the class does not
 * declare (written by a newer Stowage, or set by a user) are kept, so a record read and written
 * again by an older version loses nothing.
 * Values are encoded with the tagged JSON of `encodeTaggedJson` (bigint and Date survive).
 *
 * @throws SerializationError when a field holds a value that is not data (a function, a class…).
 */
export function encodeArtifactRecord(artifact: Artifact): ArtifactRecordJson {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(artifact)) {
    if (!NOT_RECORDED.has(name) && value !== undefined) fields[name] = value;
  }
  const schemaVersion = Math.max(
    artifact.inlineFiles === undefined ? PLAIN_SCHEMA_VERSION : INLINE_SCHEMA_VERSION,
    (artifact as WithSchema)[RECORDED_SCHEMA] ?? 0,
  );
  const record = { schemaVersion, kind: artifact.kind, key: artifact.key, ...fields };
  return encodeTaggedJson(record, `artifact "${artifact.key}"`) as unknown as ArtifactRecordJson;
}

function invalid(where: RecordWhere, why: string): StoreError {
  const source = typeof where === 'string' ? { where } : where;
  return new StoreError(
    `The artifact record at ${describeRecordSource(where)} is invalid: ${why}.`,
    {
      code: 'RECORD_INVALID',
      details: { ...source, reason: why },
      fix: 'The record was damaged or written by another tool; delete that version or restore it from a backup.',
    },
  );
}

/**
 * Reads a JSON record back into the class registered for its `kind`.
 *
 * @remarks
 * The class is constructed with `{ key }` (so its defaults are set), then every recorded field is
 * assigned. An unknown kind is read as a plain {@link Artifact} that keeps the recorded kind.
 * Fields that size reads (`size`, `sha256`, `fileRecords`, …) are checked first, so no damaged
 * value ever sizes an allocation. The checksum is not checked here: see {@link parseArtifactRecord}.
 *
 * @param where - Where the record came from, for error messages (store, path, key, version).
 * @throws StoreError (code `RECORD_INVALID`) when the JSON is not an artifact record;
 * IntegrityError (`RECORD_CORRUPT`) when a field has an impossible value or a tagged value
 * (`$bigint`, `$date`, …) is malformed.
 */
export function decodeArtifactRecord(
  json: unknown,
  kinds: ArtifactKinds,
  where: RecordWhere,
): Artifact {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw invalid(where, 'it is not a JSON object');
  const record = json as Record<string, unknown>;
  const { kind, key, schemaVersion } = record;
  if (typeof key !== 'string' || key === '') throw invalid(where, 'it has no "key"');
  if (typeof kind !== 'string' || kind === '') throw invalid(where, 'it has no "kind"');
  if (!Number.isInteger(schemaVersion) || (schemaVersion as number) < 1)
    throw invalid(where, 'it has no valid "schemaVersion"');
  if ((schemaVersion as number) > ARTIFACT_SCHEMA_VERSION) {
    const source = typeof where === 'string' ? { store: where, path: where } : where;
    throw formatTooNew(
      `The artifact record at ${describeRecordSource(where)}`,
      source.store,
      source.path,
      schemaVersion as number,
      ARTIFACT_SCHEMA_VERSION,
    );
  }
  const wrong = validateRecordFields(record);
  if (wrong !== undefined) throw recordCorrupt('artifact', where, wrong);
  const cls = kinds.classFor(kind) ?? Artifact;
  const artifact = new cls({ key }) as WithSchema;
  delete artifact.body;
  delete artifact.files;
  for (const [name, value] of Object.entries(record)) {
    if (!NOT_RECORDED.has(name) && name !== '__proto__' && name !== 'constructor') {
      let decoded: unknown;
      try {
        decoded = decodeTaggedJson(value, name);
      } catch (error) {
        throw recordCorrupt(
          'artifact',
          where,
          `its field "${name}" holds a malformed value`,
          error,
        );
      }
      (artifact as unknown as Record<string, unknown>)[name] = decoded;
    }
  }
  if (cls.kind !== kind)
    Object.defineProperty(artifact, 'kind', { value: kind, enumerable: false });
  Object.defineProperty(artifact, RECORDED_SCHEMA, { value: schemaVersion, enumerable: false });
  return artifact;
}

/**
 * Parses stored record bytes, checking their checksum (`recordSha256`).
 *
 * @remarks
 * Records of schema version 2 and later must carry a checksum that matches; version 1 records
 * (written before checksums) are read without one.
 * @throws IntegrityError (code `RECORD_CORRUPT`) naming key, version and store when the bytes are
 * not JSON, miss their checksum, fail it, or hold impossible values; StoreError (`RECORD_INVALID`)
 * when intact JSON is not an artifact record.
 */
export function parseArtifactRecord(
  bytes: Uint8Array,
  kinds: ArtifactKinds,
  where: RecordWhere,
): Artifact {
  const json = openSealedRecord(bytes, 'artifact', where, SEALED_SINCE);
  return decodeArtifactRecord(json, kinds, where);
}

/**
 * The bytes stored for an artifact's record: its JSON record with a `recordSha256` checksum.
 *
 * @throws SerializationError when a field holds a value that is not data.
 */
export function serializeArtifactRecord(artifact: Artifact): Buffer {
  return sealRecord(encodeArtifactRecord(artifact));
}

/**
 * A copy of `artifact` (same class, own fields copied one level deep) without its bytes.
 *
 * @remarks
 * Used so staging and link resolution never mutate the artifact a packer returned.
 */
export function cloneArtifact<T extends Artifact>(artifact: T, keepBody = false): T {
  const copy = Object.create(Object.getPrototypeOf(artifact) as object) as T;
  for (const name of Reflect.ownKeys(artifact)) {
    const descriptor = Object.getOwnPropertyDescriptor(artifact, name) as PropertyDescriptor;
    const value: unknown = descriptor.value;
    if (
      'value' in descriptor &&
      value !== null &&
      typeof value === 'object' &&
      !ArrayBuffer.isView(value)
    ) {
      if (Array.isArray(value)) descriptor.value = (value as unknown[]).slice();
      else if (Object.getPrototypeOf(value) === Object.prototype) descriptor.value = { ...value };
    }
    Object.defineProperty(copy, name, descriptor);
  }
  if (!keepBody) {
    delete copy.body;
    delete copy.files;
  }
  return copy;
}
