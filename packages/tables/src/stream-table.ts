import { openAsBlob } from 'node:fs';
import { Table, tableFromIPC, type RecordBatch } from 'apache-arrow';
import * as wasm from 'parquet-wasm';
import type { DataItem } from '@stowage/core';
import { readArrowBytes } from './arrow-ipc-io';
import { columnNotFound, tableInvalid } from './table-errors';
import { isStoredTableFormat, sniffTableFormat } from './table-format';

/** Options of {@link streamTable}. */
export interface StreamTableOptions {
  /** Only these columns, in this order. */
  readonly columns?: readonly string[];
  /** Rows per yielded batch for Parquet (default 65,536). */
  readonly batchSize?: number;
}

/** Default rows per batch {@link streamTable} yields from a Parquet file. */
export const DEFAULT_STREAM_BATCH_SIZE = 65_536;

async function headOf(path: string): Promise<Uint8Array> {
  const blob = await openAsBlob(path);
  const head = new Uint8Array(await blob.slice(0, 8).arrayBuffer());
  const tail = new Uint8Array(await blob.slice(Math.max(0, blob.size - 4)).arrayBuffer());
  const out = new Uint8Array(12);
  out.set(head.subarray(0, 8));
  out.set(tail, 8);
  return out;
}

/**
 * Reads a stored table batch by batch: for Parquet, only the row groups and columns being read are
 * in memory at a time (the file is read through a local path, after `item.local()` checked its
 * sha256 in one streaming pass).
 *
 * @remarks
 * Each yielded value is an Arrow `Table` of at most `batchSize` rows with the same schema. An
 * Arrow IPC file is read whole and yielded batch by batch (no memory bound).
 * @throws UnpackingError `TABLE_COLUMN_NOT_FOUND`, `FORMAT_INVALID`, `TABLE_CODEC_UNSUPPORTED`.
 */
export async function* streamTable(
  item: DataItem,
  options: StreamTableOptions = {},
): AsyncGenerator<Table, void, undefined> {
  const where = `"${item.key}"`;
  const path = await item.local();
  const recorded = item.meta?.packaging?.instructions['format'] ?? item.meta?.format;
  const format = isStoredTableFormat(recorded) ? recorded : sniffTableFormat(await headOf(path));
  const columns = options.columns;
  if (format !== 'parquet') {
    if (format === undefined) throw tableInvalid(where, 'parquet or arrow', undefined);
    const table = readArrowBytes(await item.get(), where);
    const names = table.schema.fields.map((f) => f.name);
    const missing = (columns ?? []).filter((c) => !names.includes(c));
    if (missing.length > 0) throw columnNotFound(where, missing, names, true);
    const picked = columns === undefined ? table : table.select([...columns]);
    for (const batch of picked.batches) yield new Table(batch);
    return;
  }
  let file: wasm.ParquetFile;
  try {
    file = await wasm.ParquetFile.fromFile(await openAsBlob(path));
  } catch (error) {
    throw tableInvalid(where, 'parquet', error);
  }
  try {
    const names = tableFromIPC(file.schema().intoIPCStream()).schema.fields.map((f) => f.name);
    const missing = (columns ?? []).filter((c) => !names.includes(c));
    if (missing.length > 0) throw columnNotFound(where, missing, names, true);
    const stream = await file.stream({
      batchSize: options.batchSize ?? DEFAULT_STREAM_BATCH_SIZE,
      ...(columns === undefined ? {} : { columns: [...columns] }),
    });
    const reader = stream.getReader() as ReadableStreamDefaultReader<wasm.RecordBatch>;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const batch = tableFromIPC(value.intoIPCStream());
      yield columns === undefined ? batch : batch.select([...columns]);
    }
  } finally {
    file.free();
  }
}

/**
 * Reads a stored table as apache-arrow `RecordBatch`es, with the memory bound of
 * {@link streamTable} (Parquet: only the row groups and columns being read).
 *
 * @throws UnpackingError `TABLE_COLUMN_NOT_FOUND`, `FORMAT_INVALID`, `TABLE_CODEC_UNSUPPORTED`.
 */
export async function* streamRecordBatches(
  item: DataItem,
  options: StreamTableOptions = {},
): AsyncGenerator<RecordBatch, void, undefined> {
  for await (const table of streamTable(item, options)) yield* table.batches;
}
