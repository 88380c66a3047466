import { ConfigError } from '@stowage/core';

/**
 * Normalises a store prefix: no leading or trailing `/`, no empty, `.` or `..` segments.
 *
 * @throws ConfigError when the prefix has `.`/`..` segments, backslashes or control characters.
 */
export function normalizePrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return '';
  const segments = trimmed.split('/');
  const badSegment = segments.some((s) => s === '' || s === '.' || s === '..');
  // eslint-disable-next-line no-control-regex
  const bad = badSegment || /[\\\u0000-\u001f]/.test(trimmed);
  if (bad) {
    throw new ConfigError(`S3 store prefix ${JSON.stringify(prefix)} is not allowed.`, {
      details: { prefix },
      fix: 'Use "/"-separated names without empty, "." or ".." segments, e.g. "team/project".',
    });
  }
  return trimmed;
}

/**
 * Checks a bucket name loosely (non-empty, no `/`); the service enforces its own rules.
 *
 * @throws ConfigError when the name is empty or contains `/`.
 */
export function checkBucketName(bucket: string): string {
  if (typeof bucket !== 'string' || bucket === '' || bucket.includes('/')) {
    throw new ConfigError(`S3 bucket name ${JSON.stringify(bucket)} is not valid.`, {
      details: { bucket },
      fix: 'Pass the bucket name alone (e.g. "artifacts"); put any key prefix in `prefix`.',
    });
  }
  return bucket;
}

/** The object key of a store path under `prefix`. */
export function objectKey(prefix: string, path: string): string {
  return prefix === '' ? path : `${prefix}/${path}`;
}

/** The store URL of a bucket and prefix: `s3://bucket/prefix` (or `s3://bucket`). */
export function storeUrl(bucket: string, prefix: string): string {
  return prefix === '' ? `s3://${bucket}` : `s3://${bucket}/${prefix}`;
}
