import { InvalidKeyError } from '@stowage/core';

/** The parts of an `s3://bucket/key` URI. */
export interface S3Uri {
  readonly bucket: string;
  /** Everything after the bucket, without leading `/`, percent-escapes decoded ('' for none). */
  readonly key: string;
}

/**
 * Splits `s3://bucket/key` into bucket and key.
 *
 * @remarks
 * The key keeps its `/` separators; `%xx` escapes are decoded (write `%20` for a space, `%23`
 * for `#`). A trailing `/` is dropped, so `s3://bucket/prefix/` names the prefix `prefix`.
 *
 * @throws InvalidKeyError when the URI is not `s3://` or has no bucket.
 */
export function parseS3Uri(uri: string): S3Uri {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/i.exec(uri);
  let key: string | undefined;
  try {
    key = match === null ? undefined : decodeURIComponent((match[2] ?? '').replace(/\/+$/, ''));
  } catch {
    key = undefined;
  }
  if (match === null || key === undefined) {
    throw new InvalidKeyError(`"${uri}" is not an S3 URI.`, {
      details: { uri },
      fix: 'Write s3://bucket or s3://bucket/path/to/object (percent-encode special characters).',
    });
  }
  return { bucket: match[1]!, key };
}
