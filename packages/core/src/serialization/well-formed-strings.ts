import { Tag } from 'cbor-x/index-no-eval';
import { TAG } from './object-tags';

type WellFormedCheck = (this: string) => boolean;
/** `String.prototype.isWellFormed` (Node ≥ 20; the ES2022 lib does not declare it). */
const isWellFormedNative = (String.prototype as unknown as { isWellFormed: WellFormedCheck })
  .isWellFormed;

/**
 * Whether `s` is well-formed Unicode (no lone surrogate), i.e. survives UTF-8 unchanged. One-byte
 * strings are answered without a scan. @internal
 */
export function isWellFormed(s: string): boolean {
  return isWellFormedNative.call(s);
}

/** A string that UTF-8 cannot hold, as its UTF-16 code units (tag `UTF16`). @internal */
export function utf16Tag(s: string): Tag {
  return new Tag(Buffer.from(s, 'utf16le'), TAG.UTF16);
}

/** The string of a `UTF16` tag's bytes, or `undefined` when they are not whole code units. @internal */
export function fromUtf16(bytes: unknown): string | undefined {
  if (!(bytes instanceof Uint8Array) || bytes.length % 2 !== 0) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
}
