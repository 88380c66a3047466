import {
  type DataType,
  Field,
  Float64,
  Int32,
  SparseUnion,
  Table,
  makeData,
  makeVector,
  tableFromArrays,
} from 'apache-arrow';
import {
  DatasetArtifact,
  OptionsError,
  PackingError,
  StowageError,
  type PackedOutput,
} from '@stowage/core';
import { ArrowTablePackager } from '../src/arrow-table.packager';
import { arrowTypeName } from '../src/arrow-type-name';
import { sniffTableFormat } from '../src/table-format';
import { columnsOf, sampleTable } from './helpers/sample-table';
import { openPacked, tablesManager } from './helpers/tables-manager';

async function rejection(promise: Promise<unknown>): Promise<StowageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StowageError))
    throw new Error(`expected a StowageError, got ${String(error)}`);
  return error.cause instanceof StowageError ? error.cause : error;
}

function record(out: PackedOutput): DatasetArtifact {
  if (out.kind !== 'artifact') throw new Error('expected an artifact');
  return out.artifact as DatasetArtifact;
}

describe(ArrowTablePackager, () => {
  describe('when a table is packed with no artifact type', () => {
    it('should store a Parquet dataset with schema, row count, preview, stats and row groups', async () => {
      const { manager } = tablesManager();
      const out = await manager.pack(sampleTable(50), 'scores');
      const artifact = record(out);
      expect(artifact).toBeInstanceOf(DatasetArtifact);
      expect(artifact.format).toBe('parquet');
      expect(artifact.fileName).toBe('scores.parquet');
      expect(artifact.rowCount).toBe(50);
      expect(artifact.schema?.fields).toEqual([
        { name: 'id', type: 'int64', nullable: false },
        { name: 'x', type: 'float64', nullable: true },
        { name: 'n', type: 'int32', nullable: true },
        { name: 's', type: 'string', nullable: true },
        { name: 'b', type: 'bool', nullable: true },
        {
          name: 'cat',
          type: 'dictionary<values=string, indices=int32, ordered=0>',
          nullable: true,
        },
        { name: 'ts', type: 'timestamp[us, tz=UTC]', nullable: true },
        { name: 'big', type: 'int64', nullable: false },
      ]);
      expect(artifact.preview).toHaveLength(20);
      expect(artifact.preview[0]).toEqual({
        id: 9_007_199_254_740_990,
        x: 0,
        n: -10,
        s: 'name 0 ü',
        b: true,
        cat: 'red',
        ts: null,
        big: 0,
      });
      expect(artifact.preview[2]).toMatchObject({ id: '9007199254740992', n: null });
      expect(artifact.preview[1]).toMatchObject({ x: null, ts: '2026-01-02T03:04:06.678000Z' });
      expect(artifact.preview[7]).toMatchObject({ x: 'NaN' });
      expect(artifact.stats?.['n']).toEqual({
        type: 'int32',
        count: 40,
        nulls: 10,
        min: -10,
        max: 39,
        mean: expect.any(Number) as number,
        std: expect.any(Number) as number,
      });
      expect(artifact.packaging?.instructions).toEqual({
        format: 'parquet',
        compression: 'snappy',
        rowCount: 50,
        rowGroups: [{ rows: 50, compressedBytes: expect.any(Number) as number }],
      });
      expect(artifact.packaging?.runtime.packages).toEqual({
        'apache-arrow': '21.2.0',
        'parquet-wasm': '0.8.0',
      });
    });

    it('should unpack a Table with the same schema and values', async () => {
      const { manager } = tablesManager();
      const table = sampleTable(50);
      const out = await manager.pack(table, 'scores');
      const back = await manager.unpack(await openPacked(manager, out), Table);
      expect(back).toBeInstanceOf(Table);
      expect(
        back.schema.fields.map((f) => `${f.name}:${arrowTypeName(f.type as DataType)}`),
      ).toEqual(table.schema.fields.map((f) => `${f.name}:${arrowTypeName(f.type as DataType)}`));
      expect(columnsOf(back)).toEqual(columnsOf(table));
    });
  });

  describe('when the options are set', () => {
    it.each([
      ['dataset[format=arrow]', 'arrow', 'none'],
      ['dataset[compression=zstd]', 'parquet', 'zstd'],
      ['dataset[compression=gzip]', 'parquet', 'gzip'],
      ['dataset[compression=brotli]', 'parquet', 'brotli'],
      ['dataset[compression=lz4]', 'parquet', 'lz4'],
      ['dataset[compression=none]', 'parquet', 'none'],
      ['file', 'parquet', 'snappy'],
      ['file[format=arrow]', 'arrow', 'none'],
    ])('should round-trip "t : %s" as %s with %s', async (hint, format, compression) => {
      const { manager } = tablesManager();
      const table = sampleTable(30);
      const out = await manager.pack(table, `t : ${hint}`);
      const item = await openPacked(manager, out);
      expect(sniffTableFormat(await item.get())).toBe(format);
      expect(item.meta?.packaging?.instructions).toMatchObject({ format, compression });
      expect(item.meta instanceof DatasetArtifact).toBe(hint.startsWith('dataset'));
      expect(columnsOf(await manager.unpack(item, Table))).toEqual(columnsOf(table));
    });

    it('should cut row groups at rowGroupSize', async () => {
      const { manager } = tablesManager();
      const out = await manager.pack(sampleTable(50), 't : dataset[rowGroupSize=16]');
      const groups = record(out).packaging?.instructions['rowGroups'] as { rows: number }[];
      expect(groups.map((g) => g.rows)).toEqual([16, 16, 16, 2]);
    });

    it('should keep only the listed columns, in their order, and cut the preview', async () => {
      const { manager } = tablesManager();
      const out = await manager.pack(
        sampleTable(50),
        't : dataset[columns=[s, id], previewRows=2, stats=false]',
      );
      const artifact = record(out);
      expect(artifact.schema?.fields.map((f) => f.name)).toEqual(['s', 'id']);
      expect(artifact.preview).toEqual([
        { s: 'name 0 ü', id: 9_007_199_254_740_990 },
        { s: 'name 1 ü', id: 9_007_199_254_740_991 },
      ]);
      expect(artifact.stats).toBeUndefined();
      const back = await manager.unpack(await openPacked(manager, out), Table);
      expect(back.schema.names).toEqual(['s', 'id']);
    });
  });

  describe('when an option is invalid', () => {
    it.each([
      ['dataset[rowGroupSize=0]', 'OPTIONS_INVALID', OptionsError],
      ['dataset[rowGroupSize=1.5]', 'OPTIONS_INVALID', OptionsError],
      ['dataset[previewRows=-1]', 'OPTIONS_INVALID', OptionsError],
      ['dataset[format=arrow, compression=zstd]', 'TABLE_CODEC_UNSUPPORTED', OptionsError],
      ['dataset[format=arrow, compression=lz4]', 'TABLE_CODEC_UNSUPPORTED', OptionsError],
      ['dataset[format=arrow, compression=gzip]', 'OPTIONS_INVALID', OptionsError],
      ['dataset[columns=[id, nope]]', 'TABLE_COLUMN_NOT_FOUND', OptionsError],
      ['dataset[columns=[id, id]]', 'OPTIONS_INVALID', OptionsError],
      ['dataset[format=csv]', 'OPTIONS_NOT_ALLOWED', OptionsError],
      ['dataset[compression=lzo]', 'OPTIONS_NOT_ALLOWED', OptionsError],
    ])('should refuse "t : %s" with %s', async (hint, code, errorClass) => {
      const { manager } = tablesManager();
      const error = await rejection(manager.pack(sampleTable(5), `t : ${hint}`));
      expect(error).toBeInstanceOf(errorClass);
      expect(error.code).toBe(code);
      expect(error.fix?.length).toBeGreaterThan(10);
    });

    it('should name the missing column and list the ones the table has', async () => {
      const { manager } = tablesManager();
      const error = await rejection(manager.pack(sampleTable(5), 't : dataset[columns=[nope]]'));
      expect(error.message).toContain('"nope"');
      expect(error.details).toMatchObject({
        missing: ['nope'],
        available: expect.arrayContaining(['id', 's']) as string[],
      });
    });
  });

  describe('when the caller keeps using the table', () => {
    it('should not change it', async () => {
      const { manager } = tablesManager();
      const table = tableFromArrays({ a: Float64Array.from([1, 2, 3]) });
      const before = columnsOf(table);
      await manager.pack(table, 't : dataset[columns=[a], previewRows=1]');
      expect(columnsOf(table)).toEqual(before);
      expect(table.numCols).toBe(1);
    });
  });

  describe('when a column type cannot be written as Parquet', () => {
    function unionTable(): Table {
      const type = new SparseUnion(
        [0, 1],
        [new Field('i', new Int32()), new Field('f', new Float64())],
      );
      const union = makeData({
        type,
        length: 3,
        typeIds: Int8Array.from([0, 1, 0]),
        children: [
          makeData({ type: new Int32(), length: 3, data: Int32Array.from([1, 2, 3]) }),
          makeData({ type: new Float64(), length: 3, data: Float64Array.from([1, 2, 3]) }),
        ],
      });
      return new Table({ ok: makeVector(Float64Array.from([1, 2, 3])), u: makeVector(union) });
    }

    it('should throw TABLE_TYPE_UNSUPPORTED naming the column and its type', async () => {
      const { manager } = tablesManager();
      const error = await rejection(manager.pack(unionTable(), 't : dataset'));
      expect(error).toBeInstanceOf(PackingError);
      expect(error.code).toBe('TABLE_TYPE_UNSUPPORTED');
      expect(error.details).toMatchObject({ column: 'u', format: 'parquet' });
      expect(error.message).toContain('"u"');
    });

    it('should still write the table as Arrow IPC, and the other columns as Parquet', async () => {
      const { manager } = tablesManager();
      await expect(manager.pack(unionTable(), 't : dataset[format=arrow]')).resolves.toMatchObject({
        kind: 'artifact',
      });
      const out = await manager.pack(unionTable(), 't : dataset[columns=[ok]]');
      expect(record(out).rowCount).toBe(3);
    });
  });
});
