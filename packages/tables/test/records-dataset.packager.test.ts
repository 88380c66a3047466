import {
  BUILTIN_PACKAGERS,
  DatasetArtifact,
  MemoryStore,
  OptionsError,
  PackagersManager,
  PackingError,
  StoreArtifactRepository,
  StowageError,
  TempScope,
  type PackedOutput,
} from '@stowage/core';
import { ArrowTablePackager } from '../src/arrow-table.packager';
import { RECORDS_DATASET_PACKAGER, RecordsDatasetPackager } from '../src/records-dataset.packager';
import { sniffTableFormat } from '../src/table-format';

const temps: TempScope[] = [];

function manager(): PackagersManager {
  const temp = new TempScope();
  temps.push(temp);
  const repository = new StoreArtifactRepository({
    store: new MemoryStore({ name: 'records-test' }),
    temp,
  });
  return new PackagersManager({
    repository,
    packagers: [...BUILTIN_PACKAGERS, ArrowTablePackager, RecordsDatasetPackager],
    warnings: { warn: () => undefined },
  });
}

afterAll(async () => {
  for (const t of temps) await t.dispose();
});

async function roundTrip(
  m: PackagersManager,
  value: unknown[],
  hint: string,
): Promise<{ out: PackedOutput; back: unknown; bytes: Uint8Array }> {
  const out = await m.pack(value, hint);
  if (out.kind !== 'artifact') throw new Error('expected an artifact');
  const item = await m.repository!.open(out.artifact.uri as string);
  return { out, back: await m.unpack(item, Array), bytes: await item.get() };
}

function datasetOf(out: PackedOutput): DatasetArtifact {
  if (out.kind !== 'artifact' || !(out.artifact instanceof DatasetArtifact))
    throw new Error('expected a dataset artifact');
  return out.artifact;
}

async function rejection(promise: Promise<unknown>): Promise<StowageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof StowageError))
    throw new Error(`expected a StowageError, got ${String(error)}`);
  return error.cause instanceof StowageError ? error.cause : error;
}

/** Every kind of value a records column holds, with nulls in one column and missing keys in another. */
function sampleRecords(): Record<string, unknown>[] {
  return [
    {
      n: -0,
      i: 9_007_199_254_740_993n,
      s: 'a ü 😀',
      b: true,
      d: new Date(-1),
      maybe: null,
      opt: 1,
    },
    { n: Number.NaN, i: -(2n ** 63n), s: '', b: false, d: new Date(8.64e15), maybe: 'x' },
    { n: Infinity, i: 2n ** 63n - 1n, s: 'a ü 😀', b: null, d: null, maybe: null, opt: 2 },
    { n: 1.5, i: null, s: null, b: true, d: new Date(0), maybe: 'y', opt: 3 },
  ];
}

