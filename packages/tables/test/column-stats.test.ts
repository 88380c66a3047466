import {
  Bool,
  DateDay,
  Dictionary,
  Float16,
  Float64,
  Int32,
  LargeUtf8,
  Null,
  TimestampNanosecond,
  Uint64,
  Utf8,
  makeVector,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { ValueSketch, hashBytes, sketchStats } from '@stowage/core';
import { columnStats, tableStats } from '../src/column-stats';
import { sampleTable } from './helpers/sample-table';

describe(columnStats, () => {
  describe('when the column holds floats with nulls and NaN', () => {
    it('should count nulls and NaN apart and leave NaN out of min, max, mean and std', () => {
      const stats = columnStats(vectorFromArray([1, null, NaN, 3, 5, null], new Float64()));
      expect(stats).toEqual({
        type: 'float64',
        count: 4,
        nulls: 2,
        nans: 1,
        min: 1,
        max: 5,
        mean: 3,
        std: 2,
      });
    });

    it('should write infinities as text, which JSON can hold', () => {
      const stats = columnStats(vectorFromArray([1, Infinity], new Float64()));
      expect(stats).toMatchObject({ max: 'Infinity', mean: 'Infinity' });
    });
  });

  describe('when the column holds 64-bit integers', () => {
    it('should keep min and max exact, as text past 2^53', () => {
      const stats = columnStats(makeVector(BigUint64Array.from([2n ** 63n + 5n, 2n ** 63n, 7n])));
      expect(stats).toMatchObject({ type: 'uint64', count: 3, min: 7, max: '9223372036854775813' });
      expect(typeof stats.mean).toBe('number');
      expect(columnStats(vectorFromArray([1n, null], new Uint64()))).toMatchObject({
        nulls: 1,
        min: 1,
        max: 1,
        std: 0,
      });
    });
  });

  describe('when the column is float16', () => {
    it('should read the half floats, not their raw words', () => {
      expect(columnStats(vectorFromArray([1.5, -2, null], new Float16()))).toMatchObject({
        min: -2,
        max: 1.5,
        mean: -0.25,
      });
    });
  });

  describe('when the column holds strings', () => {
    it('should count distinct values exactly and list the top values by count', () => {
      const values = ['a', 'b', 'b', 'c', 'c', 'c', null, 'ü€'];
      for (const type of [new Utf8(), new LargeUtf8()]) {
        expect(columnStats(vectorFromArray(values, type))).toEqual({
          type: type instanceof Utf8 ? 'string' : 'large_string',
          count: 7,
          nulls: 1,
          distinct: 4,
          distinctExact: true,
          top: [
            { value: 'c', count: 3 },
            { value: 'b', count: 2 },
            { value: 'a', count: 1 },
            { value: 'ü€', count: 1 },
          ],
          topExact: true,
        });
      }
    });

    it('should estimate the distinct count past 100,000 values, within 5 %', () => {
      const n = 150_000;
      const stats = columnStats(
        vectorFromArray(
          Array.from({ length: n }, (_, i) => `v${i % 120_000}`),
          new Utf8(),
        ),
      );
      expect(stats.distinctExact).toBe(false);
      expect(Math.abs((stats.distinct as number) - 120_000) / 120_000).toBeLessThan(0.05);
    });

    it('should count the top values exactly up to 16,384 distinct values', () => {
      const values = Array.from({ length: 30_000 }, (_, i) => `v${i % 1000}`);
      const stats = columnStats(vectorFromArray(values, new Utf8()));
      expect(stats).toMatchObject({ distinct: 1000, distinctExact: true, topExact: true });
      expect(stats.top?.map((t) => t.count)).toEqual([30, 30, 30, 30, 30]);
    });

    it('should find a frequent value among many rare ones, with a lower-bound count', () => {
      const n = 80_000;
      const values = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 'hot' : `cold ${i}`));
      const stats = columnStats(vectorFromArray(values, new Utf8()));
      expect(stats.topExact).toBe(false);
      expect(stats.top?.[0]?.value).toBe('hot');
      expect(stats.top?.[0]?.count).toBeLessThanOrEqual(n / 4);
      expect(stats.top?.[0]?.count).toBeGreaterThan(n / 4 - n / 257);
    });
  });

  describe('when the column is a dictionary (categorical) or bool', () => {
    it('should count each category and each truth value exactly', () => {
      const cat = vectorFromArray(
        ['x', 'y', 'x', null, 'x'],
        new Dictionary(new Utf8(), new Int32()),
      );
      expect(columnStats(cat)).toMatchObject({
        count: 4,
        nulls: 1,
        distinct: 2,
        top: [
          { value: 'x', count: 3 },
          { value: 'y', count: 1 },
        ],
      });
      expect(columnStats(vectorFromArray([true, false, true, null], new Bool()))).toMatchObject({
        type: 'bool',
        count: 3,
        distinct: 2,
        top: [
          { value: true, count: 2 },
          { value: false, count: 1 },
        ],
      });
    });
  });

  describe('when the column holds dates or timestamps', () => {
    it('should give min and max as ISO text with every digit', () => {
      const ts = makeVector({
        type: new TimestampNanosecond('Europe/Paris'),
        data: BigInt64Array.from([1_767_323_045_678_901_234n, -1n]),
        length: 2,
      } as never);
      expect(columnStats(ts)).toEqual({
        type: 'timestamp[ns, tz=Europe/Paris]',
        count: 2,
        nulls: 0,
        min: '1969-12-31T23:59:59.999999999Z',
        max: '2026-01-02T03:04:05.678901234Z',
      });
      expect(
        columnStats(vectorFromArray([Date.UTC(2026, 0, 3), Date.UTC(2025, 11, 31)], new DateDay())),
      ).toMatchObject({
        min: '2025-12-31',
        max: '2026-01-03',
      });
    });
  });

  describe('when the column is all null, or of another type', () => {
    it('should give only the type, count and nulls', () => {
      expect(columnStats(vectorFromArray([null, null], new Null()))).toEqual({
        type: 'null',
        count: 0,
        nulls: 2,
      });
      expect(columnStats(vectorFromArray([null, null], new Float64()))).toEqual({
        type: 'float64',
        count: 0,
        nulls: 2,
      });
    });
  });

  describe('when the table has several record batches', () => {
    it('should give the same stats as one batch', () => {
      const table = sampleTable(40);
      const batched = table.slice(0, 13).concat(table.slice(13, 27), table.slice(27));
      expect(batched.batches.length).toBe(3);
      expect(tableStats(batched)).toEqual(tableStats(table));
    });
  });

  describe('when a string column is counted chunk by chunk', () => {
    /** The stats of `values` fed to a sketch one value at a time, from their UTF-8 bytes. */
    function oneByOne(values: readonly (string | null)[]): unknown {
      const sketch = new ValueSketch<string>();
      for (const v of values) {
        if (v === null) continue;
        const bytes = Buffer.from(v, 'utf8');
        const hash = hashBytes(bytes, 0, bytes.length);
        if (sketch.add(hash)) sketch.label(hash, v);
      }
      return sketchStats(sketch);
    }
    /** `values` as a Utf8 column in chunks of `size`. */
    function chunked(values: readonly (string | null)[], size: number): Vector<Utf8> {
      const parts: Vector<Utf8>[] = [];
      for (let at = 0; at < values.length; at += size)
        parts.push(vectorFromArray(values.slice(at, at + size), new Utf8()));
      return parts.reduce((a, b) => a.concat(b));
    }
    const cases: Array<[string, (string | null)[], number]> = [
      [
        'few distinct values',
        Array.from({ length: 30_000 }, (_, i) => (i % 11 === 0 ? null : `k${(i * 7) % 97}`)),
        7000,
      ],
      [
        'a chunk too varied to count apart',
        Array.from({ length: 12_000 }, (_, i) => `u${i % 6000}`),
        12_000,
      ],
      [
        'more distinct values than exact counting keeps',
        Array.from({ length: 60_000 }, (_, i) => (i < 20_000 ? `a${i % 50}` : `b${i}`)),
        10_000,
      ],
    ];
    it.each(cases)(
      'should give the same distinct and top values as value by value (%s)',
      (_, values, size) => {
        const stats = columnStats(chunked(values, size));
        expect(stats).toMatchObject(oneByOne(values) as Record<string, unknown>);
      },
    );

    it('should add each distinct value of a repetitive chunk to the sketch once', () => {
      const add = jest.spyOn(ValueSketch.prototype, 'add');
      try {
        const values = Array.from({ length: 100_000 }, (_, i) => `name-${i % 10}`);
        const stats = columnStats(chunked(values, 50_000));
        expect(stats.distinct).toBe(10);
        expect(stats.top?.[0]?.count).toBe(10_000);
        expect(add.mock.calls.length).toBe(20);
      } finally {
        add.mockRestore();
      }
    });
  });
});
