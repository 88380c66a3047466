import { EXACT_COUNT_LIMIT, ValueSketch } from '../../src/stats/value-sketch';

/** A sketch's observable state: distinct count and top values. */
function state(sketch: ValueSketch<string>): unknown {
  return { distinct: sketch.distinct(), top: sketch.top(10) };
}

/** Feeds `values` (small integers as hashes) one by one, or grouped with addMany. */
function feed(values: readonly number[], grouped: boolean): ValueSketch<string> {
  const sketch = new ValueSketch<string>();
  if (!grouped) {
    for (const v of values) if (sketch.add(v)) sketch.label(v, `v${v}`);
    return sketch;
  }
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  for (const [v, n] of counts) if (sketch.addMany(v, n)) sketch.label(v, `v${v}`);
  return sketch;
}

describe(ValueSketch, () => {
  describe('when values are added with addMany while counting is exact', () => {
    it('should give the same distinct count and top values as one add per value', () => {
      const values = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 300);
      expect(state(feed(values, true))).toEqual(state(feed(values, false)));
      expect(feed(values, true).exactRoom()).toBe(EXACT_COUNT_LIMIT - 300);
    });
  });

  describe('when counting is no longer exact', () => {
    it('should add one by one (Misra–Gries), and report no exact room', () => {
      const sketch = new ValueSketch<string>();
      for (let v = 0; v <= EXACT_COUNT_LIMIT; v++) sketch.add(v + 1);
      expect(sketch.exactRoom()).toBe(0);
      const twin = new ValueSketch<string>();
      for (let v = 0; v <= EXACT_COUNT_LIMIT; v++) twin.add(v + 1);
      sketch.addMany(5, 40);
      for (let i = 0; i < 40; i++) twin.add(5);
      expect(state(sketch)).toEqual(state(twin));
    });
  });
});
