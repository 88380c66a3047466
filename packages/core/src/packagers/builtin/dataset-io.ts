import { DatasetArtifact, type DatasetField } from '../../artifacts/dataset.artifact';
import type { DataItem } from '../../data/data-item';
import { OptionsError } from '../../errors/options.error';
import { PackingError } from '../../errors/packing.error';
import { UnpackingError } from '../../errors/unpacking.error';
import { inferColumns, type CsvColumn, type CsvColumnType } from '../../formats/csv-columns';
import { decodeCsv, encodeCsv } from '../../formats/csv.format';
import { structuredFormatOf } from '../../formats/structured-format';
import { decodeTypedJsonl, encodeTypedJsonl } from '../../formats/typed-jsonl.format';
import type { Instructions } from '../../types';
import type { ArtifactOutput } from '../pack-context';
import { recordsStats } from '../../stats/records-stats';
import { safeFileStem } from './builtin-io';
import type { DatasetOptions } from './structured-file.options';
import { isPlainObject } from '../../objects';

/** The column a dataset of scalars is stored in (`[1, 2]` is stored as `{ value: 1 }, …`). */
export const DATASET_VALUE_COLUMN = 'value';

/** The schema type of each column type (`number` becomes `int64` when every value is one). */
const SCHEMA_TYPES: Readonly<Record<CsvColumnType, string>> = {
  number: 'float64',
  string: 'string',
  boolean: 'bool',
  date: 'date',
  bigint: 'bigint',
  json: 'json',
};

function isScalar(v: unknown): boolean {
  if (v === null || v === undefined || v instanceof Date) return true;
  return ['number', 'string', 'boolean', 'bigint'].includes(typeof v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (isPlainObject(v)) return 'a record';
  if (isScalar(v)) return `a scalar (${v === null ? 'null' : typeof v})`;
  if (typeof v !== 'object') return `a ${typeof v}`;
  return `an instance of ${(v as { constructor?: { name?: string } }).constructor?.name ?? 'a class'}`;
}

function notTabular(key: string, index: number, reason: string): PackingError {
  return new PackingError(
    `Cannot pack "${key}" as a dataset: element [${index}] is ${reason}; a dataset is an array of plain records or an array of scalars.`,
    {
      code: 'DATASET_NOT_TABULAR',
      details: { key, index, reason },
      fix: 'Pass an array of plain records ([{ a: 1, b: "x" }]) or of scalars (numbers, strings, booleans, bigints, Dates, null); log other arrays as "file" (json, yaml) or "object".',
    },
  );
}

/**
 * The rows of an array packed as a dataset: its records, or its scalars wrapped as
 * `{ value: … }`.
 *
 * @throws PackingError (`DATASET_NOT_TABULAR`) for holes, nested arrays, class instances, or
 * records mixed with scalars.
 */
export function datasetRows(
  value: readonly unknown[],
  key: string,
): { rows: Record<string, unknown>[]; scalars: boolean } {
  for (let i = 0; i < value.length; i++) if (!(i in value)) throw notTabular(key, i, 'a hole');
  const scalars = value.length > 0 && !isPlainObject(value[0]);
  const fits = scalars ? isScalar : isPlainObject;
  const bad = value.findIndex((v) => !fits(v));
  if (bad >= 0) {
    const what = describe(value[bad]);
    throw notTabular(
      key,
      bad,
      fits === isScalar && isPlainObject(value[bad]) ? `${what} among scalars` : what,
    );
  }
  if (!scalars) return { rows: value as Record<string, unknown>[], scalars };
  return { rows: value.map((v) => ({ [DATASET_VALUE_COLUMN]: v })), scalars };
}

function cell(row: Record<string, unknown>, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(row, name) ? row[name] : undefined;
}

/**
 * The schema of the rows: each column's type from the values it holds (`int64` for whole
 * numbers), nullable when a value is `null` or missing.
 */
export function datasetFields(rows: readonly Record<string, unknown>[]): DatasetField[] {
  return inferColumns(rows, { forCsv: false }).map((c) => {
    let nullable = c.nullable;
    let whole = c.type === 'number';
    for (const row of rows) {
      const v = cell(row, c.name);
      if (v === undefined || v === null) nullable = true;
      else if (whole && !(Number.isSafeInteger(v) && !Object.is(v, -0))) whole = false;
    }
    return { name: c.name, type: whole ? 'int64' : SCHEMA_TYPES[c.type], nullable };
  });
}

/** A preview row the record can hold (an invalid Date is shown as the text `Invalid Date`). */
function previewRow(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v instanceof Date && Number.isNaN(v.getTime()) ? 'Invalid Date' : v,
    ]),
  );
}

