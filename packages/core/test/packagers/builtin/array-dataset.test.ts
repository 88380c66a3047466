import { DatasetArtifact } from '../../../src/artifacts/dataset.artifact';
import { OptionsError } from '../../../src/errors/options.error';
import { PackingError } from '../../../src/errors/packing.error';
import type { PackedArtifact } from '../../../src/manager/packed-output';
import { ArrayPackager } from '../../../src/packagers/builtin/array.packager';
import { expectStowageRejection } from '../../helpers/expect-stowage-error';
import { builtinManager } from './helpers/builtin-manager';

const when = new Date('1955-11-05T06:15:00.123Z');

/** Rows with a column of every type, a nullable column and a column missing from one row. */
function typedRows(): Record<string, unknown>[] {
  return [
    {
      id: 1,
      score: 0.5,
      name: 'Zoë 🚀',
      ok: true,
      at: when,
      big: 2n ** 70n,
      tags: ['a'],
      note: null,
    },
    { id: 2, score: -0, name: 'a,"b"\nc', ok: false, at: new Date(0), big: -1n, tags: [] },
    {
      id: 3,
      score: NaN,
      name: '',
      ok: true,
      at: new Date(Date.UTC(2026, 0, 31)),
      big: 0n,
      tags: [{ x: 1 }],
      note: 'n',
    },
  ];
}

async function packAndRead(value: unknown, hint: string, type: unknown = Array) {
  const t = builtinManager();
  const { out, back } = await t.roundTrip(value, hint, type as never);
  const record = await t.repository.read((out as PackedArtifact).artifact.key);
  const bytes = Buffer.from(await (await t.repository.open(record.uri as string)).get());
  return { out: out as PackedArtifact, back, record, text: bytes.toString('utf8') };
}

