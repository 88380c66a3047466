import { serializationError } from './serialization-errors';

/** Maps and Sets with fewer keys than this are not checked (their chains cannot grow long). */
const CHECK_FROM = 4096;
/** The longest chain of integer keys allowed in one bucket of V8's hash table. */
const MAX_CHAIN = 64;

/**
 * V8's hash of a small integer (`ComputeUnseededHash`), by which Maps and Sets bucket integer
 * keys. It has no per-process seed, so keys can be crafted to share buckets.
 */
function smallIntegerHash(k: number): number {
  let h = k >>> 0;
  h = (~h + (h << 15)) >>> 0;
  h = (h ^ (h >>> 12)) >>> 0;
  h = (h + (h << 2)) >>> 0;
  h = (h ^ (h >>> 4)) >>> 0;
  h = Math.imul(h, 2057) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h & 0x3fffffff;
}

/**
 * Refuses the keys of a Map or Set about to be rebuilt when many of its small-integer keys would
 * fall into one bucket of V8's hash table at some size the table passes through while growing
 * (a hash flood: inserting n such keys takes time in n², 40,000 keys about a second).
 *
 * @param items the decoded entries; keys are at `first`, `first + step`, …
 * @throws SerializationError `SERIALIZATION_CORRUPT`
 * @internal
 */
export function checkIntegerKeys(items: readonly unknown[], first: number, step: number): void {
  const count = Math.floor((items.length - first + step - 1) / step);
  if (count < CHECK_FROM) return;
  const hashes: number[] = [];
  for (let i = first; i < items.length; i += step) {
    const k = items[i];
    if (typeof k === 'number' && Number.isInteger(k) && k >= -(2 ** 31) && k < 2 ** 31)
      hashes.push(smallIntegerHash(k));
  }
  if (hashes.length < CHECK_FROM) return;
  // a table with b buckets holds up to 2b entries before it doubles
  for (let buckets = 1024; buckets < 2 * hashes.length; buckets *= 2) {
    const chains = new Uint16Array(buckets);
    const mask = buckets - 1;
    const upTo = Math.min(hashes.length, 2 * buckets);
    for (let i = 0; i < upTo; i++) {
      const b = hashes[i]! & mask;
      if (++chains[b]! > MAX_CHAIN) {
        throw serializationError(
          'SERIALIZATION_CORRUPT',
          `The stored object data is invalid: a Map or Set whose integer keys are crafted to collide in the hash table (${MAX_CHAIN}+ in one bucket of ${buckets})`,
          '$',
          'The artifact is hostile or damaged; log the value again.',
        );
      }
    }
  }
}
