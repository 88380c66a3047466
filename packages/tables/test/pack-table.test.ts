import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Table } from 'apache-arrow';
import { FileDataItem, UnpackingError } from '@stowage/core';
import { unpackTable } from '../src/pack-table';
import { columnsOf, sampleTable } from './helpers/sample-table';
import { openPacked, tablesManager } from './helpers/tables-manager';

async function failure(promise: Promise<unknown>): Promise<UnpackingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnpackingError);
  return error as UnpackingError;
}

describe(unpackTable, () => {
  describe.each(['parquet', 'arrow'])('when the artifact is a %s dataset', (format) => {
    it('should read only the columns asked for, in that order, with their values', async () => {
      const { manager } = tablesManager();
      const table = sampleTable(40);
      const item = await openPacked(
        manager,
        await manager.pack(table, `t : dataset[format=${format}]`),
      );
      const subset = await unpackTable(item, { columns: ['ts', 'id'] });
      expect(subset).toBeInstanceOf(Table);
      expect(subset.schema.names).toEqual(['ts', 'id']);
      const all = columnsOf(table);
      expect(columnsOf(subset)).toEqual({ ts: all['ts'], id: all['id'] });
    });

    it('should read every column without options', async () => {
      const { manager } = tablesManager();
      const table = sampleTable(10);
      const item = await openPacked(
        manager,
        await manager.pack(table, `t : file[format=${format}]`),
      );
      expect(columnsOf(await unpackTable(item))).toEqual(columnsOf(table));
    });

    it('should refuse an unknown column with TABLE_COLUMN_NOT_FOUND', async () => {
      const { manager } = tablesManager();
      const item = await openPacked(
        manager,
        await manager.pack(sampleTable(5), `t : dataset[format=${format}]`),
      );
      const error = await failure(unpackTable(item, { columns: ['id', 'ID'] }));
      expect(error.code).toBe('TABLE_COLUMN_NOT_FOUND');
      expect(error.details).toMatchObject({ missing: ['ID'] });
    });
  });

  describe('when the item is a plain file, not an artifact', () => {
    it('should find the format from the magic number', async () => {
      const file = join(__dirname, 'fixtures', 'pyarrow.arrows');
      const table = await unpackTable(new FileDataItem(file), { columns: ['s'] });
      expect(table.getChild('s')?.get(1)).toBe('name 1 ü€');
      expect(readFileSync(file).subarray(0, 4)).toEqual(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    });

    it('should refuse bytes that are no table with FORMAT_INVALID', async () => {
      const file = join(__dirname, 'fixtures', 'expected.json');
      expect((await failure(unpackTable(new FileDataItem(file)))).code).toBe('FORMAT_INVALID');
    });
  });

  describe('when a Parquet artifact is cut short', () => {
    it('should refuse it with FORMAT_INVALID rather than return a partial table', async () => {
      const { manager } = tablesManager();
      const item = await openPacked(manager, await manager.pack(sampleTable(40), 't : file'));
      const bytes = await item.get();
      const { readTable } = await import('../src/table-io');
      const cut = Buffer.concat([bytes.subarray(0, 200), bytes.subarray(bytes.length - 40)]);
      const error = await failure(readTable(cut, { format: 'parquet', where: 'cut' }));
      expect(error.code).toBe('FORMAT_INVALID');
      expect(error.cause).toBeDefined();
    });
  });
});
