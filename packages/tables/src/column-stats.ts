import {
  DataType,
  DateUnit,
  makeVector,
  Precision,
  type Data,
  type Table,
  type Vector,
} from 'apache-arrow';
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

/** What one kind of column accumulates, chunk by chunk. */
interface KindAccumulator {
  add(data: Data<DataType>): void;
  stats(): Partial<ColumnStats>;
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

  add(value: bigint, x: number): void {
    if (x < this.low || (x === this.low && value < (this.min as bigint))) {
      this.low = x;
      this.min = value;
    }
    if (x > this.high || (x === this.high && value > (this.max as bigint))) {
      this.high = x;
      this.max = value;
    }
  }
}

/** 2^32, to rebuild a 64-bit integer as a double from its two 32-bit halves. */
const TWO_32 = 4294967296;
/** Past this magnitude, two 64-bit integers may share a double. */
const EXACT_DOUBLE = 2 ** 53;

/**
 * Min and max of one chunk of 64-bit integers without reading them as BigInts: each value is
 * rebuilt as a double from its 32-bit halves (the same rounding as `Number(bigint)`); only the
 * extremes are read as BigInts, and ties past 2^53 are compared exactly.
 */
function bigChunk(
  values: BigInt64Array | BigUint64Array,
  valid: Valid,
  range: BigRange,
  moments: Moments | undefined,
): void {
  const words = new Int32Array(values.buffer, values.byteOffset, values.length * 2);
  const unsigned = values instanceof BigUint64Array;
  let lowAt = -1;
  let highAt = -1;
  let low = Infinity;
  let high = -Infinity;
  let n = moments?.n ?? 0;
  let shift = moments?.shift ?? 0;
  let sum = moments?.sum ?? 0;
  let squares = moments?.sumSquares ?? 0;
  for (let i = 0; i < values.length; i++) {
    if (valid !== undefined && !valid(i)) continue;
    const hi = words[2 * i + 1] as number;
    const x = (unsigned ? hi >>> 0 : hi) * TWO_32 + ((words[2 * i] as number) >>> 0);
    if (x < low || (x === low && Math.abs(x) >= EXACT_DOUBLE && values[i]! < values[lowAt]!)) {
      low = x;
      lowAt = i;
    }
    if (x > high || (x === high && Math.abs(x) >= EXACT_DOUBLE && values[i]! > values[highAt]!)) {
      high = x;
      highAt = i;
    }
    if (moments !== undefined) {
      if (n === 0) shift = x;
      n++;
      const d = x - shift;
      sum += d;
      squares += d * d;
    }
  }
  if (moments !== undefined) {
    moments.n = n;
    moments.shift = shift;
    moments.sum = sum;
    moments.sumSquares = squares;
  }
  if (lowAt >= 0) range.add(values[lowAt] as bigint, low);
  if (highAt >= 0) range.add(values[highAt] as bigint, high);
}

/** Moments and range of one chunk of plain numbers, in local variables (NaN counted apart). */
function numberChunk(values: ArrayLike<number>, length: number, valid: Valid, m: Moments): void {
  let n = m.n;
  let nans = m.nans;
  let shift = m.shift;
  let sum = m.sum;
  let squares = m.sumSquares;
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < length; i++) {
    if (valid !== undefined && !valid(i)) continue;
    const x = values[i] as number;
    if (x !== x) {
      nans++;
      continue;
    }
    if (x < low) low = x;
    if (x > high) high = x;
    if (n === 0) shift = x;
    n++;
    const d = x - shift;
    sum += d;
    squares += d * d;
  }
  m.n = n;
  m.nans = nans;
  m.shift = shift;
  m.sum = sum;
  m.sumSquares = squares;
  if (low <= high) {
    // -0 and 0 compare equal: keep the first seen, as a value-by-value range would.
    m.range(low);
    m.range(high);
  }
}

class NumberAccumulator implements KindAccumulator {
  private readonly m = new Moments();
  private readonly big = new BigRange();

  constructor(private readonly half: boolean) {}

