/**
 * Child process of `parquet_stream_read_peak_rss_mib`: makes the big Parquet dataset (packing a
 * generated stream of record batches), or reads it back as a stream of batches through Stowage or
 * through bare parquet-wasm, and reports the peak RSS growth of that work alone.
 *
 * Usage (by the parent only): `node parquet-stream.child.js <make|stowage|baseline> <storeRoot> <rows|uri>`.
 */
import { openAsBlob } from 'node:fs';
import { Table, makeVector, tableFromIPC, type RecordBatch } from 'apache-arrow';
import * as wasm from 'parquet-wasm';
import { LocalStore, PackagersManager } from '@stowage/core';
import { DEFAULT_STREAM_BATCH_SIZE, streamRecordBatches } from '@stowage/tables';

/** RSS sampling interval. */
const SAMPLE_MS = 5;
/** Rows per generated batch (5 columns of 8 bytes: 2.5 MiB). */
const BATCH_ROWS = 65_536;

/** What the child reports to its parent. */
export interface ParquetStreamChildResult {
  readonly peakGrowthMiB: number;
  readonly ms: number;
  readonly rows: number;
  readonly uri?: string;
  readonly bytes?: number;
  readonly path?: string;
}

/** `rows` rows in batches: four columns of noisy doubles and an int64 id. */
async function* generated(rows: number): AsyncGenerator<RecordBatch> {
  let seed = 12345;
  for (let at = 0; at < rows; at += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, rows - at);
    const columns: Record<string, ReturnType<typeof makeVector>> = {};
    for (const name of ['a', 'b', 'c', 'd']) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        seed = (Math.imul(seed, 1103515245) + 12345) | 0;
        values[i] = seed / 65536;
      }
      columns[name] = makeVector(values);
    }
    columns['id'] = makeVector(BigInt64Array.from({ length: n }, (_, i) => BigInt(at + i)));
    const [batch] = new Table(columns).batches;
    if (batch !== undefined) yield batch;
  }
}

async function measured(
  work: () => Promise<Omit<ParquetStreamChildResult, 'peakGrowthMiB' | 'ms'>>,
): Promise<ParquetStreamChildResult> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, SAMPLE_MS);
  const t0 = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { ...result, peakGrowthMiB: (peak - start) / 2 ** 20, ms };
}

async function main(): Promise<void> {
  const [mode, root, arg] = process.argv.slice(2);
  if (root === undefined || arg === undefined) throw new Error('usage: see the file header');
  const manager = new PackagersManager({ store: new LocalStore({ root }) });
  let result: ParquetStreamChildResult;
  if (mode === 'make') {
    result = await measured(async () => {
      const out = await manager.pack(generated(Number(arg)), 'big : dataset');
      if (out.kind !== 'artifact') throw new Error('expected an artifact');
      const item = await manager.repository!.open(out.artifact.uri as string);
      return {
        rows: Number(arg),
        uri: out.artifact.uri as string,
        bytes: out.artifact.size ?? 0,
        path: await item.local(),
      };
    });
  } else if (mode === 'stowage') {
    const item = await manager.repository!.open(arg);
    result = await measured(async () => {
      let rows = 0;
      for await (const batch of streamRecordBatches(item)) rows += batch.numRows;
      return { rows };
    });
  } else if (mode === 'baseline') {
    // `arg` is the stored file's path: parquet-wasm's own stream, batches into apache-arrow.
    result = await measured(async () => {
      const file = await wasm.ParquetFile.fromFile(await openAsBlob(arg));
      let rows = 0;
      try {
        const stream = await file.stream({ batchSize: DEFAULT_STREAM_BATCH_SIZE });
        const reader = stream.getReader() as ReadableStreamDefaultReader<wasm.RecordBatch>;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          rows += tableFromIPC(value.intoIPCStream()).numRows;
        }
      } finally {
        file.free();
      }
      return { rows };
    });
  } else throw new Error(`unknown mode ${String(mode)}`);
  process.send?.(result);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
