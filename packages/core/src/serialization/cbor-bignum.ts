import { addExtension, Tag } from 'cbor-x/index-no-eval';

const TWO_64 = 1n << 64n;

/** The big-endian magnitude bytes of a non-negative bigint (empty for 0). */
function magnitude(n: bigint): Buffer {
  if (n === 0n) return Buffer.alloc(0);
  const hex = n.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
}

/** The non-negative bigint whose big-endian bytes are `bytes`, in time linear in their length. */
function fromMagnitude(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}`);
}

/** Whether cbor-x would write `n` as a bignum tag (it does not fit in 64 bits plus a sign). */
export function isBignum(n: bigint): boolean {
  return n >= TWO_64 || n <= -TWO_64;
}

/**
 * The bignum tag (RFC 8949 tags 2 and 3) for `n`, the same bytes cbor-x writes, built through a hex
 * string instead of cbor-x's byte-by-byte shifts (quadratic: a 128 KiB bigint took seconds).
 * @internal
 */
export function bignumTag(n: bigint): Tag {
  return n >= 0n ? new Tag(magnitude(n), 2) : new Tag(magnitude(-1n - n), 3);
}

let installed = false;

/**
 * Makes the no-eval cbor-x build read bignums (tags 2 and 3) through a hex string: the same values
 * as its own reader, in linear instead of quadratic time. It changes only that build's tables
 * (`cbor-x/index-no-eval`, which Stowage loads apart from the main `cbor-x`), once per process.
 * @internal
 */
export function installBignumReaders(): void {
  if (installed) return;
  installed = true;
  addExtension({ tag: 2, decode: (bytes: Uint8Array) => fromMagnitude(bytes) } as never);
  addExtension({ tag: 3, decode: (bytes: Uint8Array) => -1n - fromMagnitude(bytes) } as never);
}