  add(data: Data<DataType>): void {
    const valid = validity(data);
    const values = data.values as ArrayLike<number | bigint>;
    if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
      bigChunk(values.subarray(0, data.length), valid, this.big, this.m);
      return;
    }
    if (this.half) {
      // float16 is stored as raw 16-bit words: let Arrow convert it.
      const vector = makeVector(data);
      const converted = new Float64Array(data.length);
      for (let i = 0; i < data.length; i++) converted[i] = (vector.get(i) as number | null) ?? NaN;
      numberChunk(converted, data.length, valid, this.m);
      return;
    }
    numberChunk(values as ArrayLike<number>, data.length, valid, this.m);
  }

  stats(): Partial<ColumnStats> {
    if (this.big.min !== undefined) this.m.range(this.big.min);
    if (this.big.max !== undefined) this.m.range(this.big.max);
    return this.m.stats();
  }
}

class TemporalAccumulator implements KindAccumulator {
  private readonly m = new Moments();
  private readonly big = new BigRange();

  constructor(private readonly type: DataType) {}

  add(data: Data<DataType>): void {
    const valid = validity(data);
    const values = data.values as ArrayLike<number | bigint>;
    if (values instanceof BigInt64Array) {
      bigChunk(values.subarray(0, data.length), valid, this.big, undefined);
      return;
    }
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && !valid(i)) continue;
      this.m.range(values[i] as number);
    }
  }

  stats(): Partial<ColumnStats> {
    const m = this.m;
    if (this.big.min !== undefined) m.range(this.big.min);
    if (this.big.max !== undefined) m.range(this.big.max);
    if (m.min === undefined || m.max === undefined) return {};
    const type = this.type;
    const iso = (v: number | bigint): string => {
      if (DataType.isTimestamp(type)) return timestampIso(BigInt(v), type.unit);
      const day = DataType.isDate(type) && type.unit === DateUnit.DAY;
      const text = new Date(Number(v) * (day ? 86_400_000 : 1)).toISOString();
      return day ? text.slice(0, 10) : text;
    };
    return { min: iso(m.min), max: iso(m.max) };
  }
}

/** Slots of the chunk-local count table of a string column (a power of two). */
const LOCAL_SLOTS = 8192;
/** The most distinct values a chunk is counted apart for (half the slots: short probes). */
const LOCAL_DISTINCT = LOCAL_SLOTS / 2;

/**
 * Strings are hashed from their UTF-8 bytes (decoded only when kept as a top value). While the
 * sketch counts exactly and a chunk has few distinct values, the chunk is first counted in a
 * small open-addressing table of typed arrays, then added to the sketch once per distinct value
 * (`addMany`): the same result as value by value, at a fraction of the cost for repetitive
 * columns. Otherwise (many distinct values) values go to the sketch one by one.
 */
class StringAccumulator implements KindAccumulator {
  private readonly sketch = new ValueSketch<string>();
  private readonly decoder = new TextDecoder();
  private readonly keys = new Float64Array(LOCAL_SLOTS);
  private readonly counts = new Int32Array(LOCAL_SLOTS);
  private readonly firsts = new Int32Array(LOCAL_SLOTS);
  private readonly used = new Int32Array(LOCAL_DISTINCT);

