import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntegrityError, RunContext, type Store } from '@stowage/core';
import {
  artifactIndex,
  deletedVersionEntry,
  runIndex,
  runIndexEntry,
} from '@stowage/core/internal';
import { inputRefs, StoreView } from '../../src/data/store-view';
import { sampleStore, type SampleStore } from '../helpers/sample-store';

/** The store, with a count of the objects read through `get`. */
function counting(store: Store): { store: Store; gets: () => number } {
  let gets = 0;
  const wrapped = Object.create(store) as Store;
  wrapped.get = (path, range) => {
    gets += 1;
    return store.get(path, range);
  };
  return { store: wrapped, gets: () => gets };
}

describe(StoreView, () => {
  let sample: SampleStore;
  beforeAll(async () => {
    sample = await sampleStore();
  });
  afterAll(() => sample.remove());

  describe('when the runs are listed again with nothing changed', () => {
    it('should read the index listing again but no object again', async () => {
      const { store, gets } = counting(sample.store);
      const view = new StoreView({ store, cacheMs: 0 });
      const first = await view.listRuns();
      expect(first).toHaveLength(5);
      const afterFirst = gets();
      await view.listRuns();
      expect(gets()).toBe(afterFirst);
    });

    it('should read only the index segments a new run added', async () => {
      const { store, gets } = counting(sample.store);
      const view = new StoreView({ store, cacheMs: 0 });
      await view.listRuns();
      const before = gets();
      const extra = await RunContext.start({ store: sample.store, name: 'extra' });
      await extra.complete();
      const again = await view.listRuns();
      expect(again[0]?.record?.name).toBe('extra');
      expect(again[0]?.record?.status).toBe('completed');
      // One segment when it started, one when it completed; no run record was read.
      expect(gets() - before).toBe(2);
    });
  });

  describe('when the rows of a page are verified', () => {
    it('should show the stored record, not the summary the index holds', async () => {
      const view = new StoreView({ store: sample.store });
      const rows = (await view.listRuns()).slice(0, 2);
      expect(rows.every((r) => r.indexed === true)).toBe(true);
      const verified = await view.verifyRuns(rows);
      expect(verified.map((r) => r.id)).toEqual(rows.map((r) => r.id));
      expect(verified.every((r) => r.indexed !== true && r.record !== undefined)).toBe(true);
    });
  });

  describe('when the index lists what the store does not hold', () => {
    it('should drop the run and the key whose records are missing from the rows shown', async () => {
      await runIndex(sample.store).append([
        runIndexEntry({
          id: '29991231T000000000Z-ghostghost',
          name: 'ghost',
          status: 'completed',
          labels: {},
          startedAt: '2999-12-31T00:00:00.000Z',
        }),
      ]);
      await artifactIndex(sample.store).append([
        {
          id: 'ghost@20990101T000000000Z-ghostghost',
          at: Date.now(),
          key: 'ghost',
          version: '20990101T000000000Z-ghostghost',
          kind: 'model',
        },
      ]);
      const view = new StoreView({ store: sample.store });
      const runs = await view.listRuns();
      expect(runs[0]?.id).toBe('29991231T000000000Z-ghostghost');
      const shown = await view.verifyRuns(runs.slice(0, 3));
      expect(shown.map((r) => r.id)).toEqual(runs.slice(1, 3).map((r) => r.id));
      const keys = await view.listKeys();
      expect(keys.map((k) => k.key)).toContain('ghost');
      expect((await view.verifyKeys(keys)).map((k) => k.key)).not.toContain('ghost');
    });

    it('should show the newest stored version when the index names a newer one that is not stored', async () => {
      const stored: string[] = [];
      for await (const { path } of sample.store.list('artifacts/points/records/'))
        stored.push(path.split('/').pop() ?? '');
      const newestStored = stored.sort().pop()?.replace('.json', '');
      const row = {
        key: 'points',
        versions: ['29991231T000000000Z-notstored', newestStored ?? ''],
        tags: [],
        indexed: true as const,
      };
      const view = new StoreView({ store: sample.store });

      const [shown] = await view.verifyKeys([row]);

      expect(shown?.error).toBeUndefined();
      expect(shown?.latest?.version).toBe(newestStored);
      expect(shown?.versions[0]).toBe(newestStored);
    });
  });

  describe('when a run record is damaged', () => {
    it('should list it with its integrity error instead of failing the list', async () => {
      const path = join(sample.root, 'runs', `${sample.xssRun}.json`);
      writeFileSync(path, '{"id":"x","status":"completed","schemaVersion":3,"recordSha256":"00"}');
      const view = new StoreView({ store: sample.store });
      const listed = (await view.listRuns()).filter((e) => e.id === sample.xssRun);
      const [entry] = await view.verifyRuns(listed);
      expect(entry?.record).toBeUndefined();
      expect(IntegrityError.is(entry?.error)).toBe(true);
      expect((entry?.error as IntegrityError).code).toBe('RECORD_CORRUPT');
    });
  });

  describe('when the first rows are asked for in the default order', () => {
    it('should give the rows, count and kinds the whole listing gives', async () => {
      const view = new StoreView({ store: sample.store, cacheMs: 0 });
      const runs = await view.listRuns();
      const keys = await view.listKeys();

      const newest = await view.newestRuns(3);
      const first = await view.firstKeys(2);

      expect(newest.rows.map((r) => r.id)).toEqual(runs.slice(0, 3).map((r) => r.id));
      expect(newest.rows.every((r) => r.indexed === true)).toBe(true);
      expect(newest.total).toBe(runs.length);
      expect(first.rows.map((k) => [k.key, k.kind])).toEqual(
        keys.slice(0, 2).map((k) => [k.key, k.kind]),
      );
      expect(first.total).toBe(keys.length);
      expect(first.kinds).toEqual(
        [...new Set(keys.map((k) => k.kind).filter((k) => k !== undefined))].sort(),
      );
    });

    it('should read only the snapshot parts holding those rows', async () => {
      // Fold both indexes into parts of one run / one key each.
      await runIndex(sample.store, 1, 1).read();
      await runIndex(sample.store, 1, 1).read();
      await artifactIndex(sample.store, 1, 1).read();
      await artifactIndex(sample.store, 1, 1).read();
      const { store, gets } = counting(sample.store);
      const view = new StoreView({ store, cacheMs: 0 });

      const newest = await view.newestRuns(2);
      const afterRuns = gets();
      const first = await view.firstKeys(2);

      expect(newest.rows).toHaveLength(2);
      expect(first.rows).toHaveLength(2);
      // The manifest and two parts each, though the store holds more runs and keys.
      expect(newest.total).toBeGreaterThan(3);
      expect(first.total).toBeGreaterThan(3);
      expect(afterRuns).toBe(3);
      expect(gets() - afterRuns).toBe(3);
    });
  });

  describe('when every key is listed (a filtered artifacts list)', () => {
    it('should take the keys and their newest kinds from the manifest, reading no part', async () => {
      await artifactIndex(sample.store, 1, 1).read();
      await artifactIndex(sample.store, 1, 1).read();
      const whole = await new StoreView({ store: sample.store, cacheMs: 0 }).firstKeys(1000);
      const { store, gets } = counting(sample.store);
      const view = new StoreView({ store, cacheMs: 0 });

      const keys = await view.listKeys();

      expect(keys.map((k) => [k.key, k.kind])).toEqual(whole.rows.map((k) => [k.key, k.kind]));
      expect(keys.length).toBeGreaterThan(3);
      expect(gets()).toBe(1);
    });

    it('should see a version logged since the snapshot, from the part it falls in', async () => {
      await artifactIndex(sample.store, 1, 1).read();
      const view = new StoreView({ store: sample.store, cacheMs: 0 });
      const before = (await view.listKeys()).find((k) => k.key === 'points');
      await artifactIndex(sample.store).append([
        {
          id: 'points@29991231T000000000Z-newest',
          at: Date.now(),
          key: 'points',
          version: '29991231T000000000Z-newest',
          kind: 'plot',
        },
      ]);
      try {
        const after = (await view.listKeys()).find((k) => k.key === 'points');
        expect(before?.kind).toBe('dataset');
        expect(after?.kind).toBe('plot');
      } finally {
        await artifactIndex(sample.store).append([
          deletedVersionEntry('points', '29991231T000000000Z-newest'),
        ]);
      }
    });
  });

  describe('when a run read a collection of artifacts', () => {
    it('should flatten its inputs into named references', () => {
      const refs = inputRefs({
        inputs: {
          models: ['store://m@20260101T000000000Z-aaaaaaaaaa', 'plain.txt'],
          one: { a: 'store://d:prod' },
        },
      } as never);
      expect(refs).toEqual([
        {
          name: 'models[0]',
          uri: 'store://m@20260101T000000000Z-aaaaaaaaaa',
          key: 'm',
          version: '20260101T000000000Z-aaaaaaaaaa',
        },
        { name: 'models[1]', uri: 'plain.txt' },
        { name: 'one.a', uri: 'store://d:prod', key: 'd', tag: 'prod' },
      ]);
    });
  });
});
