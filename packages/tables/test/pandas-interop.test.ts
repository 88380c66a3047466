// Parquet written by Stowage, read by Debian's python3-pandas. pandas needs pyarrow or fastparquet
// to read Parquet, and neither installs on these machines (Debian 12 packages neither), so today
// this checks that pandas says exactly that; once an engine is there, it checks every value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Table } from 'apache-arrow';
import { readTable } from '../src/table-io';
import { columnsOf, sampleTable } from './helpers/sample-table';
import { inCi, readWithPandas } from './helpers/python-pandas';
import { tablesManager, openPacked } from './helpers/tables-manager';

describe('Parquet written by Stowage, read by pandas', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-tables-pandas-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when pandas reads a packed dataset', () => {
    it('should give every value back, or say which Parquet engine it lacks', async () => {
      const { manager } = tablesManager();
      const table = sampleTable(30).select(['id', 'x', 'n', 's', 'b', 'cat', 'ts']);
      const item = await openPacked(manager, await manager.pack(table, 't : dataset'));
      const file = join(dir, 't.parquet');
      writeFileSync(file, await item.get());
      const probe = readWithPandas(file);

      if (probe.pandas === null) {
        if (inCi())
          throw new Error(`CI needs python3-pandas (.ci/run installs it): ${probe.reason ?? ''}`);
        console.warn(
          `pandas is not importable here (${probe.python}): the pandas direction is not checked. Install python3-pandas.`,
        );
        expect(probe.reason).toMatch(/pandas/);
        return;
      }
      if (!probe.engine) {
        console.warn(
          `pandas ${probe.pandas} (${probe.python}) has no Parquet engine (${probe.reason ?? ''}): ` +
            'pyarrow and fastparquet do not install here, so Stowage → pandas is not checked beyond this.',
        );
        expect(probe.reason).toMatch(/pyarrow/);
        expect(probe.reason).toMatch(/fastparquet/);
        // What pandas would have read is still what Stowage reads back, value for value.
        expect(columnsOf(await readTable(await item.get()))).toEqual(columnsOf(table));
        return;
      }
      expect(probe.dtypes).toMatchObject({
        id: 'int64',
        x: 'float64',
        b: 'object',
        cat: 'category',
      });
      const rows = probe.rows ?? [];
      expect(rows).toHaveLength(30);
      rows.forEach((row, i) => {
        expect(row['id']).toBe(9_007_199_254_740_990 + i);
        expect(row['s']).toBe(i % 5 === 3 ? null : `name ${i % 4} ü`);
        expect(row['cat']).toBe(['red', 'green', 'blue'][i % 3]);
      });
      expect(table).toBeInstanceOf(Table);
    });
  });
});
