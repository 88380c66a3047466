import { guardCbor, type CborLimits } from './cbor-guard';

/**
 * Sizes the filler of every `ALIGNED` item so that its typed array's data starts a multiple of
 * 8 bytes from the start of `bytes`, by shrinking fillers (written 7 bytes long) and moving the
 * bytes after them back, in place. Returns the (possibly shorter) bytes. @internal
 */
export function alignTypedArrays(bytes: Uint8Array, limits: CborLimits): Uint8Array {
  const items: number[] = [];
  guardCbor(bytes, limits, (fillerAt, dataAt) => items.push(fillerAt, dataAt));
  let removed = 0;
  let copied = 0; // bytes before this offset are in their final place
  for (let i = 0; i < items.length; i += 2) {
    const fillerAt = items[i]!;
    const dataAt = items[i + 1]!;
    const filler = bytes[fillerAt]! & 31;
    if (removed > 0) bytes.copyWithin(copied - removed, copied, fillerAt);
    const cut = Math.min(filler, (dataAt - removed) % 8);
    const at = fillerAt - removed;
    bytes[at] = 0x40 | (filler - cut);
    bytes.fill(0, at + 1, at + 1 + filler - cut);
    removed += cut;
    copied = fillerAt + 1 + filler;
  }
  if (removed === 0) return bytes;
  bytes.copyWithin(copied - removed, copied, bytes.length);
  return bytes.subarray(0, bytes.length - removed);
}
