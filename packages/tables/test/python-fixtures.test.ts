// The Parquet and Arrow files pyarrow and pandas wrote (test/fixtures, made by make_fixtures.py),
// read with Stowage and checked value by value, type by type and null by null against expected.json.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataType, type Table } from 'apache-arrow';
import * as wasm from 'parquet-wasm';
import { UnpackingError } from '@stowage/core';
import { arrowTypeName } from '../src/arrow-type-name';
import { readTable } from '../src/table-io';
import {
  expectedTimestamp,
  isoToEpoch,
  rowsInPythonConventions,
} from './helpers/python-conventions';

const DIR = join(__dirname, 'fixtures');
interface Expected {
  rows: number;
  row_group_size: number;
  schema: { name: string; type: string; nullable: boolean }[];
  values: Record<string, unknown>[];
  files: string[];
  pandas: {
    files: string[];
    schema: { name: string; dtype: string }[];
    first_rows: Record<string, unknown>[];
  };
}
const expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Expected;

/** pyarrow's type names, as Stowage writes them (floats are float32/float64). */
/**
 * pyarrow's type names as Stowage writes them: floats are float32/float64, and a list read from
 * Parquet names its child `element` (Parquet's LIST convention, which pyarrow writes since 13.0)
 * where the in-memory table that expected.json describes says `item`.
 */
function pyarrowName(type: string, file: string): string {
  if (type === 'float') return 'float32';
  if (type === 'double') return 'float64';
  return file.endsWith('.parquet') ? type.replace(/^list<item: /, 'list<element: ') : type;
}

/** expected.json's value with timestamps turned into exact instants. */
function normalise(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      v !== null && typeof v === 'object' && 'iso' in v
        ? expectedTimestamp(v as { unit: string; tz: string | null; iso: string })
        : v,
    ]),
  );
}

async function read(file: string, columns?: string[]): Promise<Table> {
  return readTable(readFileSync(join(DIR, file)), { where: file, ...(columns ? { columns } : {}) });
}

const PYARROW_READABLE = [
  'pyarrow-snappy.parquet',
  'pyarrow-zstd.parquet',
  'pyarrow-gzip.parquet',
  'pyarrow-none.parquet',
  'pyarrow-v2pages.parquet',
  'pyarrow.arrow',
  'pyarrow.arrows',
];
const COMPRESSED_FEATHER: [string, string][] = [
  ['pyarrow-lz4.feather', 'lz4'],
  ['pyarrow-zstd.feather', 'zstd'],
];

