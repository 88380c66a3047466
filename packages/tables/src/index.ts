// Public API of @stowage/tables. Named exports only; importing it registers ArrowTablePackager,
// RecordsDatasetPackager and RecordBatchStreamPackager.
export { ArrowTablePackager } from './arrow-table.packager';
export { RecordsDatasetPackager, RECORDS_DATASET_PACKAGER } from './records-dataset.packager';
export {
  RecordBatchStreamPackager,
  RECORD_BATCH_STREAM_PACKAGER,
} from './record-batch-stream.packager';
export type { RecordBatchSource } from './pack-batch-stream';
export type { RecordsColumn, RecordsColumnKind } from './records-table';
export {
  TableDatasetOptions,
  TableFileOptions,
  PARQUET_CODECS,
  TABLE_FORMATS,
  DEFAULT_ROW_GROUP_SIZE,
  RecordsDatasetOptions,
  RECORDS_DATASET_FORMATS,
} from './table-options';
export type { ParquetCodec, TableFormat } from './table-options';
export { readTable, writeTable } from './table-io';
export type { ReadTableOptions, WriteTableOptions } from './table-io';
export { unpackTable } from './pack-table';
export type { UnpackTableOptions } from './pack-table';
export { streamTable, streamRecordBatches, DEFAULT_STREAM_BATCH_SIZE } from './stream-table';
export type { StreamTableOptions } from './stream-table';
export { sniffTableFormat } from './table-format';
export type { StoredTableFormat } from './table-format';
export { tableStats, columnStats } from './column-stats';
export type { ColumnStats, TopValueStats } from './column-stats';
export { arrowTypeName } from './arrow-type-name';
export type { RowGroupInfo } from './parquet-io';
export { TABLES_PACKAGE_VERSIONS } from './package-versions';
export { TABLE_ERROR_CODES } from './table-error-codes';
export type { TableErrorCode, TableErrorCodes } from './table-error-codes';
