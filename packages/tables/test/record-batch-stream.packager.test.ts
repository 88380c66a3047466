import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RecordBatch,
  RecordBatchReader,
  Table,
  makeVector,
  tableFromArrays,
  tableToIPC,
} from 'apache-arrow';
import {
  DatasetArtifact,
  MemoryStore,
  PackagersManager,
  PackingError,
  StoreArtifactRepository,
  StowageError,
  TempScope,
  type PackedOutput,
} from '@stowage/core';
import { ArrowTablePackager } from '../src/arrow-table.packager';
import { tableStats } from '../src/column-stats';
import { packBatchStream } from '../src/pack-batch-stream';
import { RecordBatchStreamPackager } from '../src/record-batch-stream.packager';
import { previewOf } from '../src/dataset-record';
import { columnsOf, sampleTable } from './helpers/sample-table';
import { openPacked } from './helpers/tables-manager';

const scopes: TempScope[] = [];
const managers: PackagersManager[] = [];
const dirs: string[] = [];
afterEach(async () => {
  // An unpacked stream reads through a local copy in the manager's own unpack scope (the stream
  // outlives unpack()); cleanup() removes it.
  await Promise.all(managers.splice(0).map((m) => m.cleanup()));
  await Promise.all(scopes.splice(0).map((s) => s.dispose()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

function streamManager(): PackagersManager {
  const temp = new TempScope();
  scopes.push(temp);
  const repository = new StoreArtifactRepository({
    store: new MemoryStore({ name: 'batch-stream-test' }),
    temp,
  });
  const manager = new PackagersManager({
    repository,
    packagers: [ArrowTablePackager, RecordBatchStreamPackager],
    fallback: null,
    warnings: { warn: () => undefined },
  });
  managers.push(manager);
  return manager;
}

/** The sample table cut into batches of `size` rows (slices: their buffers keep an offset). */
function batchesOf(table: Table, size: number): RecordBatch[] {
  const [whole] = table.batches;
  if (whole === undefined) throw new Error('empty table');
  const out: RecordBatch[] = [];
  for (let at = 0; at < whole.numRows; at += size) out.push(whole.slice(at, at + size));
  return out;
}

async function* lazily<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    yield item;
  }
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of source) out.push(x);
  return out;
}

function record(out: PackedOutput): DatasetArtifact {
  if (out.kind !== 'artifact') throw new Error('expected an artifact');
  return out.artifact as DatasetArtifact;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof StowageError && error.cause instanceof StowageError ? error.cause : error;
}

describe(RecordBatchStreamPackager, () => {
  describe('when an async generator of batches is packed as a Parquet dataset', () => {
    it('should store one file whose record and batches match the whole table', async () => {
      const manager = streamManager();
      const table = sampleTable(60);
      const out = await manager.pack(
        lazily(batchesOf(table, 25)),
        'events : dataset[rowGroupSize=20]',
      );
      const r = record(out);
      expect(r.rowCount).toBe(60);
      expect(r.stats).toEqual(tableStats(table));
      expect(r.preview).toEqual(previewOf(table, 20));
      expect(r.schema?.fields.map((f) => f.name)).toEqual(table.schema.names);
      const item = await openPacked(manager, out);
      expect(item.meta?.packaging?.packager).toBe('stowage.tables.RecordBatchStreamPackager');
      expect(item.meta?.packaging?.instructions['rowGroups']).toEqual([
        expect.objectContaining({ rows: 20 }),
        expect.objectContaining({ rows: 20 }),
        expect.objectContaining({ rows: 20 }),
      ]);
      const batches = await collect(await manager.unpack<AsyncIterable<RecordBatch>>(item));
      expect(batches.every((b) => b instanceof RecordBatch)).toBe(true);
      expect(columnsOf(new Table(batches))).toEqual(columnsOf(table));
      const whole = await manager.unpack(item, Table);
      expect(columnsOf(whole)).toEqual(columnsOf(table));
    }, 60_000);
  });

  describe('when batches are packed as an Arrow IPC file with some columns', () => {
    it('should keep only those columns, in that order', async () => {
      const manager = streamManager();
      const table = sampleTable(30);
      const out = await manager.pack(
        batchesOf(table, 7)[Symbol.iterator](),
        'picked : dataset[format=arrow, columns=[s, id]]',
      );
      expect(record(out).stats).toEqual(tableStats(table.select(['s', 'id'])));
      const item = await openPacked(manager, out);
      const back = await manager.unpack(item, Table);
      expect(columnsOf(back)).toEqual(columnsOf(table.select(['s', 'id'])));
    }, 60_000);
  });

  describe('when a RecordBatchReader is packed with no log hint', () => {
    it('should be taken as a dataset', async () => {
      const manager = streamManager();
      const table = sampleTable(12);
      const reader = RecordBatchReader.from(tableToIPC(table, 'stream'));
      const out = await manager.pack(reader, 'read');
      expect(record(out)).toBeInstanceOf(DatasetArtifact);
      expect(record(out).rowCount).toBe(12);
    }, 60_000);
  });

  describe('when the stream is not a stream of matching batches', () => {
    const a = tableFromArrays({ x: Float64Array.from([1, 2]) }).batches[0] as RecordBatch;
    const b = new Table({ x: makeVector(Int32Array.from([3])) }).batches[0] as RecordBatch;
    const cases: Array<[string, () => AsyncGenerator<unknown>, RegExp]> = [
      ['no batch', () => lazily([]), /yielded no batch/],
      [
        'a plain object',
        () => lazily([a, { x: 1 }]),
        /batch 1 is a plain object, not a RecordBatch/,
      ],
      ['another schema', () => lazily([a, b]), /batch 1 has the columns \(x: int32\)/],
    ];
    it.each(cases)(
      'should refuse %s with TABLE_STREAM_INVALID',
      async (_, source, message) => {
        const manager = streamManager();
        const error = await rejection(manager.pack(source(), 'bad : dataset'));
        expect(error).toBeInstanceOf(PackingError);
        expect((error as PackingError).code).toBe('TABLE_STREAM_INVALID');
        expect((error as PackingError).message).toMatch(message);
      },
      60_000,
    );

    it('should pass on the error the source throws, and stop pulling it', async () => {
      const manager = streamManager();
      let finished = false;
      async function* failing(): AsyncGenerator<RecordBatch> {
        try {
          yield a;
          throw new Error('sensor offline');
        } finally {
          finished = true;
        }
      }
      const error = await rejection(manager.pack(failing(), 'bad : dataset'));
      expect(String(error)).toMatch(/sensor offline/);
      expect(finished).toBe(true);
    }, 60_000);
  });

  describe('when an async iterable is logged with no type', () => {
    it('should not claim it (only a RecordBatchReader is taken without a hint)', () => {
      expect(new RecordBatchStreamPackager().isPackable(lazily([]), undefined)).toBe(false);
      expect(new RecordBatchStreamPackager().isPackable(lazily([]), 'dataset')).toBe(true);
    });

    it('should leave arrays, typed arrays, maps and sets to other packagers, even as datasets', () => {
      const packager = new RecordBatchStreamPackager();
      for (const value of [[1], new Float64Array(2), new Map(), new Set([1]), { a: 1 }])
        expect(packager.isPackable(value, 'dataset')).toBe(false);
      expect(packager.isPackable([1][Symbol.iterator](), 'dataset')).toBe(true);
    });
  });
});

describe(packBatchStream, () => {
  describe('when many batches stream through the Parquet writer', () => {
    it('should write row groups to the file while the source is still being read', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'stowage-batch-stream-'));
      dirs.push(dir);
      const rows = 4096;
      const sizesSeen: number[] = [];
      async function* source(): AsyncGenerator<RecordBatch> {
        for (let k = 0; k < 8; k++) {
          const size = await stat(join(dir, 'big.parquet')).then(
            (s) => s.size,
            () => 0,
          );
          sizesSeen.push(size);
          const values = Float64Array.from({ length: rows }, (_, i) => Math.sin(k * rows + i));
          yield new Table({ v: makeVector(values) }).batches[0] as RecordBatch;
        }
      }
      const out = await packBatchStream(
        source(),
        'big',
        { format: 'parquet', compression: 'none', rowGroupSize: rows, columns: [] },
        {
          format: 'parquet',
          compression: 'none',
          rowGroupSize: rows,
          columns: [],
          previewRows: 0,
          stats: true,
        },
        { tempDir: () => Promise.resolve(dir) },
      );
      // Each row group is on disk before the source makes the batch after next.
      for (let k = 2; k < 8; k++) expect(sizesSeen[k]).toBeGreaterThanOrEqual((k - 1) * rows * 8);
      expect(out.instructions?.['rowCount']).toBe(8 * rows);
    }, 60_000);
  });
});
