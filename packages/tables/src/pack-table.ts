import type { DataType, Schema, Table } from 'apache-arrow';
import {
  Artifact,
  DatasetArtifact,
  type ArtifactOutput,
  type DataItem,
  type Instructions,
} from '@stowage/core';
import { arrowTypeName } from './arrow-type-name';
import { tableStats } from './column-stats';
import { datasetFieldsOf, previewOf } from './dataset-record';
import { readRowGroups } from './parquet-io';
import {
  codecNotWritable,
  columnNotFound,
  invalidTableOption,
  typeNotWritable,
} from './table-errors';
import { isStoredTableFormat } from './table-format';
import { readTable, writeTable, type WriteTableOptions } from './table-io';
import type {
  ParquetCodec,
  TableDatasetOptions,
  TableFileOptions,
  TableFormat,
} from './table-options';

/** The largest row group size accepted (Parquet counts rows in 32-bit integers). */
const MAX_ROW_GROUP_SIZE = 2 ** 31 - 1;

/** Table file options checked against a schema. @internal */
export interface ResolvedOptions {
  readonly format: TableFormat;
  readonly compression: ParquetCodec;
  readonly rowGroupSize: number;
  readonly columns: readonly string[];
}

/**
 * Checks table file options against the schema they apply to (codec, row group size, columns).
 * @internal
 */
export function resolveTableOptions(
  schema: Schema,
  key: string,
  options: TableFileOptions,
): ResolvedOptions {
  const format = options.format as TableFormat;
  let compression = options.compression as ParquetCodec | 'auto';
  if (compression === 'auto') compression = format === 'parquet' ? 'snappy' : 'none';
  if (format === 'arrow' && (compression === 'lz4' || compression === 'zstd'))
    throw codecNotWritable(key, compression);
  if (format === 'arrow' && compression !== 'none')
    throw invalidTableOption(
      key,
      'compression',
      compression,
      '"none" or "auto" for format=arrow (Arrow IPC files are written uncompressed)',
    );
  const size = options.rowGroupSize;
  if (!Number.isInteger(size) || size < 1 || size > MAX_ROW_GROUP_SIZE)
    throw invalidTableOption(
      key,
      'rowGroupSize',
      size,
      `a whole number from 1 to ${MAX_ROW_GROUP_SIZE}`,
    );
  const have = schema.fields.map((f) => f.name);
  const missing = options.columns.filter((c) => !have.includes(c));
  if (missing.length > 0) throw columnNotFound(`"${key}"`, missing, have, false);
  if (new Set(options.columns).size !== options.columns.length)
    throw invalidTableOption(key, 'columns', options.columns, 'a list of distinct column names');
  return { format, compression, rowGroupSize: size, columns: options.columns };
}

function write(table: Table, key: string, options: WriteTableOptions): Uint8Array {
  try {
    return writeTable(table, options);
  } catch (error) {
    // Find the column the writer refuses: write each one alone, on one row.
    for (let i = 0; i < table.numCols; i++) {
      const field = table.schema.fields[i];
      if (field === undefined) continue;
      try {
        writeTable(table.selectAt([i]).slice(0, 1), options);
      } catch {
        throw typeNotWritable(
          key,
          field.name,
          arrowTypeName(field.type as DataType),
          options.format ?? 'parquet',
          error,
        );
      }
    }
    throw typeNotWritable(key, '(all)', 'the table', options.format ?? 'parquet', error);
  }
}

/** The preview size asked, checked (0 to 20). @internal */
export function previewCount(key: string, n: number): number {
  if (Number.isInteger(n) && n >= 0) return Math.min(n, DatasetArtifact.maxPreviewRows);
  throw invalidTableOption(
    key,
    'previewRows',
    n,
    `a whole number from 0 to ${DatasetArtifact.maxPreviewRows}`,
  );
}

/** A file name stem from an artifact key. @internal */
export function fileStem(key: string): string {
  const stem = key.replace(/[^\w.-]+/g, '_').replace(/^\.+/, '_');
  return stem === '' ? 'data' : stem.slice(0, 100);
}

/**
 * Packs an Arrow table as a Parquet or Arrow IPC file: a `DatasetArtifact` with schema, row
 * count, preview and per-column stats when `dataset` options are given, else a plain `Artifact`.
 * @internal
 *
 * @throws OptionsError `OPTIONS_INVALID` for a bad row group size, preview size or codec,
 * `TABLE_CODEC_UNSUPPORTED` for lz4 or zstd with `format=arrow`;
 * `TABLE_COLUMN_NOT_FOUND` for a column to keep that the table lacks.
 * @throws PackingError `TABLE_TYPE_UNSUPPORTED` naming the column the writer refuses.
 */
export async function packTable(
  value: Table,
  key: string,
  options: TableFileOptions,
  dataset: TableDatasetOptions | undefined,
): Promise<ArtifactOutput> {
  const o = resolveTableOptions(value.schema, key, options);
  const previewRows = dataset === undefined ? 0 : previewCount(key, dataset.previewRows);
  const table = o.columns.length > 0 ? value.select([...o.columns]) : value;
  const body = write(table, key, o);
  const rowGroups = o.format === 'parquet' ? await readRowGroups(body) : undefined;
  const instructions: Instructions = {
    format: o.format,
    compression: o.compression,
    rowCount: table.numRows,
    ...(rowGroups === undefined ? {} : { rowGroups }),
  };
  const init = { key, body, fileName: `${fileStem(key)}.${o.format}`, format: o.format };
  if (dataset === undefined) return { artifact: new Artifact(init), instructions };
  const artifact = new DatasetArtifact({
    ...init,
    schema: { fields: datasetFieldsOf(table) },
    rowCount: table.numRows,
    preview: previewOf(table, previewRows),
    ...(dataset.stats ? { stats: tableStats(table) } : {}),
  });
  return { artifact, instructions };
}

/** Options of {@link unpackTable}. */
export interface UnpackTableOptions {
  /** Only these columns, in this order (Parquet decodes only their column chunks). */
  readonly columns?: readonly string[];
}

/**
 * Reads a stored table (an artifact packed by `ArrowTablePackager`, or any Parquet / Arrow IPC
 * file) into an Arrow table, optionally only some columns.
 *
 * @remarks
 * The manager's `unpack` reads every column; call this with the same data item to read a subset.
 * The whole file is read (and its hash checked) before decoding.
 * @throws UnpackingError `TABLE_COLUMN_NOT_FOUND`, `TABLE_CODEC_UNSUPPORTED`, `FORMAT_INVALID`.
 */
export async function unpackTable(
  item: DataItem,
  options: UnpackTableOptions = {},
): Promise<Table> {
  const recorded = item.meta?.packaging?.instructions['format'] ?? item.meta?.format;
  const bytes = await item.get();
  return readTable(bytes, {
    ...(isStoredTableFormat(recorded) ? { format: recorded } : {}),
    ...(options.columns === undefined ? {} : { columns: options.columns }),
    where: `"${item.key}"`,
  });
}
