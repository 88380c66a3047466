import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as batches } from './batches';
import { main as records } from './records';
import { main } from './scores';

describe('docs/tables.md examples', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'stowage-docs-tables-'));
    jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(root, { recursive: true, force: true });
  });

  describe('when a table is packed and unpacked', () => {
    it('should record schema, preview and stats, and give the table back', async () => {
      // The first pack loads the WebAssembly Parquet writer: allow for a loaded machine.
      const { record, back, scoresOnly } = await main(root);
      expect(record.format).toBe('parquet');
      expect(record.schema?.fields.map((f) => `${f.name}: ${f.type}`)).toEqual([
        'id: int32',
        'score: float64',
        'team: dictionary<values=string, indices=int32, ordered=0>',
      ]);
      expect(record.preview[2]).toEqual({ id: 3, score: 'NaN', team: 'red' });
      expect(record.stats?.['score']).toMatchObject({
        count: 4,
        nulls: 0,
        nans: 1,
        min: 0.5,
        max: 0.9,
      });
      expect(record.stats?.['team']).toMatchObject({
        distinct: 2,
        top: [
          { value: 'red', count: 3 },
          { value: 'blue', count: 1 },
        ],
      });
      expect(record.packaging?.instructions).toMatchObject({
        compression: 'zstd',
        rowGroups: [{ rows: 2 }, { rows: 2 }],
      });
      expect(back.numRows).toBe(4);
      expect(back.getChild('team')?.get(1)).toBe('blue');
      expect(scoresOnly.schema.names).toEqual(['score']);
    }, 60_000);
  });
  describe('when an array of records is packed as Parquet', () => {
    it('should record schema and stats, give the same records back, and explain the choice', async () => {
      const { record, back, explained } = await records(root);
      expect(record.format).toBe('parquet');
      expect(record.schema?.fields.map((f) => `${f.name}: ${f.type}`)).toEqual([
        'id: int64',
        'score: float64',
        'team: string',
        'seen: timestamp[ms]',
        'note: string',
      ]);
      expect(record.stats?.['team']).toMatchObject({
        distinct: 2,
        top: [
          { value: 'red', count: 2 },
          { value: 'blue', count: 1 },
        ],
      });
      const rows = back as Record<string, unknown>[];
      expect(rows[0]).toEqual({
        id: 1n,
        score: 0.5,
        team: 'red',
        seen: new Date('2026-01-02T03:04:05Z'),
        note: null,
      });
      expect(Object.is(rows[1]?.['score'], -0)).toBe(true);
      expect(Number.isNaN(rows[2]?.['score'])).toBe(true);
      expect(explained).toContain('stowage.tables.RecordsDatasetPackager');
    }, 60_000);
  });
  describe('when a stream of record batches is packed', () => {
    it('should store one Parquet file with the stats of all the rows, and give the batches back', async () => {
      const { record, batchRows, whole } = await batches(root);
      expect(record.format).toBe('parquet');
      expect(record.rowCount).toBe(4000);
      expect(record.stats?.['at']).toMatchObject({ count: 4000, min: 0, max: 3999 });
      expect(record.packaging?.instructions).toMatchObject({
        rowGroups: [{ rows: 2000 }, { rows: 2000 }],
      });
      expect(batchRows.reduce((a, b) => a + b, 0)).toBe(4000);
      expect(whole.numRows).toBe(4000);
    }, 60_000);
  });
});
