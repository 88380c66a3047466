import { Encoder, Tag } from 'cbor-x/index-no-eval';
import { SerializationError } from '../../src/errors/serialization.error';
import { ClassRegistry } from '../../src/serialization/class-registry';
import { ObjectSerializer } from '../../src/serialization/object-serializer';
import { expectStowageError } from '../helpers/expect-stowage-error';

const serializer = () =>
  new ObjectSerializer({
    registry: new ClassRegistry({ useCatalog: false }),
    warn: () => undefined,
  });
const raw = (tree: unknown): Uint8Array =>
  new Encoder({
    useRecords: true,
    structuredClone: false,
    tagUint8Array: true,
    useFloat32: 0,
  }).encode(tree);

/** Inverse of `x * a mod 2^32` for odd `a`. */
const inverse = (a: number): number => {
  let x = 1;
  for (let i = 0; i < 5; i++) x = Math.imul(x, 2 - Math.imul(a, x)) >>> 0;
  return x;
};
const unXorShift = (y: number, s: number): number => {
  let x = y;
  for (let i = 0; i < 32 / s + 1; i++) x = (y ^ (x >>> s)) >>> 0;
  return x;
};
/** The integer whose V8 small-integer hash is `h` (the hash steps run backwards). */
const keyForHash = (h: number): number => {
  let x = unXorShift(h, 16);
  x = Math.imul(x, inverse(2057)) >>> 0;
  x = unXorShift(x, 4);
  x = Math.imul(x, inverse(5)) >>> 0;
  x = unXorShift(x, 12);
  return Math.imul((x + 1) >>> 0, inverse(0x7fff)) | 0;
};
/** `n` integer keys whose hashes share their low 18 bits (one bucket for tables up to 2^18). */
const collidingKeys = (n: number): number[] => {
  const keys: number[] = [];
  for (let j = 0; keys.length < n; j++) {
    const k = keyForHash((j << 18) >>> 0);
    if (k >= -(2 ** 30) && k < 2 ** 30) keys.push(k);
  }
  return keys;
};

describe('ObjectSerializer Maps and Sets with integer keys', () => {
  describe('when the keys are crafted to collide in V8 hash table buckets', () => {
    it('should refuse a Map or a Set with SERIALIZATION_CORRUPT before building it', () => {
      const keys = collidingKeys(40_000);
      expectStowageError(
        () =>
          serializer().decode(
            raw(
              new Tag(
                keys.flatMap((k) => [k, 0]),
                41903,
              ),
            ),
          ),
        SerializationError,
        'SERIALIZATION_CORRUPT',
      );
      expectStowageError(
        () => serializer().decode(raw(new Tag(keys, 41904))),
        SerializationError,
        'SERIALIZATION_CORRUPT',
      );
    });
  });

  describe('when the keys are ordinary integers', () => {
    it('should keep large Maps and Sets of sequential, spaced and random integers', () => {
      const s = serializer();
      const spaced = Array.from({ length: 50_000 }, (_, i) => i * 1024);
      const random = Array.from({ length: 50_000 }, (_, i) => (Math.imul(i, 2654435761) | 0) >> 1);
      const value = {
        map: new Map(Array.from({ length: 100_000 }, (_, i) => [i, i] as const)),
        spaced: new Set(spaced),
        random: new Set(random),
      };
      expect(s.decode(s.encode(value).bytes)).toEqual(value);
    });
  });
});
