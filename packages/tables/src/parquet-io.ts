import { Table, tableFromIPC, tableToIPC, type RecordBatch, type Schema } from 'apache-arrow';
import * as wasm from 'parquet-wasm';
import type { ParquetCodec } from './table-options';
import { FooterUnreadable, footerRowGroups } from './parquet-footer';

const CODECS: Readonly<Record<ParquetCodec, wasm.Compression>> = {
  snappy: wasm.Compression.SNAPPY,
  zstd: wasm.Compression.ZSTD,
  gzip: wasm.Compression.GZIP,
  brotli: wasm.Compression.BROTLI,
  lz4: wasm.Compression.LZ4_RAW,
  none: wasm.Compression.UNCOMPRESSED,
};

/** How a table is written as Parquet. */
export interface ParquetWriteOptions {
  readonly compression: ParquetCodec;
  readonly rowGroupSize: number;
}

/** One row group of a Parquet file as its footer describes it. */
export interface RowGroupInfo {
  readonly rows: number;
  readonly compressedBytes: number;
}

/** The writer properties of `options`. */
function writerProperties(options: ParquetWriteOptions): wasm.WriterProperties {
  return new wasm.WriterPropertiesBuilder()
    .setCompression(CODECS[options.compression])
    .setMaxRowGroupSize(options.rowGroupSize)
    .setCreatedBy('stowage (parquet-wasm)')
    .build();
}

/**
 * Writes record batches as a Parquet byte stream: batches are moved into WebAssembly memory one
 * at a time, and the writer emits each row group once it holds `rowGroupSize` rows, so memory
 * holds about one row group, not the table.
 */
export async function parquetByteStream(
  batches: AsyncIterator<RecordBatch>,
  options: ParquetWriteOptions,
): Promise<ReadableStream<Uint8Array>> {
  const input = new ReadableStream<wasm.RecordBatch>(
    {
      async pull(controller): Promise<void> {
        const next = await batches.next();
        if (next.done === true) {
          controller.close();
          return;
        }
        const table = wasm.Table.fromIPCStream(tableToIPC(new Table(next.value), 'stream'));
        try {
          const batch = table.recordBatch(0);
          if (batch !== undefined) controller.enqueue(batch);
        } finally {
          table.free();
        }
      },
    },
    { highWaterMark: 0 },
  );
  return (await wasm.transformParquetStream(
    input,
    writerProperties(options),
  )) as ReadableStream<Uint8Array>;
}

/** Writes `table` as Parquet bytes (parquet-wasm; the Arrow schema is kept in the footer). */
export function writeParquetBytes(table: Table, options: ParquetWriteOptions): Uint8Array {
  const props = writerProperties(options);
  const input = wasm.Table.fromIPCStream(tableToIPC(table, 'stream'));
  return wasm.writeParquet(input, props);
}

/** The Arrow schema of Parquet bytes, from the footer only. */
export function readParquetSchema(bytes: Uint8Array): Schema {
  return tableFromIPC(wasm.readSchema(bytes).intoIPCStream()).schema;
}

/**
 * The row groups of Parquet bytes (or of a file as a Blob), from the footer only.
 *
 * @remarks
 * Bytes in memory are read by Stowage's own footer reader (`parquet-footer.ts`), which needs no
 * copy of them; a footer it does not understand, and a Blob, go through parquet-wasm.
 */
export async function readRowGroups(bytes: Uint8Array | Blob): Promise<RowGroupInfo[]> {
  if (!(bytes instanceof Blob)) {
    try {
      return footerRowGroups(bytes);
    } catch (error) {
      if (!(error instanceof FooterUnreadable)) throw error;
    }
  }
  const file = await wasm.ParquetFile.fromFile(bytes instanceof Blob ? bytes : new Blob([bytes]));
  try {
    return file
      .metadata()
      .rowGroups()
      .map((g) => ({ rows: g.numRows(), compressedBytes: g.compressedSize() }));
  } finally {
    file.free();
  }
}

/**
 * Reads Parquet bytes into an Arrow table; with `columns`, only those column chunks are decoded.
 *
 * @remarks
 * parquet-wasm 0.8's one-shot `readParquet` ignores its `columns` option, so a subset goes
 * through `ParquetFile`, which honours it.
 */
export async function readParquetBytes(
  bytes: Uint8Array,
  columns: readonly string[] | undefined,
): Promise<Table> {
  if (columns === undefined) return tableFromIPC(wasm.readParquet(bytes).intoIPCStream());
  const file = await wasm.ParquetFile.fromFile(new Blob([bytes]));
  try {
    const table = await file.read({ columns: [...columns] });
    return tableFromIPC(table.intoIPCStream());
  } finally {
    file.free();
  }
}
