import { Encoder, Tag } from 'cbor-x/index-no-eval';
import { SerializationError } from '../../src/errors/serialization.error';
import { ClassRegistry } from '../../src/serialization/class-registry';
import { ObjectSerializer } from '../../src/serialization/object-serializer';
import { expectStowageError } from '../helpers/expect-stowage-error';

const serializer = (options: { maxBigIntBytes?: number; maxDepth?: number } = {}) =>
  new ObjectSerializer({
    registry: new ClassRegistry({ useCatalog: false }),
    warn: () => undefined,
    ...options,
  });
const decodeError = (
  bytes: number[] | Uint8Array,
  code = 'SERIALIZATION_CORRUPT',
  s = serializer(),
) => expectStowageError(() => s.decode(Uint8Array.from(bytes)), SerializationError, code);
/** Bytes as cbor-x itself writes them with the fallback's options (no Stowage checks). */
const raw = (tree: unknown): Uint8Array =>
  new Encoder({
    useRecords: true,
    structuredClone: false,
    tagUint8Array: true,
    useFloat32: 0,
  }).encode(tree);

describe('ObjectSerializer decoding checks (cbor guard)', () => {
  describe('when the data holds cbor-x value-sharing tags (28/29)', () => {
    it('should refuse them with SERIALIZATION_CORRUPT naming the tag, before cbor-x builds anything', () => {
      // [28 [29 0, 29 0]] nested: cbor-x would expand each level twice (exponential)
      const level = [0xd8, 0x1c, 0x82, 0xd8, 0x1d, 0x00, 0xd8, 0x1d, 0x00];
      const error = decodeError(level);
      expect(error.details).toMatchObject({ tag: 28, offset: 0 });
      const chain = [
        0x81,
        ...Array.from({ length: 40 }, () => [0xd8, 0x1c, 0x81]).flat(),
        0xd8,
        0x1d,
        0x00,
      ];
      // Refused at offset 1, the first tag: nothing was expanded (without the guard, decoding this
      // would expand 2^40 references and never end within the test's timeout).
      expect(decodeError(chain).details).toMatchObject({ tag: 28, offset: 1 });
    });
  });

  describe('when the data holds other tags the fallback never writes', () => {
    it.each([
      ['a Set (258)', [0xd9, 0x01, 0x02, 0x80], 258],
      ['a generic object (27)', [0xd8, 0x1b, 0x80], 27],
      ['packed values (51)', [0xd8, 0x33, 0x80], 51],
      ['self-described CBOR (55799)', [0xd9, 0xd9, 0xf7, 0x00], 55799],
      ['big-endian Float64Array (82)', [0xd8, 0x52, 0x40], 82],
      ['a record id never defined (0xe000)', [0xd9, 0xe0, 0x00, 0x80], 0xe000],
      ['bundled strings (0xdff9)', [0xd9, 0xdf, 0xf9, 0x80], 0xdff9],
      ['a tag past 16 bits (0x1e000)', [0xda, 0x00, 0x01, 0xe0, 0x00, 0x80], 0x1e000],
    ])('should refuse %s', (_name, bytes, tag) => {
      expect(decodeError(bytes).details).toMatchObject({ tag });
    });
  });

  describe('when lengths are larger than the data', () => {
    it.each([
      ['an array of 2^32 - 1 items', [0x9a, 0xff, 0xff, 0xff, 0xff, 0x00]],
      ['a 64-bit array length', [0x9b, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00]],
      ['a 1 GiB string', [0x7a, 0x40, 0x00, 0x00, 0x00, 0x61]],
      ['a 1 GiB byte string', [0x5a, 0x40, 0x00, 0x00, 0x00]],
      ['a typed array of 2^31 bytes', [0xd8, 0x56, 0x5a, 0x80, 0x00, 0x00, 0x00]],
      [
        'a record of 2^20 values',
        [0xd9, 0xdf, 0xff, 0x9a, 0x00, 0x10, 0x00, 0x00, 0x19, 0xe0, 0x00],
      ],
    ])('should refuse %s', (_name, bytes) => {
      decodeError(bytes);
    });
  });

  describe('when the structure is not what the encoder writes', () => {
    it.each([
      ['an indefinite-length array', [0x9f, 0x01, 0xff]],
      ['an indefinite-length string', [0x7f, 0x61, 0x61, 0xff]],
      ['a stray break', [0xff]],
      ['a CBOR map', [0xa1, 0x61, 0x61, 0x01]],
      ['a simple value', [0xf8, 0x20]],
      ['a reserved header', [0x1c]],
      ['trailing bytes', [0x01, 0x02]],
      ['a typed array with a partial element', [0xd8, 0x56, 0x43, 0x00, 0x00, 0x00]],
      [
        'a record whose keys and values differ',
        [0xd9, 0xdf, 0xff, 0x83, 0x19, 0xe0, 0x00, 0x80, 0x01],
      ],
      [
        'a record used with the wrong number of values',
        [
          0x82,
          ...[0xd9, 0xdf, 0xff, 0x83, 0x19, 0xe0, 0x00, 0x81, 0x61, 0x61, 0x01],
          0xd9,
          0xe0,
          0x00,
          0x82,
          0x01,
          0x02,
        ],
      ],
      [
        'a record key that is not a string',
        [0xd9, 0xdf, 0xff, 0x83, 0x19, 0xe0, 0x00, 0x81, 0x01, 0x01],
      ],
      ['a date that is not a number', [0xc1, 0x61, 0x61]],
    ])('should refuse %s', (_name, bytes) => {
      decodeError(bytes);
    });

    it('should refuse nesting deeper than the limit with SERIALIZATION_TOO_DEEP', () => {
      decodeError(
        [...Array.from({ length: 100 }, () => 0x81), 0x00],
        'SERIALIZATION_TOO_DEEP',
        serializer({ maxDepth: 10 }),
      );
      decodeError([...Array.from({ length: 100_000 }, () => 0x81), 0x00], 'SERIALIZATION_TOO_DEEP');
    });

    it('should refuse a bignum over maxBigIntBytes with SERIALIZATION_TOO_LARGE, both ways', () => {
      const s = serializer({ maxBigIntBytes: 16 });
      decodeError(
        [0xc2, 0x51, ...Array.from({ length: 17 }, () => 1)],
        'SERIALIZATION_TOO_LARGE',
        s,
      );
      expectStowageError(
        () => s.encode({ n: 2n ** 200n }),
        SerializationError,
        'SERIALIZATION_TOO_LARGE',
      );
      expect(s.decode(s.encode(2n ** 120n).bytes)).toBe(2n ** 120n);
    });
  });

  describe('when reading data cbor-x writes for the fallback', () => {
    it('should accept records, bignums, typed arrays, dates and Stowage tags', () => {
      const value = {
        a: [
          { x: 1, y: 'two' },
          { x: 3, y: 'four' },
        ],
        big: 2n ** 100n,
        neg: -(2n ** 90n),
        u64: 2n ** 63n,
        at: new Date(1_700_000_000_123),
        f: new Float64Array([1.5, 2.5]),
        u: new Uint8Array([1, 2]),
        t: new Tag(0, 41907),
      };
      const back = serializer().decode(raw(value)) as Record<string, unknown>;
      expect(back).toEqual({ ...value, t: -0 });
    });
  });
});
