import { DataType, DateUnit, Precision, type Data, type Table, type Vector } from 'apache-arrow';
import { arrowTypeName } from './arrow-type-name';
import { timestampIso } from './cell-json';
import { hashBytes, ValueSketch } from './value-sketch';

/** One frequent value of a column and how many rows hold it. */
export interface TopValueStats {
  readonly value: string | boolean;
  readonly count: number;
}

/**
 * Statistics of one column, JSON-safe, computed in one pass when a table is packed.
 *
 * @remarks
 * `count` is the number of non-null values (NaN counts as a value, and is also counted in
 * `nans`). Numbers (integers and floats) get `min`, `max`, `mean` and `std` (sample standard
 * deviation, as pandas' `describe`), NaN excluded; 64-bit integers outside the safe range are
 * written as text. Dates and timestamps get `min`/`max` as ISO text. Strings, dictionaries
 * (categoricals) and booleans get `distinct` and the `top` values; `distinctExact` and `topExact`
 * say whether those are exact or estimates (see `ValueSketch` in value-sketch.ts).
 */
export interface ColumnStats {
  readonly type: string;
  readonly count: number;
  readonly nulls: number;
  readonly nans?: number;
  readonly min?: number | string;
  readonly max?: number | string;
  readonly mean?: number | string;
  readonly std?: number | string;
  readonly distinct?: number;
  readonly distinctExact?: boolean;
  readonly top?: readonly TopValueStats[];
  readonly topExact?: boolean;
}

type Valid = ((i: number) => boolean) | undefined;

function validity(data: Data<DataType>): Valid {
  const bits = data.nullBitmap;
  if (data.nullCount <= 0 || bits === undefined || bits.length === 0) return undefined;
  const offset = data.offset;
  return (i) => ((bits[(offset + i) >> 3] as number) & (1 << ((offset + i) & 7))) !== 0;
}

function json(n: number | bigint): number | string {
  if (typeof n === 'bigint')
    return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(n)
      : n.toString();
  return Number.isFinite(n) ? n : String(n);
}

/**
 * Running count, mean and variance (sums shifted by the first value, for accuracy), with min and
 * max; NaN is counted apart.
 */
class Moments {
  n = 0;
  nans = 0;
  shift = 0;
  sum = 0;
  sumSquares = 0;
  min: number | bigint | undefined;
  max: number | bigint | undefined;

  add(x: number): void {
    if (x !== x) {
      this.nans++;
      return;
    }
    if (this.n === 0) this.shift = x;
    this.n++;
    const d = x - this.shift;
    this.sum += d;
    this.sumSquares += d * d;
  }

  range(x: number | bigint): void {
    if (x !== x) return;
    if (this.min === undefined || x < this.min) this.min = x;
    if (this.max === undefined || x > this.max) this.max = x;
  }

  stats(): Partial<ColumnStats> {
    if (this.n === 0) return this.nans > 0 ? { nans: this.nans } : {};
    const mean = this.shift + this.sum / this.n;
    const variance =
      this.n > 1
        ? Math.max(0, (this.sumSquares - (this.sum * this.sum) / this.n) / (this.n - 1))
        : 0;
    return {
      ...(this.nans > 0 ? { nans: this.nans } : {}),
      min: json(this.min ?? 0),
      max: json(this.max ?? 0),
      mean: json(mean),
      std: json(Math.sqrt(variance)),
    };
  }
}

/**
 * Min and max of 64-bit values: compared as doubles (fast), and exactly as BigInts only when the
 * doubles tie.
 */
class BigRange {
  min: bigint | undefined;
  max: bigint | undefined;
  private low = Infinity;
  private high = -Infinity;

  add(values: BigInt64Array | BigUint64Array, at: number, x: number): void {
    if (x < this.low || (x === this.low && (values[at] as bigint) < (this.min as bigint))) {
      this.low = x;
      this.min = values[at];
    }
    if (x > this.high || (x === this.high && (values[at] as bigint) > (this.max as bigint))) {
      this.high = x;
      this.max = values[at];
    }
  }
}

function numberStats(vector: Vector<DataType>): Partial<ColumnStats> {
  const m = new Moments();
  const type = vector.type;
  const half = DataType.isFloat(type) && type.precision === Precision.HALF;
  const range = new BigRange();
  let base = 0;
  for (const data of vector.data) {
    const valid = validity(data);
    const values = data.values as ArrayLike<number | bigint>;
    const big = values instanceof BigInt64Array || values instanceof BigUint64Array;
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && !valid(i)) continue;
      if (big) {
        const x = Number(values[i]);
        m.add(x);
        range.add(values, i, x);
        continue;
      }
      // float16 is stored as raw 16-bit words: let Arrow convert it.
      const x = half ? (vector.get(base + i) as number) : (values[i] as number);
      m.range(x);
      m.add(x);
    }
    base += data.length;
  }
  if (range.min !== undefined) m.range(range.min);
  if (range.max !== undefined) m.range(range.max);
  return m.stats();
}

