import { createHash } from 'node:crypto';

const MD5_HEX = /^[0-9a-f]{32}$/;

/**
 * The MD5 hex of a record's exact stored bytes, kept in its listing index entry.
 *
 * @remarks
 * Not a checksum of trust (records carry their own `recordSha256`): it lets a reader confirm,
 * from a store listing alone, that a record still holds the bytes its index entry was made
 * from, since S3 reports the MD5 hex of a single-part upload as its ETag. See {@link etagConfirms}.
 */
export function recordMd5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * Whether a listed object's `etag` proves it holds the bytes whose MD5 is `md5`: both known, the
 * tag a plain MD5 hex (not a multipart or encrypted upload's tag), and equal. Anything else
 * proves nothing, and the caller reads the object.
 */
export function etagConfirms(etag: string | undefined, md5: string | undefined): boolean {
  if (etag === undefined || md5 === undefined) return false;
  const tag = etag.replace(/^"|"$/g, '').toLowerCase();
  return MD5_HEX.test(tag) && tag === md5;
}
