import { recordsStats } from '../../src/stats/records-stats';
import { RunningMoments } from '../../src/stats/running-moments';
import { EXACT_DISTINCT_LIMIT } from '../../src/stats/value-sketch';

describe(recordsStats, () => {
  describe('when the rows hold every column type core writes', () => {
    it('should give count, nulls, numeric moments, date range and string/boolean top values', () => {
      const rows = [
        { x: 1, big: 2n ** 60n, s: 'a', b: true, d: new Date(0), j: [1] },
        { x: 3, big: -1n, s: 'a', b: false, d: new Date(86_400_000), j: null },
        { x: NaN, s: 'b', b: true, d: null },
        { x: null, big: 0n, s: null, b: true, d: new Date(Number.NaN) },
      ];
      const stats = recordsStats(rows, [
        { name: 'x', type: 'float64', nullable: true },
        { name: 'big', type: 'bigint', nullable: true },
        { name: 's', type: 'string', nullable: true },
        { name: 'b', type: 'bool', nullable: false },
        { name: 'd', type: 'date', nullable: true },
        { name: 'j', type: 'json', nullable: true },
      ]);
      expect(stats['x']).toEqual({
        type: 'float64',
        count: 3,
        nulls: 1,
        nans: 1,
        min: 1,
        max: 3,
        mean: 2,
        std: Math.SQRT2,
      });
      expect(stats['big']).toMatchObject({
        count: 3,
        nulls: 1,
        min: -1,
        max: '1152921504606846976',
      });
      expect(stats['s']).toEqual({
        type: 'string',
        count: 3,
        nulls: 1,
        distinct: 2,
        distinctExact: true,
        top: [
          { value: 'a', count: 2 },
          { value: 'b', count: 1 },
        ],
        topExact: true,
      });
      expect(stats['b']).toMatchObject({
        distinct: 2,
        top: [
          { value: true, count: 3 },
          { value: false, count: 1 },
        ],
      });
      expect(stats['d']).toEqual({
        type: 'date',
        count: 3,
        nulls: 1,
        min: '1970-01-01T00:00:00.000Z',
        max: '1970-01-02T00:00:00.000Z',
      });
      expect(stats['j']).toEqual({ type: 'json', count: 1, nulls: 3 });
    });
  });

  describe('when a string column has more distinct values than are counted exactly', () => {
    it('should estimate distinct within 5 % and say so', () => {
      const n = EXACT_DISTINCT_LIMIT + 20_000;
      const rows = Array.from({ length: n }, (_, i) => ({ s: `v${i}` }));
      const s = recordsStats(rows, [{ name: 's', type: 'string', nullable: false }])['s'];
      expect(s?.distinctExact).toBe(false);
      expect(Math.abs((s?.distinct ?? 0) - n) / n).toBeLessThan(0.05);
    });
  });
});

describe(RunningMoments, () => {
  describe('when values are large and close together', () => {
    it('should keep the variance accurate by shifting by the first value', () => {
      const m = new RunningMoments();
      for (const x of [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]) {
        m.add(x);
        m.range(x);
      }
      expect(m.stats()).toEqual({
        min: 1e9 + 4,
        max: 1e9 + 16,
        mean: 1e9 + 10,
        std: Math.sqrt(30),
      });
    });
  });
});
