import { openAsBlob } from 'node:fs';
import { join } from 'node:path';
import { type FileHandle, open as openFile } from 'node:fs/promises';
import {
  RecordBatch,
  RecordBatchFileWriter,
  Table,
  type DataType,
  type Schema,
} from 'apache-arrow';
import {
  Artifact,
  DatasetArtifact,
  type ArtifactOutput,
  type Instructions,
  type PackContext,
} from '@stowage/core';
import { arrowTypeName } from './arrow-type-name';
import { ColumnStatsAccumulator, type ColumnStats } from './column-stats';
import { datasetFieldsOf, previewOf } from './dataset-record';
import { parquetByteStream, readRowGroups } from './parquet-io';
import { fileStem, previewCount, resolveTableOptions, type ResolvedOptions } from './pack-table';
import { streamInvalid, typeNotWritable } from './table-errors';
import type { TableDatasetOptions, TableFileOptions } from './table-options';

/** A source of record batches: an async iterable (an async generator, a `RecordBatchReader`…). */
export type RecordBatchSource = AsyncIterable<unknown> | Iterable<unknown>;

/**
 * Whether `value` can be read as a source of record batches: an async iterable, or a sync
 * iterator (a generator): never an array, a typed array, a Map or Set (iterables, but not
 * iterators), nor a Node stream.
 */
export function isRecordBatchSource(value: unknown): value is RecordBatchSource {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as { pipe?: unknown; next?: unknown; [k: symbol]: unknown };
  if (typeof v.pipe === 'function') return false;
  if (typeof v[Symbol.asyncIterator] === 'function') return true;
  return typeof v[Symbol.iterator] === 'function' && typeof v.next === 'function';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== '' && name !== 'Object'
    ? `a ${name}`
    : 'a plain object';
}

function schemaText(schema: Schema): string {
  return schema.fields.map((f) => `${f.name}: ${arrowTypeName(f.type as DataType)}`).join(', ');
}

/** What the pass over the batches gathers for the record, batch by batch. */
class StreamRecord {
  rows = 0;
  batches = 0;
  private readonly accumulators: ColumnStatsAccumulator[] | undefined;
  private readonly previewBatches: RecordBatch[] = [];
  private previewHeld = 0;

  constructor(
    readonly schema: Schema,
    readonly previewRows: number,
    withStats: boolean,
  ) {
    this.accumulators = withStats
      ? schema.fields.map((f) => new ColumnStatsAccumulator(f.type as DataType))
      : undefined;
  }

  add(batch: RecordBatch): void {
    this.rows += batch.numRows;
    this.batches += 1;
    if (this.previewHeld < this.previewRows && batch.numRows > 0) {
      const part = batch.slice(0, this.previewRows - this.previewHeld);
      this.previewBatches.push(part);
      this.previewHeld += part.numRows;
    }
    if (this.accumulators === undefined) return;
    this.accumulators.forEach((acc, i) => {
      const child = batch.getChildAt<DataType>(i);
      if (child !== null) for (const data of child.data) acc.add(data);
    });
  }

  preview(): Record<string, unknown>[] {
    if (this.previewBatches.length === 0) return [];
    return previewOf(new Table(this.schema, this.previewBatches), this.previewRows);
  }

  stats(): Record<string, ColumnStats> | undefined {
    if (this.accumulators === undefined) return undefined;
    const out: Record<string, ColumnStats> = {};
    this.schema.fields.forEach((f, i) => {
      out[f.name] = (this.accumulators as ColumnStatsAccumulator[])[i]!.stats();
    });
    return out;
  }
}

/**
 * The batches of `source`, checked (each a RecordBatch with the first one's schema), narrowed to
 * the kept columns and added to `record` as they pass.
 */
async function* checkedBatches(
  iterator: AsyncIterator<unknown> | Iterator<unknown>,
  first: RecordBatch,
  key: string,
  columns: readonly string[],
  record: StreamRecord,
): AsyncGenerator<RecordBatch> {
  const expected = schemaText(first.schema);
  // By index: apache-arrow 21's RecordBatch.select loses the order asked for.
  const names = first.schema.fields.map((f) => f.name);
  const indices = columns.map((c) => names.indexOf(c));
  let batch: RecordBatch = first;
  for (let index = 0; ; index++) {
    if (index > 0) {
      const next = await iterator.next();
      if (next.done === true) return;
      if (!(next.value instanceof RecordBatch))
        throw streamInvalid(
          key,
          `batch ${index} is ${describe(next.value)}, not a RecordBatch`,
          index,
        );
      batch = next.value;
      const got = schemaText(batch.schema);
      if (got !== expected)
        throw streamInvalid(
          key,
          `batch ${index} has the columns (${got}), but the first batch had (${expected})`,
          index,
        );
    }
    const kept = columns.length > 0 ? batch.selectAt(indices) : batch;
    record.add(kept);
    yield kept;
  }
}