describe(ArrayPackager, () => {
  describe.each(['csv', 'jsonl'])('when packing records as a dataset in %s', (format) => {
    const hint = format === 'csv' ? 'rows : dataset' : 'rows : dataset[format=jsonl]';

    it('should record per-column stats computed while packing, or none with stats=false', async () => {
      const { record } = await packAndRead(typedRows(), hint);
      const stats = (record as DatasetArtifact).stats as Record<string, Record<string, unknown>>;
      expect(stats['id']).toEqual({
        type: 'int64',
        count: 3,
        nulls: 0,
        min: 1,
        max: 3,
        mean: 2,
        std: 1,
      });
      expect(stats['score']).toMatchObject({ count: 3, nans: 1, min: -0, max: 0.5 });
      expect(stats['name']).toMatchObject({ count: 3, distinct: 3, distinctExact: true });
      expect(stats['ok']).toMatchObject({
        top: [
          { value: true, count: 2 },
          { value: false, count: 1 },
        ],
      });
      expect(stats['big']).toMatchObject({ min: -1, max: '1180591620717411303424' });
      expect(stats['at']).toMatchObject({ min: '1955-11-05T06:15:00.123Z' });
      expect(stats['note']).toMatchObject({ count: 1, nulls: 2 });
      const off = await packAndRead(typedRows(), `rows : dataset[format=${format}, stats=false]`);
      expect((off.record as DatasetArtifact).stats).toBeUndefined();
    });

    it('should store a DatasetArtifact named after the key in that format', async () => {
      const { out, record } = await packAndRead(typedRows(), hint);
      expect(out.kind).toBe('artifact');
      expect(out.artifactType).toBe('dataset');
      expect(record).toBeInstanceOf(DatasetArtifact);
      expect(record.kind).toBe('dataset');
      expect(record.fileName).toBe(`rows.${format}`);
      expect(record.format).toBe(format);
      expect(record.packaging).toMatchObject({
        packager: 'stowage.array',
        objectType: 'Array',
        artifactType: 'dataset',
        instructions: { format, rowCount: 3 },
      });
    });

    it('should record the schema types, the row count and the preview', async () => {
      const { record } = await packAndRead(typedRows(), hint);
      const dataset = record as DatasetArtifact;
      expect(dataset.rowCount).toBe(3);
      expect(dataset.schema?.fields).toEqual([
        { name: 'id', type: 'int64', nullable: false },
        { name: 'score', type: 'float64', nullable: false },
        { name: 'name', type: 'string', nullable: false },
        { name: 'ok', type: 'bool', nullable: false },
        { name: 'at', type: 'date', nullable: false },
        { name: 'big', type: 'bigint', nullable: false },
        { name: 'tags', type: 'json', nullable: false },
        { name: 'note', type: 'string', nullable: true },
      ]);
      expect(dataset.preview).toHaveLength(3);
      expect(dataset.preview[0]).toEqual(typedRows()[0]);
      expect(dataset.preview[2]).toEqual(typedRows()[2]);
    });

    it('should unpack every value with its exact type', async () => {
      const { back } = await packAndRead(typedRows(), hint);
      expect(back).toEqual(typedRows());
      const rows = back as Record<string, unknown>[];
      expect(Object.is(rows[1]?.['score'], -0)).toBe(true);
      expect(rows[0]?.['at']).toBeInstanceOf(Date);
      expect(rows[0]?.['big']).toBe(2n ** 70n);
      expect('note' in (rows[1] ?? {})).toBe(false);
    });

    it('should round-trip an invalid Date and show it as text in the preview', async () => {
      const { back, record } = await packAndRead([{ at: new Date(NaN) }, { at: when }], hint);
      const rows = back as { at: Date }[];
      expect(rows[0]?.at).toBeInstanceOf(Date);
      expect(rows[0]?.at.getTime()).toBeNaN();
      expect(rows[1]?.at).toEqual(when);
      expect((record as DatasetArtifact).preview).toEqual([{ at: 'Invalid Date' }, { at: when }]);
    });

    it('should round-trip an empty array with an empty schema', async () => {
      const { back, record } = await packAndRead([], hint);
      expect(back).toEqual([]);
      expect(record).toMatchObject({ rowCount: 0, schema: { fields: [] }, preview: [] });
    });

    it('should round-trip empty records and keep their count', async () => {
      const { back } = await packAndRead([{}, {}], hint);
      expect(back).toEqual([{}, {}]);
    });

    it('should keep keys missing from some rows missing and mark their column nullable', async () => {
      const rows = [{ a: 1, b: 'x' }, { a: 2 }, { b: 'y', c: null }];
      const { back, record } = await packAndRead(rows, hint);
      expect(back).toEqual(rows);
      expect((record as DatasetArtifact).schema?.fields).toEqual([
        { name: 'a', type: 'int64', nullable: true },
        { name: 'b', type: 'string', nullable: true },
        { name: 'c', type: 'json', nullable: true },
      ]);
    });

    it('should round-trip unicode keys and values and null cells', async () => {
      const rows = [
        { 'clé é': 'naïve ☕', 名前: null, n: null },
        { 'clé é': '𝒳', 名前: '東京', n: 1.5 },
      ];
      const { back, record } = await packAndRead(rows, hint);
      expect(back).toEqual(rows);
      expect((record as DatasetArtifact).schema?.fields[1]).toEqual({
        name: '名前',
        type: 'string',
        nullable: true,
      });
    });

    it('should cut the preview to 20 rows, or to previewRows', async () => {
      const rows = Array.from({ length: 25 }, (_, i) => ({ i }));
      const all = await packAndRead(rows, hint);
      expect((all.record as DatasetArtifact).preview).toEqual(rows.slice(0, 20));
      expect((all.record as DatasetArtifact).rowCount).toBe(25);
      const few = await packAndRead(rows, `rows : dataset[format=${format}, previewRows=2]`);
      expect((few.record as DatasetArtifact).preview).toEqual([{ i: 0 }, { i: 1 }]);
      const none = await packAndRead(rows, `rows : dataset[format=${format}, previewRows=0]`);
      expect((none.record as DatasetArtifact).preview).toEqual([]);
      expect(none.back).toEqual(rows);
    });
  });

  describe('when packing records as a jsonl dataset', () => {
    it('should write one JSON record per line, with Dates and bigints as their CSV text', async () => {
      const rows = [
        { at: when, big: 5n, x: Infinity },
        { at: when, big: 6n, x: 1 },
      ];
      const { text, out } = await packAndRead(rows, 'rows : dataset[format=jsonl]');
      expect(text).toBe(
        '{"at":"1955-11-05T06:15:00.123Z","big":"5","x":"Infinity"}\n' +
          '{"at":"1955-11-05T06:15:00.123Z","big":"6","x":1}\n',
      );
      expect(out.artifact.packaging?.instructions['columns']).toEqual([
        { name: 'at', type: 'date', nullable: false },
        { name: 'big', type: 'bigint', nullable: false },
        { name: 'x', type: 'number', nullable: false },
      ]);
    });
  });

  describe('when packing Dates with gaps as a dataset', () => {
    const rows = [{ at: when, n: 1 }, { n: 2 }, { at: null, n: 3 }];

    it('should round-trip them typed in jsonl', async () => {
      const { back, record } = await packAndRead(rows, 'rows : dataset[format=jsonl]');
      expect(back).toEqual(rows);
      expect((back as { at?: Date }[])[0]?.at).toBeInstanceOf(Date);
      expect((record as DatasetArtifact).schema?.fields[0]).toEqual({
        name: 'at',
        type: 'date',
        nullable: true,
      });
    });

    it('should refuse them in csv, where a column with missing keys holds JSON cells', async () => {
      const { manager } = builtinManager();
      await expectStowageRejection(
        manager.pack(rows, 'rows : dataset'),
        PackingError,
        'FORMAT_NOT_EXACT',
      );
    });
  });

  describe('when packing records as a csv dataset', () => {
    it('should write the same CSV and typed columns as a csv file', async () => {
      const rows = [{ a: 1, b: when }];
      const asDataset = await packAndRead(rows, 'rows : dataset');
      const asFile = await packAndRead(rows, 'rows : file[format=csv]');
      expect(asDataset.text).toBe('a,b\n1,1955-11-05T06:15:00.123Z');
      expect(asDataset.text).toBe(asFile.text);
      expect(asDataset.out.artifact.packaging?.instructions).toEqual(
        asFile.out.artifact.packaging?.instructions,
      );
    });
  });

  describe.each(['csv', 'jsonl'])('when packing scalars as a dataset in %s', (format) => {
    const hint = `values : dataset[format=${format}]`;

    it.each([
      ['numbers and null', [1, 2.5, null, -0, NaN], 'float64', true],
      ['whole numbers', [1, 2, 3], 'int64', false],
      ['strings', ['a', 'é', '', 'x,y'], 'string', false],
      ['Dates', [when, new Date(0)], 'date', false],
      ['bigints', [1n, -(2n ** 80n)], 'bigint', false],
      ['mixed scalars', [1, 'a', true, null], 'json', true],
    ])('should round-trip %s in a "value" column', async (_l, values, type, nullable) => {
      const { back, record, out } = await packAndRead(values, hint);
      expect(back).toEqual(values);
      expect((back as unknown[]).map((v) => Object.is(v, -0))).toEqual(
        values.map((v) => Object.is(v, -0)),
      );
      expect((record as DatasetArtifact).schema?.fields).toEqual([
        { name: 'value', type, nullable },
      ]);
      expect((record as DatasetArtifact).preview[0]).toEqual({ value: values[0] });
      expect(out.artifact.packaging?.instructions['valueColumn']).toBe('value');
    });
  });

  describe('when packing a value that is not a table as a dataset', () => {
    it.each([
      ['nested arrays', [[1, 2], [3]], 0, 'an array'],
      ['a scalar among records', [{ a: 1 }, 2], 1, 'a scalar (number)'],
      ['a record among scalars', [1, { a: 1 }], 1, 'a record among scalars'],
      ['a class instance', [new Map()], 0, 'an instance of Map'],
      // eslint-disable-next-line no-sparse-arrays
      ['a hole', [1, , 3], 1, 'a hole'],
    ])(
      'should refuse %s with DATASET_NOT_TABULAR naming the element',
      async (_l, value, index, reason) => {
        const { manager, repository } = builtinManager();
        const error = await expectStowageRejection(
          manager.pack(value, 'rows : dataset'),
          PackingError,
          'DATASET_NOT_TABULAR',
        );
        expect(error.message).toContain(`"rows"`);
        expect(error.message).toContain(`element [${index}] is ${reason}`);
        expect(error.details).toMatchObject({ key: 'rows', index });
        expect(error.fix).toMatch(/array of plain records/);
        expect(await repository.keys()).toEqual([]);
      },
    );

    it.each(['csv', 'jsonl'])(
      'should refuse a cell %s cannot hold with FORMAT_NOT_EXACT',
      async (format) => {
        const { manager } = builtinManager();
        const error = await expectStowageRejection(
          manager.pack([{ a: 1 }, { a: new Set([1]) }], `rows : dataset[format=${format}]`),
          PackingError,
          'FORMAT_NOT_EXACT',
        );
        expect(error.message).toMatch(/\$\[1\](\.a|\["a"\]) is an instance of Set/);
      },
    );

    it('should refuse a negative previewRows with OPTIONS_INVALID', async () => {
      const { manager } = builtinManager();
      await expectStowageRejection(
        manager.pack([{ a: 1 }], 'rows : dataset[previewRows=-1]'),
        OptionsError,
        'OPTIONS_INVALID',
      );
    });
  });

  describe('when packing a dataset', () => {
    it('should not mutate the rows', async () => {
      const rows = typedRows();
      const before = typedRows();
      await packAndRead(rows, 'rows : dataset');
      await packAndRead(rows, 'rows : dataset[format=jsonl]');
      expect(rows).toEqual(before);
    });

    it('should not alias the rows in the preview', async () => {
      const rows = [{ a: 1 }];
      const { out } = await packAndRead(rows, 'rows : dataset');
      expect((out.artifact as DatasetArtifact).preview[0]).not.toBe(rows[0]);
    });
  });
});
