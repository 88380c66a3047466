import { DataType, DateUnit, Precision, type Data, type Table, type Vector } from 'apache-arrow';
import { arrowTypeName } from './arrow-type-name';
import { timestampIso } from './cell-json';
import {
  countedStats,
  hashBytes,
  RunningMoments as Moments,
  sketchStats,
  ValueSketch,
  type ColumnStats,
} from '@stowage/core';

export type { ColumnStats, TopValueStats } from '@stowage/core';

type Valid = ((i: number) => boolean) | undefined;

function validity(data: Data<DataType>): Valid {
  const bits = data.nullBitmap;
  if (data.nullCount <= 0 || bits === undefined || bits.length === 0) return undefined;
  const offset = data.offset;
  return (i) => ((bits[(offset + i) >> 3] as number) & (1 << ((offset + i) & 7))) !== 0;
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
  return sketchStats(sketch);
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
