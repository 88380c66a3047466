import { IntegrityError } from '../errors/integrity.error';

/** What a stored file must match, and how to name it in errors. */
export interface ExpectedContent {
  /** Artifact key (or object path for raw objects). */
  readonly key: string;
  readonly version: string | undefined;
  /** Store URL. */
  readonly store: string;
  /** Object path inside the store. */
  readonly path: string;
  readonly size: number;
  /** Lowercase hex sha256; `undefined` skips the hash check (size is still checked). */
  readonly sha256: string | undefined;
}

/**
 * The error for bytes that do not match their record.
 *
 * @returns an `IntegrityError` naming the artifact key, version, store and path.
 */
export function integrityMismatch(
  expected: ExpectedContent,
  actual: { size?: number; sha256?: string },
): IntegrityError {
  const what = `artifact "${expected.key}"${expected.version ? ` version ${expected.version}` : ''}`;
  const why =
    actual.size !== undefined && actual.size !== expected.size
      ? `size is ${actual.size} bytes, the record says ${expected.size} (truncated or overwritten)`
      : `sha256 is ${actual.sha256}, the record says ${expected.sha256}`;
  return new IntegrityError(
    `Stored bytes of ${what} at "${expected.path}" in ${expected.store} are corrupted: ${why}.`,
    {
      details: {
        key: expected.key,
        version: expected.version,
        store: expected.store,
        path: expected.path,
        expectedSize: expected.size,
        actualSize: actual.size,
        expectedSha256: expected.sha256,
        actualSha256: actual.sha256,
      },
      fix: 'Do not use these bytes: restore the object from a backup or log the artifact again.',
    },
  );
}
