import { decodeTaggedJson, encodeTaggedJson } from '../../src/runs/tagged-json';

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

    it('should drop undefined fields like JSON', () => {
      expect(cycle({ a: undefined, b: [undefined] })).toEqual({ b: [null] });
    });
  });

  describe('when a value is not data', () => {
    it.each([
      ['a function', { f: () => 1 }, 'results.f'],
      ['a class instance', { m: new Map() }, 'results.m'],
      ['a symbol', [Symbol('s')], 'results[0]'],
      ['an invalid date', { d: new Date('nope') }, 'results.d'],
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