  add(data: Data<DataType>): void {
    if (this.sketch.exactRoom() >= LOCAL_DISTINCT && this.addCounted(data)) return;
    const valid = validity(data);
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const bytes = data.values as Uint8Array;
    const sketch = this.sketch;
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && !valid(i)) continue;
      const start = Number(offsets[i]);
      const end = Number(offsets[i + 1]);
      const hash = hashBytes(bytes, start, end);
      if (sketch.add(hash)) sketch.label(hash, this.decoder.decode(bytes.subarray(start, end)));
    }
  }

  /** Counts the chunk apart, then adds it to the sketch; false (nothing added) when too varied. */
  private addCounted(data: Data<DataType>): boolean {
    const valid = validity(data);
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const bytes = data.values as Uint8Array;
    const { keys, counts, firsts, used } = this;
    const mask = LOCAL_SLOTS - 1;
    let distinct = 0;
    let fits = true;
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && !valid(i)) continue;
      const hash = hashBytes(bytes, Number(offsets[i]), Number(offsets[i + 1]));
      let slot = hash & mask;
      while (counts[slot] !== 0 && keys[slot] !== hash) slot = (slot + 1) & mask;
      if (counts[slot] === 0) {
        if (distinct === LOCAL_DISTINCT) {
          fits = false;
          break;
        }
        keys[slot] = hash;
        firsts[slot] = i;
        used[distinct++] = slot;
      }
      counts[slot] = (counts[slot] as number) + 1;
    }
    const sketch = this.sketch;
    for (let k = 0; k < distinct; k++) {
      const slot = used[k] as number;
      if (fits) {
        const hash = keys[slot] as number;
        if (sketch.addMany(hash, counts[slot] as number)) {
          const i = firsts[slot] as number;
          const text = bytes.subarray(Number(offsets[i]), Number(offsets[i + 1]));
          sketch.label(hash, this.decoder.decode(text));
        }
      }
      counts[slot] = 0;
    }
    return fits;
  }

  stats(): Partial<ColumnStats> {
    return sketchStats(this.sketch);
  }
}

class DictionaryAccumulator implements KindAccumulator {
  private readonly counts = new Map<string | boolean, number>();

  add(data: Data<DataType>): void {
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
      this.counts.set(label, (this.counts.get(label) ?? 0) + n);
    }
  }

  stats(): Partial<ColumnStats> {
    return countedStats(this.counts);
  }
}

class BoolAccumulator implements KindAccumulator {
  private trues = 0;
  private count = 0;

  add(data: Data<DataType>): void {
    const valid = validity(data);
    const bits = data.values as Uint8Array;
    const offset = data.offset;
    let trues = 0;
    let count = 0;
    for (let i = 0; i < data.length; i++) {
      if (valid !== undefined && !valid(i)) continue;
      count++;
      if (((bits[(offset + i) >> 3] as number) & (1 << ((offset + i) & 7))) !== 0) trues++;
    }
    this.trues += trues;
    this.count += count;
  }

  stats(): Partial<ColumnStats> {
    return countedStats(
      new Map<string | boolean, number>([
        [true, this.trues],
        [false, this.count - this.trues],
      ]),
    );
  }
}

function kindAccumulator(type: DataType): KindAccumulator | undefined {
  if (DataType.isInt(type)) return new NumberAccumulator(false);
  if (DataType.isFloat(type)) return new NumberAccumulator(type.precision === Precision.HALF);
  if (DataType.isTimestamp(type) || DataType.isDate(type)) return new TemporalAccumulator(type);
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type)) return new StringAccumulator();
  if (DataType.isDictionary(type)) return new DictionaryAccumulator();
  if (DataType.isBool(type)) return new BoolAccumulator();
  return undefined;
}

/**
 * The statistics of one column, gathered chunk by chunk (a table's chunks, or the batches of a
 * stream), so a stream's stats are those of the whole column without holding it.
 * @internal
 */
export class ColumnStatsAccumulator {
  private length = 0;
  private nulls = 0;
  private readonly kind: KindAccumulator | undefined;

  constructor(private readonly type: DataType) {
    this.kind = kindAccumulator(type);
  }

  /** Adds one chunk of the column. */
  add(data: Data<DataType>): void {
    this.length += data.length;
    const nulls = DataType.isNull(this.type) ? data.length : Math.max(0, data.nullCount);
    this.nulls += nulls;
    if (data.length - nulls > 0) this.kind?.add(data);
  }

  /** The column's stats so far. */
  stats(): ColumnStats {
    return {
      type: arrowTypeName(this.type),
      count: this.length - this.nulls,
      nulls: this.nulls,
      ...(this.length - this.nulls > 0 && this.kind !== undefined ? this.kind.stats() : {}),
    };
  }
}

/** The statistics of one Arrow column; see {@link ColumnStats}. */
export function columnStats(vector: Vector<DataType>): ColumnStats {
  const acc = new ColumnStatsAccumulator(vector.type);
  for (const data of vector.data) acc.add(data);
  return acc.stats();
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