async function writeChunks(file: FileHandle, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const chunk of chunks) await file.write(chunk);
}

async function writeParquetFile(
  path: string,
  batches: AsyncGenerator<RecordBatch>,
  o: ResolvedOptions,
  key: string,
  schema: Schema,
): Promise<void> {
  // An error thrown by the batch source surfaces here as itself, not as the writer's wrapping.
  let sourceError: Error | undefined;
  const guarded = (async function* (): AsyncGenerator<RecordBatch> {
    try {
      yield* batches;
    } catch (error) {
      sourceError = error instanceof Error ? error : new Error(String(error));
      throw sourceError;
    }
  })();
  const file = await openFile(path, 'w');
  try {
    const bytes = await parquetByteStream(guarded, o);
    await writeChunks(file, bytes);
    // parquet-wasm ends its output quietly when its input stream fails: never keep that file.
    if (sourceError !== undefined) throw sourceError;
  } catch (error) {
    if (sourceError !== undefined) throw sourceError;
    const field = schema.fields[0];
    throw typeNotWritable(
      key,
      schema.fields.length === 1 && field !== undefined ? field.name : '(one of the columns)',
      schema.fields.length === 1 && field !== undefined
        ? arrowTypeName(field.type as DataType)
        : schemaText(schema),
      'parquet',
      error,
    );
  } finally {
    await file.close();
  }
}

async function writeArrowFile(
  path: string,
  batches: AsyncGenerator<RecordBatch>,
  schema: Schema,
): Promise<void> {
  const file = await openFile(path, 'w');
  try {
    const writer = new RecordBatchFileWriter();
    writer.reset(undefined, schema);
    const drained = writeChunks(file, writer);
    try {
      for await (const batch of batches) {
        writer.write(batch);
        // Let the file catch up with what the writer queued before the next batch comes.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      writer.finish();
      await drained;
    }
  } finally {
    await file.close();
  }
}

/**
 * Packs a stream of apache-arrow record batches as a Parquet or Arrow IPC file with bounded
 * memory: each batch is written (through a temporary file) and added to the record's row count,
 * preview and stats as it passes, then dropped.
 * @internal
 *
 * @throws PackingError `TABLE_STREAM_INVALID` for a stream with no batch, a value that is not a
 * RecordBatch, or a batch whose columns differ from the first one's; `TABLE_TYPE_UNSUPPORTED` when
 * the writer refuses a column. OptionsError as for a table.
 */
export async function packBatchStream(
  source: RecordBatchSource,
  key: string,
  options: TableFileOptions,
  dataset: TableDatasetOptions | undefined,
  ctx: Pick<PackContext, 'tempDir'>,
): Promise<ArtifactOutput> {
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<unknown>)[Symbol.asyncIterator]()
      : (source as Iterable<unknown>)[Symbol.iterator]();
  const head = await iterator.next();
  if (head.done === true) throw streamInvalid(key, 'it yielded no batch', 0);
  if (!(head.value instanceof RecordBatch))
    throw streamInvalid(key, `batch 0 is ${describe(head.value)}, not a RecordBatch`, 0);
  const first = head.value;
  const o = resolveTableOptions(first.schema, key, options);
  const previewRows = dataset === undefined ? 0 : previewCount(key, dataset.previewRows);
  const schema =
    o.columns.length > 0
      ? first.schema.selectAt(o.columns.map((c) => first.schema.names.indexOf(c)))
      : first.schema;
  const record = new StreamRecord(schema, previewRows, dataset?.stats === true);
  const batches = checkedBatches(iterator, first, key, o.columns, record);
  const fileName = `${fileStem(key)}.${o.format}`;
  const path = join(await ctx.tempDir(), fileName);
  try {
    if (o.format === 'parquet') await writeParquetFile(path, batches, o, key, schema);
    else await writeArrowFile(path, batches, schema);
  } finally {
    // Tell a source we stopped early (its finally blocks run), as for-await would.
    if (typeof iterator.return === 'function') await iterator.return();
  }
  const rowGroups =
    o.format === 'parquet' ? await readRowGroups(await openAsBlob(path)) : undefined;
  const instructions: Instructions = {
    format: o.format,
    compression: o.compression,
    rowCount: record.rows,
    batches: record.batches,
    ...(rowGroups === undefined ? {} : { rowGroups }),
  };
  const init = { key, body: { path }, fileName, format: o.format };
  if (dataset === undefined) return { artifact: new Artifact(init), instructions };
  const stats = record.stats();
  const artifact = new DatasetArtifact({
    ...init,
    schema: { fields: datasetFieldsOf(schema) },
    rowCount: record.rows,
    preview: record.preview(),
    ...(stats === undefined ? {} : { stats }),
  });
  return { artifact, instructions };
}
