import type { DatasetField } from '../artifacts/dataset.artifact';
import type { ColumnStats } from './column-stats.types';
import { countedStats, sketchStats } from './counted-stats';
import { RunningMoments } from './running-moments';
import { hashString, ValueSketch } from './value-sketch';

/** One column's running statistics, fed one cell at a time. */
interface ColumnAccumulator {
  add(v: unknown): void;
  stats(): Partial<ColumnStats>;
}

class NumberAccumulator implements ColumnAccumulator {
  private readonly m = new RunningMoments();
  add(v: unknown): void {
    if (typeof v === 'bigint') {
      this.m.add(Number(v));
      this.m.range(v);
    } else if (typeof v === 'number') {
      this.m.add(v);
      this.m.range(v);
    }
  }
  stats(): Partial<ColumnStats> {
    return this.m.stats();
  }
}

class DateAccumulator implements ColumnAccumulator {
  private readonly m = new RunningMoments();
  add(v: unknown): void {
    if (v instanceof Date) this.m.range(v.getTime());
  }
  stats(): Partial<ColumnStats> {
    const { min, max } = this.m;
    if (typeof min !== 'number' || typeof max !== 'number') return {};
    return { min: new Date(min).toISOString(), max: new Date(max).toISOString() };
  }
}

class StringAccumulator implements ColumnAccumulator {
  private readonly sketch = new ValueSketch<string>();
  add(v: unknown): void {
    if (typeof v !== 'string') return;
    const hash = hashString(v);
    if (this.sketch.add(hash)) this.sketch.label(hash, v);
  }
  stats(): Partial<ColumnStats> {
    return sketchStats(this.sketch);
  }
}

class BooleanAccumulator implements ColumnAccumulator {
  private trues = 0;
  private falses = 0;
  add(v: unknown): void {
    if (v === true) this.trues++;
    else if (v === false) this.falses++;
  }
  stats(): Partial<ColumnStats> {
    return countedStats(
      new Map<string | boolean, number>([
        [true, this.trues],
        [false, this.falses],
      ]),
    );
  }
}

const NONE: ColumnAccumulator = { add: () => undefined, stats: () => ({}) };

function accumulatorFor(type: string): ColumnAccumulator {
  switch (type) {
    case 'float64':
    case 'int64':
    case 'bigint':
      return new NumberAccumulator();
    case 'date':
      return new DateAccumulator();
    case 'string':
      return new StringAccumulator();
    case 'bool':
      return new BooleanAccumulator();
    default:
      return NONE;
  }
}

/**
 * The per-column statistics of an array of records, in one pass over the rows (see
 * {@link ColumnStats}); `fields` are the dataset's schema fields (core's type names). Cells of
 * another kind than the column's (a `json` column) count as values without further stats; an
 * invalid Date counts as a value and is left out of min/max.
 */
export function recordsStats(
  rows: readonly Record<string, unknown>[],
  fields: readonly DatasetField[],
): Record<string, ColumnStats> {
  const columns = fields.map((f) => ({ f, acc: accumulatorFor(f.type), nulls: 0 }));
  for (const row of rows)
    for (const c of columns) {
      const v = Object.hasOwn(row, c.f.name) ? row[c.f.name] : undefined;
      if (v === null || v === undefined) c.nulls++;
      else c.acc.add(v);
    }
  const out: Record<string, ColumnStats> = {};
  for (const c of columns) {
    const count = rows.length - c.nulls;
    out[c.f.name] = {
      type: c.f.type,
      count,
      nulls: c.nulls,
      ...(count > 0 ? c.acc.stats() : {}),
    };
  }
  return out;
}