function previewCount(options: DatasetOptions, key: string): number {
  const n = options.previewRows;
  if (Number.isInteger(n) && n >= 0) return Math.min(n, DatasetArtifact.maxPreviewRows);
  throw new OptionsError(
    `The option previewRows of "${key} : dataset" is ${String(n)}, not a whole number from 0 to ${DatasetArtifact.maxPreviewRows}.`,
    {
      code: 'OPTIONS_INVALID',
      details: { key, option: 'previewRows', value: n },
      fix: `Set previewRows to a whole number from 0 to ${DatasetArtifact.maxPreviewRows} (0 keeps no preview).`,
    },
  );
}

/**
 * Packs an array of records or scalars as a {@link DatasetArtifact} (CSV or JSON lines) with its
 * schema, row count, preview and per-column stats (unless `stats` is false). @internal
 *
 * @remarks
 * The typed columns CSV infers are recorded in the instructions (`columns`, `rowCount`, as for a
 * `file[format=csv]`), plus `valueColumn` for an array of scalars.
 * @throws PackingError (`DATASET_NOT_TABULAR`, `FORMAT_NOT_EXACT`) for values that are not tables.
 * @throws OptionsError (`OPTIONS_INVALID`) for a negative or fractional `previewRows`.
 */
export function packDataset(
  value: readonly unknown[],
  key: string,
  options: DatasetOptions,
): ArtifactOutput {
  const { rows, scalars } = datasetRows(value, key);
  const previewRows = previewCount(options, key);
  const format = options.format === 'jsonl' ? 'jsonl' : 'csv';
  let bytes: Uint8Array;
  let columns: readonly CsvColumn[];
  if (format === 'csv') {
    ({ bytes, columns } = encodeCsv(rows));
  } else {
    columns = inferColumns(rows, { forCsv: false });
    bytes = encodeTypedJsonl(rows, columns);
  }
  const fields = datasetFields(rows);
  const artifact = new DatasetArtifact({
    key,
    body: bytes,
    fileName: `${safeFileStem(key)}.${format}`,
    format,
    schema: { fields },
    ...(options.stats === false ? {} : { stats: recordsStats(rows, fields) }),
    rowCount: rows.length,
    preview: rows.slice(0, previewRows).map(previewRow),
  });
  const instructions: Instructions = { format, columns, rowCount: rows.length };
  return {
    artifact,
    instructions: scalars ? { ...instructions, valueColumn: DATASET_VALUE_COLUMN } : instructions,
  };
}

/**
 * Reads a dataset written by {@link packDataset} back into an array, typed by its recorded
 * columns; a CSV or JSON-lines dataset from elsewhere reads as strings / parsed JSON. @internal
 *
 * @throws UnpackingError (`FORMAT_UNKNOWN`, `FORMAT_INVALID`) for a format other than csv or
 * jsonl, or bytes that do not parse.
 */
export async function unpackDataset(
  item: DataItem,
  instructions: Instructions,
): Promise<unknown[]> {
  const format = structuredFormatOf(
    instructions['format'] ?? item.meta?.format,
    item.meta?.fileName ?? item.key,
  );
  const recorded = instructions['columns'];
  const columns = Array.isArray(recorded) ? (recorded as CsvColumn[]) : undefined;
  let rows: Record<string, unknown>[];
  if (format === 'csv') rows = decodeCsv(await item.get(), instructions, item.key);
  else if (format === 'jsonl') rows = decodeTypedJsonl(await item.get(), columns, item.key);
  else
    throw new UnpackingError(`The dataset ${item.key} is not stored as csv or jsonl.`, {
      code: 'FORMAT_UNKNOWN',
      details: { where: item.key, format: instructions['format'] ?? item.meta?.format },
      fix: 'Unpack it with the packager that wrote it, or store the dataset as csv or jsonl.',
    });
  const column = instructions['valueColumn'];
  return typeof column === 'string' ? rows.map((row) => cell(row, column)) : rows;
}
