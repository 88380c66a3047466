import type { Table } from 'apache-arrow';
import { readArrowBytes, writeArrowBytes } from './arrow-ipc-io';
import { readParquetBytes, readParquetSchema, writeParquetBytes } from './parquet-io';
import { columnNotFound, tableInvalid } from './table-errors';
import { sniffTableFormat, type StoredTableFormat } from './table-format';
import { DEFAULT_ROW_GROUP_SIZE, type ParquetCodec, type TableFormat } from './table-options';

/** How {@link writeTable} writes a table; every field is optional. */
export interface WriteTableOptions {
  /** `parquet` (default) or `arrow` (uncompressed Arrow IPC file). */
  readonly format?: TableFormat;
  /** Parquet codec (default `snappy`). */
  readonly compression?: ParquetCodec;
  /** Rows per Parquet row group (default {@link DEFAULT_ROW_GROUP_SIZE}). */
  readonly rowGroupSize?: number;
}

/** How {@link readTable} reads a table; every field is optional. */
export interface ReadTableOptions {
  /** Only these columns, in this order (Parquet decodes only their column chunks). */
  readonly columns?: readonly string[];
  /** The stored format; found from the bytes' magic numbers when omitted. */
  readonly format?: StoredTableFormat;
  /** Where the bytes come from, for error messages (default `the table`). */
  readonly where?: string;
}

/**
 * Writes an Arrow table as Parquet or Arrow IPC file bytes, without stats or a record: the bare
 * codec call the packager uses.
 */
export function writeTable(table: Table, options: WriteTableOptions = {}): Uint8Array {
  if (options.format === 'arrow') return writeArrowBytes(table);
  return writeParquetBytes(table, {
    compression: options.compression ?? 'snappy',
    rowGroupSize: options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE,
  });
}

function checkColumns(where: string, wanted: readonly string[], have: readonly string[]): void {
  const missing = wanted.filter((c) => !have.includes(c));
  if (missing.length > 0) throw columnNotFound(where, missing, have, true);
}

/**
 * Reads Parquet, Arrow IPC file (Feather v2) or Arrow IPC stream bytes into an Arrow table.
 *
 * @throws UnpackingError `TABLE_COLUMN_NOT_FOUND` for a column the table lacks;
 * `TABLE_CODEC_UNSUPPORTED` for an Arrow IPC file compressed with lz4 or zstd; `FORMAT_INVALID`
 * for bytes that are not a table.
 */
export async function readTable(bytes: Uint8Array, options: ReadTableOptions = {}): Promise<Table> {
  const where = options.where ?? 'the table';
  const format = options.format ?? sniffTableFormat(bytes);
  if (format === undefined) throw tableInvalid(where, 'parquet or arrow', undefined);
  const columns = options.columns;
  if (format === 'parquet') {
    let names: string[];
    try {
      names = readParquetSchema(bytes).fields.map((f) => f.name);
    } catch (error) {
      throw tableInvalid(where, format, error);
    }
    if (columns !== undefined) checkColumns(where, columns, names);
    try {
      const table = await readParquetBytes(bytes, columns);
      return columns === undefined ? table : table.select([...columns]);
    } catch (error) {
      throw tableInvalid(where, format, error);
    }
  }
  const table = readArrowBytes(bytes, where);
  if (columns === undefined) return table;
  checkColumns(
    where,
    columns,
    table.schema.fields.map((f) => f.name),
  );
  return table.select([...columns]);
}
