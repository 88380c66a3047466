import {
  Bool,
  DataType,
  Float64,
  Int64,
  Null,
  Table,
  TimestampMillisecond,
  Utf8,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { PackingError } from '@stowage/core';

/** What a records column holds, so unpacking gives back the same JavaScript values. */
export type RecordsColumnKind = 'number' | 'bigint' | 'date' | 'string' | 'boolean' | 'null';

/**
 * How one column of an array of records is stored: its kind, and whether its empty cells were
 * `null` or missing keys (Parquet and Arrow have only null, so a column may hold one or the other).
 */
export interface RecordsColumn {
  readonly name: string;
  readonly kind: RecordsColumnKind;
  readonly empty: 'null' | 'missing';
}

type Row = Record<string, unknown>;

/** A UTF-16 surrogate not paired (UTF-8 cannot hold it). */
const LONE_SURROGATE = /\p{Surrogate}/u;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function kindOf(v: unknown): RecordsColumnKind | undefined {
  switch (typeof v) {
    case 'number':
      return 'number';
    case 'bigint':
      return 'bigint';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    default:
      return v instanceof Date ? 'date' : undefined;
  }
}

function describeValue(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object' && v !== null)
    return `an object (${(v as { constructor?: { name?: string } }).constructor?.name ?? 'Object'})`;
  return `a ${typeof v}`;
}

/** A column the chosen table format cannot hold exactly. @internal */
export function recordsNotWritable(
  key: string,
  column: string,
  row: number | undefined,
  reason: string,
  format: string,
): PackingError {
  const at = row === undefined ? '' : ` (row ${row})`;
  return new PackingError(
    `Cannot write "${key}" as ${format}: column "${column}"${at} ${reason}, which ${format} cannot hold exactly.`,
    {
      code: 'TABLE_TYPE_UNSUPPORTED',
      details: { key, column, ...(row === undefined ? {} : { row }), reason, format },
      fix: 'Make every value of the column one kind (number, bigint, string, boolean or a valid Date) with only null or only missing cells, drop it with the columns option, or log the array as format=csv or jsonl.',
    },
  );
}

/** The column names of the rows, in first-seen order. */
export function recordsColumnNames(rows: readonly Row[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const name in row) if (Object.hasOwn(row, name)) names.add(name);
  return [...names];
}

/**
 * One column of the rows as an Arrow vector, checking that it holds one kind of value and only
 * one kind of empty cell (`null` or a missing key; a key holding `undefined` counts as missing).
 */
function columnOf(
  rows: readonly Row[],
  name: string,
  key: string,
  format: string,
): { column: RecordsColumn; vector: Vector } {
  let kind: RecordsColumnKind | undefined;
  let nulls = -1;
  let missing = -1;
  const values: unknown[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = (rows[i] as Row)[name];
    if (v === null || v === undefined) {
      if (v === null) nulls = nulls < 0 ? i : nulls;
      else missing = missing < 0 ? i : missing;
      values[i] = null;
      continue;
    }
    const k = kindOf(v);
    if (k === undefined)
      throw recordsNotWritable(key, name, i, `holds ${describeValue(v)}`, format);
    if (kind === undefined) kind = k;
    else if (k !== kind)
      throw recordsNotWritable(key, name, i, `mixes ${kind} and ${k} values`, format);
    if (k === 'date') {
      const t = (v as Date).getTime();
      if (Number.isNaN(t)) throw recordsNotWritable(key, name, i, 'holds an Invalid Date', format);
      values[i] = t;
    } else if (k === 'bigint') {
      if ((v as bigint) < INT64_MIN || (v as bigint) > INT64_MAX)
        throw recordsNotWritable(key, name, i, 'holds a bigint outside 64 bits', format);
      values[i] = v;
    } else if (k === 'string') {
      if (LONE_SURROGATE.test(v as string))
        throw recordsNotWritable(key, name, i, 'holds a string with a lone surrogate', format);
      values[i] = v;
    } else values[i] = v;
  }
  if (nulls >= 0 && missing >= 0)
    throw recordsNotWritable(
      key,
      name,
      Math.max(nulls, missing),
      'has both null values and missing keys',
      format,
    );
  const column: RecordsColumn = {
    name,
    kind: kind ?? 'null',
    empty: missing >= 0 ? 'missing' : 'null',
  };
  return { column, vector: vectorFromArray(values, arrowTypeOf(column.kind)) as Vector };
}

function arrowTypeOf(kind: RecordsColumnKind): DataType {
  switch (kind) {
    case 'number':
      return new Float64();
    case 'bigint':
      return new Int64();
    case 'date':
      return new TimestampMillisecond();
    case 'string':
      return new Utf8();
    case 'boolean':
      return new Bool();
    default:
      return new Null();
  }
}

/**
 * An array of plain records as an Arrow table that holds its values exactly: numbers as float64
 * (NaN, ±Infinity and -0 kept), bigints as int64, Dates as timestamp[ms], strings as utf8,
 * booleans as bool, an all-empty column as null.
 *
 * @throws PackingError `TABLE_TYPE_UNSUPPORTED` naming the column (and row) that mixes kinds,
 * holds a nested value, an Invalid Date, a bigint past 64 bits, a lone surrogate, or both `null`
 * and missing cells.
 */
export function recordsToTable(
  rows: readonly Row[],
  names: readonly string[],
  key: string,
  format: string,
): { table: Table; columns: RecordsColumn[] } {
  const vectors: Record<string, Vector> = {};
  const columns: RecordsColumn[] = [];
  for (const name of names) {
    const { column, vector } = columnOf(rows, name, key, format);
    vectors[name] = vector;
    columns.push(column);
  }
  return { table: new Table(vectors), columns };
}

function isRecordsColumn(v: unknown): v is RecordsColumn {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return typeof c['name'] === 'string' && typeof c['kind'] === 'string';
}

/** The recorded columns of an instructions value, or `undefined` when absent or malformed. */
export function recordedColumns(value: unknown): RecordsColumn[] | undefined {
  return Array.isArray(value) && value.every(isRecordsColumn) ? value : undefined;
}

/** The kind a column of a table written elsewhere reads as. */
function kindOfType(type: DataType): RecordsColumnKind | undefined {
  if (DataType.isTimestamp(type) || DataType.isDate(type)) return 'date';
  if (DataType.isInt(type) && type.bitWidth === 64) return 'bigint';
  return undefined;
}

function cellOf(vector: Vector, i: number, kind: RecordsColumnKind | undefined): unknown {
  const v: unknown = vector.get(i);
  if (v === null || v === undefined) return null;
  if (kind === 'date') {
    if (v instanceof Date) return v;
    return new Date(Number(v));
  }
  if (kind === 'bigint') return typeof v === 'bigint' ? v : BigInt(v as number);
  return v;
}

/**
 * The rows of a table as plain records: with the recorded columns, the same values and empty
 * cells as were packed; without (a file written elsewhere), 64-bit integers as bigints,
 * timestamps and dates as Dates, every other value as apache-arrow reads it, empty cells as null.
 */
export function tableToRecords(
  table: Table,
  recorded: readonly RecordsColumn[] | undefined,
): Row[] {
  const byName = new Map((recorded ?? []).map((c) => [c.name, c]));
  const columns = table.schema.fields.map((f, i) => {
    const column = byName.get(f.name);
    return {
      name: f.name,
      vector: table.getChildAt(i) as Vector,
      kind: column?.kind ?? kindOfType(f.type as DataType),
      skipEmpty: column?.empty === 'missing',
    };
  });
  const rows = new Array<Row>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: Row = {};
    for (const c of columns) {
      const v = cellOf(c.vector, r, c.kind);
      if (v !== null || !c.skipEmpty) row[c.name] = v;
    }
    rows[r] = row;
  }
  return rows;
}
