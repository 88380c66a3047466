import { RecordBatch, RecordBatchReader, Table } from 'apache-arrow';
import { buildOptionsSchema, resolveOptions } from '@stowage/core/internal';
import {
  Packager,
  type DataItem,
  type FullControlPackager,
  type Instructions,
  type PackableType,
  type PackContext,
  type PackOutput,
  type UnpackContext,
} from '@stowage/core';
import { isRecordBatchSource, packBatchStream, type RecordBatchSource } from './pack-batch-stream';
import { TABLES_PACKAGE_VERSIONS } from './package-versions';
import { streamRecordBatches } from './stream-table';
import { isStoredTableFormat } from './table-format';
import { readTable } from './table-io';
import { TableDatasetOptions, TableFileOptions } from './table-options';

/** The stable name of {@link RecordBatchStreamPackager}, as packaging records hold it. */
export const RECORD_BATCH_STREAM_PACKAGER = 'stowage.tables.RecordBatchStreamPackager';

const DATASET_SCHEMA = buildOptionsSchema(TableDatasetOptions, RECORD_BATCH_STREAM_PACKAGER);
const FILE_SCHEMA = buildOptionsSchema(TableFileOptions, RECORD_BATCH_STREAM_PACKAGER);

/**
 * Packs a stream of apache-arrow `RecordBatch`es (a `RecordBatchReader`, or any async iterable or
 * sync iterator of batches logged as `dataset` or `file`) as one Parquet or Arrow IPC file with
 * bounded memory, and unpacks it as an async iterable of batches (or, asked for `Table`, whole).
 *
 * @remarks
 * Registered by importing `@stowage/tables`. The stream is consumed by packing: each batch is
 * written and counted into the record (row count, preview, stats) as it passes, so memory holds
 * about one batch and one Parquet row group, not the table. A `RecordBatchReader` is taken with
 * or without a log hint; another async iterable or iterator only with `dataset` or `file` (so core keeps what it
 * packs today). Same options as an Arrow `Table`. See `docs/tables.md`.
 *
 * @example
 * ```ts
 * import '@stowage/tables';
 * async function* batches() { yield batchA; yield batchB; }
 * await manager.pack(batches(), 'events : dataset[rowGroupSize=65536]');
 * for await (const batch of (await manager.unpack(item)) as AsyncIterable<RecordBatch>) use(batch);
 * ```
 */
@Packager({
  type: Object,
  name: RECORD_BATCH_STREAM_PACKAGER,
  priority: 4,
  packSubclasses: true,
  packageVersions: TABLES_PACKAGE_VERSIONS,
})
export class RecordBatchStreamPackager implements FullControlPackager<RecordBatchSource> {
  /**
   * Packs a `RecordBatchReader` (as `dataset` or `file`, or with no type), or another async
   * iterable or iterator (not an array, typed array, Map, Set or Node stream) asked for as
   * `dataset` or `file`.
   */
  isPackable(value: unknown, artifactType: string | undefined): boolean {
    if (value instanceof RecordBatchReader)
      return artifactType === undefined || artifactType === 'dataset' || artifactType === 'file';
    return (artifactType === 'dataset' || artifactType === 'file') && isRecordBatchSource(value);
  }

  /** Unpacks a dataset or file into batches (no type hint) or a whole `Table`. */
  isUnpackable(typeHint: PackableType | undefined, artifactType: string | undefined): boolean {
    return (
      (artifactType === undefined || artifactType === 'dataset' || artifactType === 'file') &&
      (typeHint === undefined || typeHint === Object || typeHint === Table)
    );
  }

  /** Always `dataset`. */
  defaultPackingArtifactType(): string {
    return 'dataset';
  }

  /** The recorded type, else `dataset`. */
  defaultUnpackingArtifactType(): string {
    return 'dataset';
  }

  /** Writes the batches as one file, with the record gathered on the way. */
  async pack(
    value: RecordBatchSource,
    key: string,
    artifactType: string,
    raw: Readonly<Record<string, unknown>>,
    ctx: PackContext,
  ): Promise<PackOutput> {
    const dataset = artifactType === 'dataset';
    const o = resolveOptions(dataset ? DATASET_SCHEMA : FILE_SCHEMA, raw, {
      packager: RECORD_BATCH_STREAM_PACKAGER,
      artifactType,
    }) as TableDatasetOptions;
    return packBatchStream(value, key, o, dataset ? o : undefined, ctx);
  }

  /** The stored batches as an async iterable (bounded memory for Parquet), or a whole table. */
  async unpack(
    item: DataItem,
    _artifactType: string,
    instructions: Instructions,
    ctx: UnpackContext,
  ): Promise<AsyncIterable<RecordBatch> | Table> {
    if (ctx.typeHint === Table) {
      const recorded = instructions['format'] ?? item.meta?.format;
      return readTable(await item.get(), {
        ...(isStoredTableFormat(recorded) ? { format: recorded } : {}),
        where: `"${item.key}"`,
      });
    }
    return streamRecordBatches(item);
  }
}