function temporalStats(vector: Vector<DataType>): Partial<ColumnStats> {
  const m = new Moments();
  const range = new BigRange();
  const type = vector.type;
  for (const data of vector.data) {
    const valid = validity(data);
    const values = data.values as ArrayLike<number | bigint>;
    const big = values instanceof BigInt64Array;
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && !valid(i)) continue;
      if (big) range.add(values, i, Number(values[i]));
      else m.range(values[i] as number);
    }
  }
  if (range.min !== undefined) m.range(range.min);
  if (range.max !== undefined) m.range(range.max);
  if (m.min === undefined || m.max === undefined) return {};
  const iso = (v: number | bigint): string => {
    if (DataType.isTimestamp(type)) return timestampIso(BigInt(v), type.unit);
    const day = DataType.isDate(type) && type.unit === DateUnit.DAY;
    const text = new Date(Number(v) * (day ? 86_400_000 : 1)).toISOString();
    return day ? text.slice(0, 10) : text;
  };
  return { min: iso(m.min), max: iso(m.max) };
}

function stringStats(vector: Vector<DataType>): Partial<ColumnStats> {
  const sketch = new ValueSketch<string>();
  const decoder = new TextDecoder();
  for (const data of vector.data) {
    const valid = validity(data);
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const bytes = data.values as Uint8Array;
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && !valid(i)) continue;
      const start = Number(offsets[i]);
      const end = Number(offsets[i + 1]);
      const hash = hashBytes(bytes, start, end);
      if (sketch.add(hash)) sketch.label(hash, decoder.decode(bytes.subarray(start, end)));
    }
  }
  const { distinct, exact } = sketch.distinct();
  const top = sketch.top();
  return {
    distinct,
    distinctExact: exact,
    top: top.top.map((t) => ({ value: t.label, count: t.count })),
    topExact: top.exact,
  };
}

function countedStats(counts: Map<string | boolean, number>): Partial<ColumnStats> {
  const top = [...counts]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([value, count]) => ({ value, count }));
  const distinct = [...counts.values()].filter((n) => n > 0).length;
  return { distinct, distinctExact: true, top, topExact: true };
}

function dictionaryStats(vector: Vector<DataType>): Partial<ColumnStats> {
  const counts = new Map<string | boolean, number>();
  for (const data of vector.data) {
    const valid = validity(data);
    const indices = data.values as ArrayLike<number | bigint>;
    const perIndex = new Map<number, number>();
    for (let i = 0; i < data.length; i++)
      if (valid === undefined || valid(i)) {
        const k = Number(indices[i]);
        perIndex.set(k, (perIndex.get(k) ?? 0) + 1);
      }
    for (const [k, n] of perIndex) {
      const value = data.dictionary?.get(k) as unknown;
      const label = typeof value === 'boolean' ? value : String(value);
      counts.set(label, (counts.get(label) ?? 0) + n);
    }
  }
  return countedStats(counts);
}

function boolStats(vector: Vector<DataType>): Partial<ColumnStats> {
  let trues = 0;
  let count = 0;
  for (const data of vector.data) {
    const valid = validity(data);
    const bits = data.values as Uint8Array;
    const offset = data.offset;
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && !valid(i)) continue;
      count++;
      if (((bits[(offset + i) >> 3] as number) & (1 << ((offset + i) & 7))) !== 0) trues++;
    }
  }
  return countedStats(
    new Map<string | boolean, number>([
      [true, trues],
      [false, count - trues],
    ]),
  );
}

function kindStats(vector: Vector<DataType>): Partial<ColumnStats> {
  const type = vector.type;
  if (DataType.isInt(type) || DataType.isFloat(type)) return numberStats(vector);
  if (DataType.isTimestamp(type) || DataType.isDate(type)) return temporalStats(vector);
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return stringStats(vector);
  if (DataType.isDictionary(type)) return dictionaryStats(vector);
  if (DataType.isBool(type)) return boolStats(vector);
  return {};
}

/** The statistics of one Arrow column; see {@link ColumnStats}. */
export function columnStats(vector: Vector<DataType>): ColumnStats {
  const nulls = DataType.isNull(vector.type) ? vector.length : vector.nullCount;
  return {
    type: arrowTypeName(vector.type),
    count: vector.length - nulls,
    nulls,
    ...(vector.length - nulls > 0 ? kindStats(vector) : {}),
  };
}

/** The statistics of every column of `table`, by column name. */
export function tableStats(table: Table): Record<string, ColumnStats> {
  const out: Record<string, ColumnStats> = {};
  table.schema.fields.forEach((field, i) => {
    const column = table.getChildAt<DataType>(i);
    if (column !== null) out[field.name] = columnStats(column);
  });
  return out;
}
