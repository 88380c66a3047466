import { SerializationError } from '../../src/errors/serialization.error';
import { decodeTaggedJson, encodeTaggedJson } from '../../src/serialization/tagged-json';
import { expectStowageError } from '../helpers/expect-stowage-error';

const cycle = (value: unknown): unknown =>
  decodeTaggedJson(JSON.parse(JSON.stringify(encodeTaggedJson(value))));

describe(encodeTaggedJson, () => {
  describe('when values plain JSON would lose', () => {
    it('should round-trip bigint, Date, NaN, Infinity and -0', () => {
      const value = {
        big: -(2n ** 70n),
        when: new Date('2026-11-27T10:00:00.000Z'),
        nan: NaN,
        inf: -Infinity,
        zero: -0,
        list: [1n, null],
      };
      const back = cycle(value) as typeof value;
      expect(back.big).toBe(-(2n ** 70n));
      expect(back.when).toEqual(value.when);
      expect(back.nan).toBeNaN();
      expect(back.inf).toBe(-Infinity);
      expect(Object.is(back.zero, -0)).toBe(true);
      expect(back.list).toEqual([1n, null]);
    });

    it('should write the documented tags', () => {
      expect(encodeTaggedJson({ a: 5n, d: new Date(0) })).toEqual({
        a: { $bigint: '5' },
        d: { $date: '1970-01-01T00:00:00.000Z' },
      });
    });

    it('should escape user objects that look like tags', () => {
      const value = { $date: 'not a date' };
      expect(encodeTaggedJson(value)).toEqual({ $escape: { $date: 'not a date' } });
      expect(cycle(value)).toEqual(value);
      expect(cycle({ $escape: { $bigint: '1' } })).toEqual({ $escape: { $bigint: '1' } });
    });

    // Issue 22 changed this: undefined was dropped from objects and became null in arrays.
    it('should keep undefined fields and array elements', () => {
      const back = cycle({ a: undefined, b: [undefined] }) as Record<string, unknown>;
      expect(Object.keys(back)).toEqual(['a', 'b']);
      expect(back['b']).toEqual([undefined]);
    });
  });

  describe('when a value is not data', () => {
    it.each([
      ['a function', { f: () => 1 }, 'results.f'],
      // Issue 22: a Map and an invalid Date are now held; a user class stays refused.
      ['a class instance', { m: new (class Point {})() }, 'results.m'],
      ['a symbol', [Symbol('s')], 'results[0]'],
      ['a RegExp', { d: /x/ }, 'results.d'],
    ])('should refuse %s, naming where it is', (_what, value, where) => {
      expect(() => encodeTaggedJson(value, 'results')).toThrow(
        expect.objectContaining({
          code: 'SERIALIZATION_FAILED',
          message: expect.stringContaining(where),
        }),
      );
    });

    it('should refuse cycles and allow shared references', () => {
      const a: Record<string, unknown> = {};
      a['self'] = a;
      expect(() => encodeTaggedJson(a)).toThrow(/cycle/);
      const shared = { x: 1 };
      expect(cycle({ p: shared, q: shared })).toEqual({ p: { x: 1 }, q: { x: 1 } });
    });
  });
});

describe(decodeTaggedJson, () => {
  describe('when a stored tagged value is malformed', () => {
    it.each([
      ['a $bigint with letters', { $bigint: '12x' }],
      ['a $bigint in hex', { $bigint: '0x10' }],
      ['an empty $bigint', { $bigint: '' }],
      ['a $bigint that is a number', { $bigint: 12 }],
      ['a $date that is not a time', { $date: 'yesterday' }],
      ['a $date not in ISO form', { $date: '2026-01-01' }],
      ['a $number that is ordinary', { $number: '12' }],
      ['a $number named like a prototype key', { $number: 'constructor' }],
      ['an $escape holding a list', { $escape: [1] }],
    ])('should throw TAGGED_VALUE_INVALID for %s, never a SyntaxError', (_why, value) => {
      const error = expectStowageError(
        () => decodeTaggedJson({ deep: [value] }, 'results'),
        SerializationError,
        'TAGGED_VALUE_INVALID',
      );
      expect(error.message).toContain('results.deep[0]');
    });

    it('should refuse nesting deeper than the encoder writes, without a RangeError', () => {
      let deep: unknown = 1;
      for (let i = 0; i < 100_000; i++) deep = [deep];
      expectStowageError(() => decodeTaggedJson(deep), SerializationError, 'TAGGED_VALUE_INVALID');
    });
  });

  describe('when values sit at the deepest level the encoder allows', () => {
    it('should decode what was encoded', () => {
      let value: unknown = [12n, Number.NaN, new Date(0)];
      for (let i = 0; i < 99; i++) value = [value];
      expect(cycle(value)).toEqual(value);
      value = [12n, Number.NaN];
      for (let i = 0; i < 100; i++) value = [value];
      expect(cycle(value)).toEqual(value);
    });
  });
});
