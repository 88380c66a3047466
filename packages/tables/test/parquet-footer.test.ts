import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FooterUnreadable, footerRowGroups } from '../src/parquet-footer';
import { readRowGroups, writeParquetBytes } from '../src/parquet-io';
import type { ParquetCodec } from '../src/table-options';
import { sampleTable } from './helpers/sample-table';

/** What parquet-wasm reads from the same footer (a Blob goes to it): the reference to equal. */
const wasmRowGroups = (bytes: Uint8Array) => readRowGroups(new Blob([bytes]));

const FIXTURES = join(__dirname, 'fixtures');

describe(footerRowGroups, () => {
  describe('when the file was written by pyarrow or pandas', () => {
    it.each([
      'pyarrow-snappy.parquet',
      'pyarrow-gzip.parquet',
      'pyarrow-none.parquet',
      'pyarrow-zstd.parquet',
      'pyarrow-v2pages.parquet',
      'pandas.parquet',
      'pandas-index.parquet',
    ])('should read the same row groups as parquet-wasm from %s', async (name) => {
      const bytes = new Uint8Array(readFileSync(join(FIXTURES, name)));
      const groups = footerRowGroups(bytes);
      expect(groups.length).toBeGreaterThan(0);
      expect(groups).toEqual(await wasmRowGroups(bytes));
    });
  });

  describe('when the file was written by Stowage (parquet-wasm)', () => {
    it.each([
      ['snappy', 7],
      ['zstd', 64],
      ['gzip', 1000],
      ['none', 3],
      ['brotli', 50],
      ['lz4', 11],
    ] as [ParquetCodec, number][])(
      'should read every row group of a %s file in groups of %i rows',
      async (compression, rowGroupSize) => {
        const bytes = writeParquetBytes(sampleTable(200), { compression, rowGroupSize });
        const groups = footerRowGroups(bytes);
        expect(groups.map((g) => g.rows).reduce((a, b) => a + b, 0)).toBe(200);
        expect(groups).toEqual(await wasmRowGroups(bytes));
      },
    );

    it('should read a table without rows', async () => {
      const bytes = writeParquetBytes(sampleTable(0), { compression: 'snappy', rowGroupSize: 10 });
      expect(footerRowGroups(bytes)).toEqual(await wasmRowGroups(bytes));
    });
  });

  describe('when the bytes are not a footer it understands', () => {
    it('should throw FooterUnreadable (never crash or hang) for random bytes, cut files and damaged footers', () => {
      const good = writeParquetBytes(sampleTable(50), { compression: 'snappy', rowGroupSize: 8 });
      const cases: Uint8Array[] = [new Uint8Array(0), new Uint8Array(11), good.subarray(0, 100)];
      for (let i = 0; i < 200; i++) cases.push(randomBytes(1 + (i % 64) * 17));
      // the footer's length pointing before the file, and random bytes inside a real footer
      const long = Buffer.from(good);
      long.writeUInt32LE(long.length, long.length - 8);
      cases.push(long);
      const length = Buffer.from(good).readUInt32LE(good.length - 8);
      for (let i = 0; i < 200; i++) {
        const damaged = Buffer.from(good);
        const at = damaged.length - 8 - length + (i % length);
        damaged[at] = (damaged[at] as number) ^ (1 + (i % 255));
        cases.push(damaged);
      }
      for (const bytes of cases) {
        let outcome: unknown;
        try {
          outcome = footerRowGroups(bytes);
        } catch (error) {
          outcome = error;
        }
        // a flipped byte may still leave a well-formed footer; anything else is FooterUnreadable
        if (Array.isArray(outcome)) continue;
        expect(outcome).toBeInstanceOf(FooterUnreadable);
      }
    });

    it('should refuse a footer whose structs nest deeper than any Parquet file', () => {
      const footer = Buffer.concat([Buffer.alloc(5000, 0x1c), Buffer.alloc(8)]);
      const bytes = Buffer.concat([
        Buffer.from('PAR1'),
        footer,
        Buffer.alloc(4),
        Buffer.from('PAR1'),
      ]);
      bytes.writeUInt32LE(footer.length, bytes.length - 8);
      expect(() => footerRowGroups(bytes)).toThrow(FooterUnreadable);
    });
  });
});