describe('pyarrow and pandas fixtures', () => {
  describe('when listing the fixture folder', () => {
    it('should hold every file expected.json names, and each is checked here', () => {
      const onDisk = readdirSync(DIR).filter((f) => /\.(parquet|arrows?|feather)$/.test(f));
      expect(onDisk.sort()).toEqual([...expected.files].sort());
      const checked = [
        ...PYARROW_READABLE,
        ...COMPRESSED_FEATHER.map(([f]) => f),
        ...expected.pandas.files,
      ];
      expect(checked.sort()).toEqual([...expected.files].sort());
    });
  });

  describe.each(PYARROW_READABLE)('when reading %s', (file) => {
    let table: Table;
    beforeAll(async () => {
      table = await read(file);
    });

    it('should have the schema pyarrow wrote: names, types, nullability', () => {
      expect(table.numRows).toBe(expected.rows);
      expect(
        table.schema.fields.map((f) => ({
          name: f.name,
          type: arrowTypeName(f.type as DataType),
          nullable: f.nullable,
        })),
      ).toEqual(expected.schema.map((f) => ({ ...f, type: pyarrowName(f.type, file) })));
    });

    it('should hold every value and every null of expected.json', () => {
      const rows = rowsInPythonConventions(table);
      expected.values.forEach((want, i) => {
        expect({ row: i, ...rows[i] }).toEqual({ row: i, ...normalise(want) });
      });
    });

    it('should follow the null rule in every column but id', () => {
      table.schema.fields.forEach((f, k) => {
        const column = table.getChildAt(k);
        const nulls = Array.from({ length: table.numRows }, (_, i) => i).filter(
          (i) => column?.isValid(i) === false,
        );
        const want =
          k === 0
            ? []
            : Array.from({ length: expected.rows }, (_, i) => i).filter((i) => i % 10 === k % 10);
        expect({ column: f.name, nulls }).toEqual({ column: f.name, nulls: want });
      });
    });
  });

  describe('when reading a column subset of pyarrow-snappy.parquet', () => {
    it('should give only those columns, in that order, with the same values', async () => {
      const table = await read('pyarrow-snappy.parquet', ['ts_ns_tz', 'id', 'dec']);
      expect(table.schema.names).toEqual(['ts_ns_tz', 'id', 'dec']);
      const rows = rowsInPythonConventions(table);
      expected.values.forEach((want, i) => {
        const n = normalise(want);
        expect(rows[i]).toEqual({ ts_ns_tz: n['ts_ns_tz'], id: n['id'], dec: n['dec'] });
      });
    });
  });

  describe.each(COMPRESSED_FEATHER)(
    'when reading %s (Feather compressed with %s)',
    (file, codec) => {
      it('should refuse with TABLE_CODEC_UNSUPPORTED naming the codec', async () => {
        const error = await read(file).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(UnpackingError);
        expect((error as UnpackingError).code).toBe('TABLE_CODEC_UNSUPPORTED');
        expect((error as UnpackingError).details).toEqual({
          where: file,
          codec,
          supported: ['none'],
        });
        expect((error as UnpackingError).message).toMatch(/Parquet reads and writes snappy, zstd/);
      });

      it('should still be beyond the installed parquet-wasm build (else wire its IPC codecs in)', () => {
        const feather = readFileSync(join(DIR, file));
        // The IPC file's messages after its 8-byte magic are an IPC stream parquet-wasm can take.
        expect(() => wasm.Table.fromIPCStream(feather.subarray(8))).toThrow(
          new RegExp(`${codec} IPC decompression requires the ${codec} feature`),
        );
      });
    },
  );

  describe.each(expected.pandas.files)('when reading the pandas file %s', (file) => {
    const COLORS = ['red', 'green', 'blue'];
    const T0 = Date.UTC(2026, 0, 2, 3, 4, 5) * 1000 + 678_901;
    const NAIVE0 = Date.UTC(2026, 2, 1) * 1000;
    let table: Table;
    beforeAll(async () => {
      table = await read(file);
    });

    it('should map the pandas dtypes to Arrow types', () => {
      const types = Object.fromEntries(
        table.schema.fields.map((f) => [f.name, arrowTypeName(f.type as DataType)]),
      );
      expect(types).toMatchObject({
        id: 'int64',
        n: 'int64',
        x: 'float64',
        s: 'large_string',
        cat: 'dictionary<values=large_string, indices=int8, ordered=0>',
        ts: 'timestamp[us, tz=UTC]',
        naive: 'timestamp[us]',
      });
      expect(expected.pandas.schema.map((c) => c.name)).toEqual(
        table.schema.names.filter((n) => n !== 'row'),
      );
    });

    it('should keep the RangeIndex as pandas stored it', () => {
      if (file === 'pandas-index.parquet') {
        expect(table.schema.names).toContain('row');
        const row = table.getChild('row');
        expect(Array.from({ length: 200 }, (_, i) => row?.get(i) as bigint)).toEqual(
          Array.from({ length: 200 }, (_, i) => BigInt(100 + i)),
        );
      } else {
        expect(table.schema.names).not.toContain('row');
        const meta = JSON.parse(table.schema.metadata.get('pandas') ?? '{}') as {
          index_columns?: unknown[];
        };
        expect(meta.index_columns).toEqual([
          { kind: 'range', name: 'row', start: 100, stop: 300, step: 1 },
        ]);
      }
    });

    it('should hold the values make_fixtures.py wrote, nulls included', () => {
      const rows = rowsInPythonConventions(table);
      rows.forEach((r, i) => {
        expect({ i, ...r }).toMatchObject({
          i,
          id: String(i),
          n: i % 10 === 1 ? null : String(i),
          x: i * 0.25,
          s: i % 10 === 2 ? null : `s${i}`,
          cat: COLORS[i % 3],
          ts: { unit: 'us', tz: 'UTC', epoch: BigInt(T0 + i * 1_000_000) },
          naive: { unit: 'us', tz: null, epoch: BigInt(NAIVE0 + i * 3_600_000_000) },
        });
      });
    });

    it("should agree with expected.json's first rows", () => {
      const rows = rowsInPythonConventions(table.slice(0, 3));
      expected.pandas.first_rows.forEach((want, i) => {
        const ts = want['ts'] as string;
        expect(rows[i]).toMatchObject({
          id: String(want['id']),
          n: want['n'] === null ? null : String(want['n'] as number),
          x: want['x'],
          s: want['s'],
          cat: want['cat'],
          ts: { epoch: isoToEpoch(ts, 1_000_000n) },
          naive: { epoch: isoToEpoch(want['naive'] as string, 1_000_000n) },
        });
      });
    });
  });
});
