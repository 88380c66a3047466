/* eslint-disable no-sparse-arrays -- holes are what these tests are about */
import { expect } from '@jest/globals';
import fc from 'fast-check';
import { SerializationError } from '../../src/errors/serialization.error';
import { ClassRegistry } from '../../src/serialization/class-registry';
import { ObjectSerializer } from '../../src/serialization/object-serializer';

// Jest's toEqual calls two invalid Dates unequal; the serializer keeps them (as `new Date(NaN)`),
// and fast-check generates them now and then (seed -683539177 put one inside a Set).
expect.addEqualityTesters([
  (a: unknown, b: unknown) =>
    a instanceof Date && b instanceof Date && Number.isNaN(a.getTime())
      ? Number.isNaN(b.getTime())
      : undefined,
]);

class Thing {
  constructor(public v: unknown = null) {}
}

const serializer = () =>
  new ObjectSerializer({
    registry: new ClassRegistry({ useCatalog: false }).registerClass(Thing, 'fuzz.Thing'),
    warn: () => undefined,
  });

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withObjectString: false,
      withBoxedValues: false,
    }),
    fc.array(tie('tree')),
    tie('tree').map((v) => new Thing(v)),
    fc.tuple(fc.string(), tie('tree')).map(([k, v]) => new Map([[k, v]])),
  ),
}));

describe('ObjectSerializer fuzzing', () => {
  describe('when encoding arbitrary values', () => {
    it('should round-trip them (10,000 cases)', () => {
      const s = serializer();
      fc.assert(
        fc.property(tree, (value) => {
          const { bytes } = s.encode(value);
          expect(s.decode(bytes)).toEqual(value);
        }),
        { numRuns: 10_000 },
      );
    });
  });

  describe('when decoding mutated or random bytes', () => {
    it('should return a value or throw SerializationError, never anything else, never pollute (12,000 cases)', () => {
      const s = serializer();
      const corpus = [
        { a: [1, 2, { b: new Map([[1, new Set([2])]]) }], t: new Thing([new Date(0), 5n]) },
        [new Thing(new Thing('x')), /re/g, new Error('e'), new Float64Array([1, 2]), -0, [1, , 3]],
        JSON.parse('{"__proto__": {"x": 1}, "constructor": {"prototype": {"y": 2}}}') as unknown,
      ].map((v) => Buffer.from(s.encode(v).bytes));
      const mutated = fc
        .tuple(
          fc.nat(corpus.length - 1),
          fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 }),
          fc.nat(64),
        )
        .map(([which, edits, cut]) => {
          const bytes = Buffer.from(corpus[which] as Buffer);
          for (const [pos, byte] of edits) bytes[pos % bytes.length] = byte;
          return cut < 8 ? bytes.subarray(0, Math.max(0, bytes.length - cut)) : bytes;
        });
      const check = (bytes: Uint8Array): void => {
        try {
          s.decode(bytes);
        } catch (e) {
          if (!(e instanceof SerializationError)) throw e;
        }
        expect(({} as Record<string, unknown>)['x']).toBeUndefined();
        expect(({} as Record<string, unknown>)['y']).toBeUndefined();
        expect(Object.getPrototypeOf({})).toBe(Object.prototype);
      };
      fc.assert(fc.property(mutated, check), { numRuns: 10_000 });
      fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), check), { numRuns: 2_000 });
    });
  });
});
