import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore, RunContext } from '../../src';
import { artifactInputUris, runIndex, runIndexEntry } from '../../src/listing/run-index';
import { SegmentedIndex, type IndexEntry } from '../../src/listing/segmented-index';

describe('run index', () => {
  let root: string;
  let store: LocalStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stowage-test-run-index-'));
    store = new LocalStore({ root });
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  describe('artifactInputUris', () => {
    it('should keep each store:// URI once, in input order, from lists and dicts', () => {
      const uris = artifactInputUris({
        data: 'store://points@v1',
        models: ['store://model:prod', 'file:///tmp/x.csv', 3, null, 'store://points@v1'],
        named: { a: 'store://extra', b: { deep: ['store://deep@v9'] } },
        path: '/data/local.csv',
      });
      expect(uris).toEqual([
        'store://points@v1',
        'store://model:prod',
        'store://extra',
        'store://deep@v9',
      ]);
    });

    it('should find nothing in no inputs, scalars or non-store strings', () => {
      expect(artifactInputUris(undefined)).toEqual([]);
      expect(artifactInputUris({ a: 1, b: 's3://bucket/key', c: true })).toEqual([]);
    });
  });

  describe('when a run reads artifacts', () => {
    it('should index the store:// inputs with the run, and the rebuild should find the same', async () => {
      const run = await RunContext.start({
        store,
        name: 'score',
        inputs: { dataset: 'store://points@v1', models: ['store://model:prod', '/tmp/local'] },
        heartbeatMs: 0,
      });
      const id = (await run.complete()).id;
      const written = (await runIndex(store).read()).entries.get(id);
      expect(written?.inputs).toEqual(['store://points@v1', 'store://model:prod']);

      await rm(join(root, 'index'), { recursive: true, force: true });
      const rebuilt = await runIndex(store).read();
      expect(rebuilt.rebuilt).toBe(true);
      expect(rebuilt.entries.get(id)?.inputs).toEqual(['store://points@v1', 'store://model:prod']);
    });

    it('should leave the field out for a run without artifact inputs', () => {
      const entry = runIndexEntry({
        id: 'r1',
        name: 'n',
        status: 'completed',
        labels: {},
        startedAt: '2026-01-01T00:00:00.000Z',
        inputs: { path: '/tmp/x' },
      });
      expect('inputs' in entry).toBe(false);
    });
  });

  describe('when the index was written before it kept inputs', () => {
    it('should rebuild it from the records, inputs included', async () => {
      const run = await RunContext.start({
        store,
        name: 'old',
        inputs: { dataset: 'store://points@v1' },
        heartbeatMs: 0,
      });
      const id = (await run.complete()).id;
      await rm(join(root, 'index'), { recursive: true, force: true });
      // What an older writer left: the same index without the `inputs` field.
      const older = new SegmentedIndex<IndexEntry & { name?: string }>(store, {
        name: 'runs',
        fields: ['name', 'status', 'labels', 'startedAt', 'endedAt', 'host'],
        isEntry: (v): v is IndexEntry & { name?: string } => typeof v === 'object',
        rebuild: () => Promise.resolve([]),
      });
      await older.append([{ id, at: Date.now(), name: 'old' }]);

      const read = await runIndex(store).read();
      expect(read.rebuilt).toBe(true);
      expect(read.entries.get(id)?.inputs).toEqual(['store://points@v1']);
    });
  });
});
