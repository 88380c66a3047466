import { Float64, Table, makeVector, vectorFromArray } from 'apache-arrow';
import { UnpackingError } from '@stowage/core';
import { streamTable } from '../src/stream-table';
import { openPacked, tablesManager as newManager } from './helpers/tables-manager';

// streamTable reads through item.local(): from a memory store that is a download into the
// repository's temporary scope, removed after each test.
const managers: ReturnType<typeof newManager>[] = [];
function tablesManager(): ReturnType<typeof newManager> {
  const m = newManager();
  managers.push(m);
  return m;
}
afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.temp.dispose()));
});

function bigTable(rows: number): Table {
  return new Table({
    id: makeVector(Int32Array.from({ length: rows }, (_, i) => i)),
    x: vectorFromArray(
      Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : i / 2)),
      new Float64(),
    ),
  });
}

async function collect(source: AsyncIterable<Table>): Promise<Table[]> {
  const out: Table[] = [];
  for await (const t of source) out.push(t);
  return out;
}

describe(streamTable, () => {
  describe('when a Parquet dataset has several row groups', () => {
    it('should yield batches of at most batchSize rows that add up to the table', async () => {
      const { manager } = tablesManager();
      const table = bigTable(20_000);
      const item = await openPacked(
        manager,
        await manager.pack(table, 't : dataset[rowGroupSize=8192]'),
      );
      const batches = await collect(streamTable(item, { batchSize: 3000 }));
      expect(batches.length).toBeGreaterThan(6);
      expect(Math.max(...batches.map((b) => b.numRows))).toBeLessThanOrEqual(3000);
      const ids = batches.flatMap((b) => Array.from(b.getChild('id')?.toArray() as Int32Array));
      expect(ids).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
      const xs = batches.flatMap((b) =>
        Array.from({ length: b.numRows }, (_, i) => b.getChild('x')?.get(i) as number | null),
      );
      expect(xs).toEqual(Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? null : i / 2)));
    }, 60_000);

    it('should yield only the columns asked for', async () => {
      const { manager } = tablesManager();
      const item = await openPacked(manager, await manager.pack(bigTable(100), 't : dataset'));
      const batches = await collect(streamTable(item, { columns: ['x'] }));
      expect(batches.map((b) => b.schema.names)).toEqual([['x']]);
      await expect(collect(streamTable(item, { columns: ['nope'] }))).rejects.toBeInstanceOf(
        UnpackingError,
      );
    }, 60_000);
  });

  describe('when the dataset is an Arrow IPC file', () => {
    it('should yield its record batches', async () => {
      const { manager } = tablesManager();
      const table = bigTable(50);
      const item = await openPacked(
        manager,
        await manager.pack(table, 't : dataset[format=arrow]'),
      );
      const batches = await collect(streamTable(item, { columns: ['id'] }));
      expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(50);
      expect(batches[0]?.schema.names).toEqual(['id']);
    }, 60_000);
  });
});
