import {
  Bool,
  Dictionary,
  Float64,
  Int32,
  Table,
  TimestampMicrosecond,
  Utf8,
  makeVector,
  vectorFromArray,
} from 'apache-arrow';

/** A small table with every common kind of column and a null in each (row i % 5 === k). */
export function sampleTable(rows = 50): Table {
  const idx = Array.from({ length: rows }, (_, i) => i);
  const nul = <T>(k: number, v: T, i: number): T | null => (i % 5 === k ? null : v);
  return new Table({
    id: makeVector(BigInt64Array.from(idx, (i) => BigInt(i) + 9_007_199_254_740_990n)),
    x: vectorFromArray(
      idx.map((i) => nul(1, i === 7 ? NaN : i * 0.5, i)),
      new Float64(),
    ),
    n: vectorFromArray(
      idx.map((i) => nul(2, i - 10, i)),
      new Int32(),
    ),
    s: vectorFromArray(
      idx.map((i) => nul(3, `name ${i % 4} ü`, i)),
      new Utf8(),
    ),
    b: vectorFromArray(
      idx.map((i) => nul(4, i % 3 === 0, i)),
      new Bool(),
    ),
    cat: vectorFromArray(
      idx.map((i) => ['red', 'green', 'blue'][i % 3] as string),
      new Dictionary(new Utf8(), new Int32()),
    ),
    ts: vectorFromArray(
      idx.map((i) => nul(0, 1_767_323_045_678 + i * 1000, i)),
      new TimestampMicrosecond('UTC'),
    ),
    big: makeVector(BigInt64Array.from(idx, (i) => BigInt(i) * 1_000_000_000_000n)),
  });
}

/** Every column of `table` as plain arrays of values (for value-by-value comparisons). */
export function columnsOf(table: Table): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  table.schema.fields.forEach((f, i) => {
    const v = table.getChildAt(i);
    out[f.name] = v === null ? [] : Array.from({ length: v.length }, (_, r) => v.get(r) as unknown);
  });
  return out;
}
