import { Option } from '@stowage/core';

/** The Parquet compression codecs Stowage writes (`lz4` is LZ4_RAW, as pyarrow writes it). */
export const PARQUET_CODECS = ['snappy', 'zstd', 'gzip', 'brotli', 'lz4', 'none'] as const;

/** A Parquet compression codec name. */
export type ParquetCodec = (typeof PARQUET_CODECS)[number];

/** The table file formats: Parquet, or an Arrow IPC file (Feather v2, uncompressed). */
export const TABLE_FORMATS = ['parquet', 'arrow'] as const;

/** A table file format name. */
export type TableFormat = (typeof TABLE_FORMATS)[number];

/** Default rows per Parquet row group: small enough to stream, large enough to compress well. */
export const DEFAULT_ROW_GROUP_SIZE = 131_072;

/** Packing options of an Arrow `Table` as a `file`. */
export class TableFileOptions {
  /** `parquet` (default) or `arrow` (an Arrow IPC file, readable as Feather v2). */
  @Option({ allowed: [...TABLE_FORMATS], description: 'File format' })
  format = 'parquet';

  /**
   * Parquet compression: `snappy` (default, as pandas and pyarrow), `zstd`, `gzip`, `brotli`,
   * `lz4` or `none`. Arrow IPC files are written uncompressed (`auto` or `none` only).
   */
  @Option({ allowed: ['auto', ...PARQUET_CODECS], description: 'Compression codec' })
  compression = 'auto';

  /** Rows per Parquet row group (default 131,072); ignored for Arrow IPC files. */
  @Option({ description: 'Rows per Parquet row group' })
  rowGroupSize = DEFAULT_ROW_GROUP_SIZE;

  /** The columns to keep, in this order (default: every column). */
  @Option({ itemType: String, description: 'Columns to keep (default: all)' })
  columns: string[] = [];
}

/** Packing options of an Arrow `Table` as a `dataset`: the file options, preview and stats. */
export class TableDatasetOptions extends TableFileOptions {
  /** How many first rows the record keeps as its preview: 0 to 20 (default 20, the most). */
  @Option({ description: 'Rows kept in the preview (0-20)' })
  previewRows = 20;

  /** Compute per-column statistics while writing (default true). */
  @Option({ description: 'Compute per-column statistics' })
  stats = true;
}

/** The formats of an array of records as a `dataset`: core's csv and jsonl, and the table files. */
export const RECORDS_DATASET_FORMATS = ['csv', 'jsonl', ...TABLE_FORMATS] as const;

/**
 * Packing options of an array of records (or scalars) as a `dataset` once `@stowage/tables` is
 * imported: core's options (`format`, `previewRows`) plus the table file options, one set.
 *
 * @remarks
 * `format` stays `csv` by default, as without this package, so importing it changes no stored
 * bytes; `parquet` and `arrow` are asked for. `compression`, `rowGroupSize`, `columns` and
 * `stats` apply to `parquet` and `arrow` only: set with `csv` or `jsonl` they are `OPTIONS_INVALID`.
 */
export class RecordsDatasetOptions {
  /** `csv` (default, as core), `jsonl`, `parquet` or `arrow` (an Arrow IPC file). */
  @Option({ allowed: [...RECORDS_DATASET_FORMATS], description: 'File format' })
  format = 'csv';

  /** Parquet compression (see {@link TableFileOptions.compression}); parquet/arrow only. */
  @Option({ allowed: ['auto', ...PARQUET_CODECS], description: 'Compression codec (parquet)' })
  compression = 'auto';

  /** Rows per Parquet row group (default 131,072); parquet only. */
  @Option({ description: 'Rows per Parquet row group' })
  rowGroupSize = DEFAULT_ROW_GROUP_SIZE;

  /** The columns to keep, in this order (default: every column); parquet/arrow only. */
  @Option({ itemType: String, description: 'Columns to keep (default: all)' })
  columns: string[] = [];

  /** How many first rows the record keeps as its preview: 0 to 20 (default 20, the most). */
  @Option({ description: 'Rows kept in the preview (0-20)' })
  previewRows = 20;

  /** Compute per-column statistics while writing (default true). */
  @Option({ description: 'Compute per-column statistics' })
  stats = true;
}
