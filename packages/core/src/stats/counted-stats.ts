import type { ColumnStats } from './column-stats.types';
import type { ValueSketch } from './value-sketch';

/** `distinct` and `top` from exact counts per value (booleans, categoricals); zero counts left out. */
export function countedStats(counts: Map<string | boolean, number>): Partial<ColumnStats> {
  const top = [...counts]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([value, count]) => ({ value, count }));
  const distinct = [...counts.values()].filter((n) => n > 0).length;
  return { distinct, distinctExact: true, top, topExact: true };
}

/** `distinct` and `top` from a `ValueSketch` of strings, with their exactness flags. */
export function sketchStats(sketch: ValueSketch<string>): Partial<ColumnStats> {
  const { distinct, exact } = sketch.distinct();
  const top = sketch.top();
  return {
    distinct,
    distinctExact: exact,
    top: top.top.map((t) => ({ value: t.label, count: t.count })),
    topExact: top.exact,
  };
}
