// Parquet written by Stowage (parquet-wasm) read by a second implementation, hyparquet, in a child
// process: the footer (row groups, Arrow schema, column statistics) and every value.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetArtifact } from '@stowage/core';
import { sampleTable } from './helpers/sample-table';
import { openPacked, tablesManager } from './helpers/tables-manager';

interface Footer {
  createdBy: string;
  numRows: string;
  rowGroups: string[];
  keys: string[];
  columns: Record<string, { nulls: string; min: unknown[]; max: unknown[] }>;
  rows: Record<string, unknown>[];
}

describe('Parquet written by Stowage, read by hyparquet', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'stowage-tables-hyparquet-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when a dataset is packed with row groups of 16 rows', () => {
    let record: DatasetArtifact;
    let footer: Footer;
    beforeAll(async () => {
      const { manager } = tablesManager();
      const out = await manager.pack(
        sampleTable(50).select(['id', 'x', 'n', 's', 'b']),
        't : dataset[rowGroupSize=16]',
      );
      const item = await openPacked(manager, out);
      record = item.meta as DatasetArtifact;
      const file = join(dir, 't.parquet');
      writeFileSync(file, await item.get());
      const r = spawnSync(
        process.execPath,
        [join(__dirname, 'helpers', 'hyparquet-read.js'), file],
        {
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      if (r.status !== 0) throw new Error(`hyparquet failed: ${r.stderr}`);
      footer = JSON.parse(r.stdout) as Footer;
    }, 90_000);

    it('should find the row groups, the writer and the Arrow schema in the footer', () => {
      expect(footer.numRows).toBe('50');
      expect(footer.rowGroups).toEqual(['16', '16', '16', '2']);
      expect(footer.createdBy).toBe('stowage (parquet-wasm)');
      expect(footer.keys).toContain('ARROW:schema');
    });

    it("should have footer statistics that agree with the record's stats", () => {
      for (const name of ['id', 'x', 'n']) {
        const mine = record.stats?.[name] as {
          nulls: number;
          min: number | string;
          max: number | string;
        };
        const theirs = footer.columns[name];
        expect({ name, nulls: Number(theirs?.nulls) }).toEqual({ name, nulls: mine.nulls });
        const numbers = (v: unknown[]): number[] => v.filter((x) => x !== null).map(Number);
        expect({ name, min: Math.min(...numbers(theirs?.min ?? [])) }).toEqual({
          name,
          min: Number(mine.min),
        });
        expect({ name, max: Math.max(...numbers(theirs?.max ?? [])) }).toEqual({
          name,
          max: Number(mine.max),
        });
      }
      expect(footer.columns['s']?.nulls).toBe(
        String((record.stats?.['s'] as { nulls: number }).nulls),
      );
    });

    it('should read every value Stowage wrote', () => {
      expect(footer.rows).toHaveLength(50);
      footer.rows.forEach((row, i) => {
        expect(row).toEqual({
          id: String(9_007_199_254_740_990n + BigInt(i)),
          x: i % 5 === 1 ? null : i === 7 ? 'NaN' : i * 0.5,
          n: i % 5 === 2 ? null : i - 10,
          s: i % 5 === 3 ? null : `name ${i % 4} ü`,
          b: i % 5 === 4 ? null : i % 3 === 0,
        });
      });
    });
  });
});