describe(RecordsDatasetPackager, () => {
  describe.each(['parquet', 'arrow'])('when records are packed as format=%s', (format) => {
    it('should give back every value exactly, null apart from missing', async () => {
      const m = manager();
      const rows = sampleRecords();
      const { out, back, bytes } = await roundTrip(m, rows, `rows : dataset[format=${format}]`);
      expect(back).toEqual(rows);
      const got = back as Record<string, unknown>[];
      expect(Object.is(got[0]?.['n'], -0)).toBe(true);
      expect(Number.isNaN(got[1]?.['n'])).toBe(true);
      expect('opt' in (got[1] as object)).toBe(false);
      expect(got[0]?.['maybe']).toBeNull();
      expect(got[0]?.['d']).toBeInstanceOf(Date);
      const artifact = datasetOf(out);
      expect(sniffTableFormat(bytes)).toBe(format);
      expect(artifact.packaging?.packager).toBe(RECORDS_DATASET_PACKAGER);
      expect(artifact.schema?.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
        'n:float64',
        'i:int64',
        's:string',
        'b:bool',
        'd:timestamp[ms]',
        'maybe:string',
        'opt:float64',
      ]);
      expect(artifact.rowCount).toBe(4);
      expect(artifact.stats?.['s']).toMatchObject({ count: 3, nulls: 1, distinct: 2 });
      expect(artifact.stats?.['n']).toMatchObject({ count: 4, nans: 1, max: 'Infinity' });
    });

    it('should give back an array of scalars, undefined and null kept apart by column', async () => {
      const m = manager();
      const { back } = await roundTrip(m, [1n, null, 3n], `xs : dataset[format=${format}]`);
      expect(back).toEqual([1n, null, 3n]);
      const missing = await roundTrip(m, ['a', undefined], `ys : dataset[format=${format}]`);
      expect(missing.back).toEqual(['a', undefined]);
    });
  });

  describe('when a column cannot be held exactly', () => {
    it.each([
      ['mixes kinds', [{ a: 1 }, { a: 'x' }], 'a', 1],
      ['holds a nested record', [{ a: { b: 1 } }], 'a', 0],
      ['holds an Invalid Date', [{ d: new Date(Number.NaN) }], 'd', 0],
      ['holds a bigint past 64 bits', [{ big: 2n ** 64n }], 'big', 0],
      ['holds a lone surrogate', [{ t: 'ok' }, { t: '\ud800' }], 't', 1],
      ['has null and missing cells', [{ a: null }, {}], 'a', 1],
    ])('should refuse a column that %s, naming it', async (_what, rows, column, row) => {
      const error = await rejection(manager().pack(rows, 'bad : dataset[format=parquet]'));
      expect(error).toBeInstanceOf(PackingError);
      expect(error.code).toBe('TABLE_TYPE_UNSUPPORTED');
      expect(error.details).toMatchObject({ column, row });
      expect(error.message).toContain(`"${column}"`);
    });

    it('should pack the other columns when the column is left out with columns', async () => {
      const rows = [
        { a: 1, bad: { x: 1 } },
        { a: 2, bad: null },
      ];
      const { back } = await roundTrip(
        manager(),
        rows,
        'ok : dataset[format=parquet, columns=[a]]',
      );
      expect(back).toEqual([{ a: 1 }, { a: 2 }]);
    });
  });

  describe('when the format is csv or jsonl', () => {
    it('should write the same bytes as core and read them back typed', async () => {
      const rows = [
        { a: 1, s: 'x', when: new Date(5) },
        { a: 2, s: 'y', when: null },
      ];
      const core = new PackagersManager({
        repository: new StoreArtifactRepository({ store: new MemoryStore({ name: 'core' }) }),
        warnings: { warn: () => undefined },
        packagers: [...BUILTIN_PACKAGERS],
      });
      const mine = await roundTrip(manager(), rows, 'rows : dataset[format=jsonl]');
      const theirs = await roundTrip(core, rows, 'rows : dataset[format=jsonl]');
      const a = datasetOf(mine.out);
      const b = datasetOf(theirs.out);
      expect(Buffer.from(mine.bytes).toString()).toBe(Buffer.from(theirs.bytes).toString());
      // csv and jsonl stay core's: the record names core's packager, readable without tables.
      expect(a.packaging?.packager).toBe('stowage.array');
      expect(b.packaging?.packager).toBe('stowage.array');
      expect(a.stats).toEqual(b.stats);
      expect(mine.back).toEqual(rows);
    });

    it('should leave a table-only option without a table format to core, which refuses it by name', async () => {
      const error = await rejection(manager().pack([{ a: 1 }], 'r : dataset[compression=zstd]'));
      expect(error).toBeInstanceOf(OptionsError);
      expect(error.code).toBe('OPTIONS_UNKNOWN');
      expect(error.details).toMatchObject({ option: 'compression' });
    });

    it('should refuse an unknown format by its allowed list', async () => {
      const error = await rejection(manager().pack([{ a: 1 }], 'r : dataset[format=xlsx]'));
      expect(error).toBeInstanceOf(OptionsError);
      expect(error.code).toBe('OPTIONS_NOT_ALLOWED');
    });
  });

  describe('when an array is logged without the dataset type', () => {
    it('should be left to core, and explain should say why', () => {
      const m = manager();
      const explained = m.explain([{ a: 1 }], 'rows');
      expect(explained.chosen?.packager).toBe('stowage.array');
      const mine = explained.candidates.find((c) => c.packager === RECORDS_DATASET_PACKAGER);
      expect(mine?.reason).toContain('isPackable() returned false');
      const asDataset = m.explain([{ a: 1 }], 'rows : dataset[format=parquet]');
      expect(asDataset.chosen?.packager).toBe(RECORDS_DATASET_PACKAGER);
      const core = asDataset.candidates.find((c) => c.packager === 'stowage.array');
      expect(core?.reason).toContain('priority 4 beats 5');
    });
  });
});
