import { ArtifactKinds, type Store } from '@stowage/core';
import {
  parseArtifactRecord,
  parseRunRecord,
  serializeArtifactRecord,
  serializeRunRecord,
} from '@stowage/core/internal';
import { StoreView, type KeyEntry, type RunEntry } from '../../src/data/store-view';
import { etagStore, type EtagStore } from '../helpers/etag-store';
import { sampleStore, type SampleStore } from '../helpers/sample-store';

/** What a runs row shows. */
function shownRun(e: RunEntry): unknown {
  const r = e.record;
  return [e.id, r?.name, r?.status, r?.labels, r?.startedAt, r?.endedAt, r?.runner?.host];
}

/** What an artifacts row shows. */
function shownKey(e: KeyEntry): unknown {
  return [e.key, e.versions, e.tags, e.summary];
}

/** The rows of the first page of each list, verified. */
async function pages(view: StoreView): Promise<{ runs: RunEntry[]; keys: KeyEntry[] }> {
  const runs = await view.verifyRuns((await view.newestRuns(50)).rows);
  const keys = await view.verifyKeys((await view.firstKeys(50)).rows);
  return { runs, keys };
}

describe(StoreView, () => {
  let sample: SampleStore;
  let s3like: EtagStore;
  beforeEach(async () => {
    sample = await sampleStore();
    // A first read writes the index's snapshot (a new store has only log segments).
    await pages(new StoreView({ store: sample.store }));
    s3like = etagStore(sample.store);
  });
  afterEach(() => sample.remove());

  describe('when the store lists ETags that are the MD5 of the records', () => {
    it('should confirm the rows by listing, reading no run record and no newest version record', async () => {
      const view = new StoreView({ store: s3like.store });
      const lists = s3like.lists();

      const { runs, keys } = await pages(view);

      expect(runs.length).toBeGreaterThan(1);
      expect(runs.every((r) => r.confirmed === true)).toBe(true);
      expect(keys.every((k) => k.confirmed === true)).toBe(true);
      expect(s3like.gets.filter((p) => p.startsWith('runs/'))).toEqual([]);
      expect(s3like.gets.filter((p) => p.includes('/records/'))).toEqual([]);
      // The index (a listing each) and one range LIST per list.
      expect(s3like.lists() - lists).toBeLessThanOrEqual(4);
    });

    it('should show what reading every record shows', async () => {
      const confirmed = await pages(new StoreView({ store: s3like.store }));
      const read = await pages(new StoreView({ store: sample.store }));

      expect(read.runs.some((r) => r.confirmed === true)).toBe(false);
      expect(confirmed.runs.map(shownRun)).toEqual(read.runs.map(shownRun));
      expect(confirmed.keys.map(shownKey)).toEqual(read.keys.map(shownKey));
    });
  });

  describe('when a run record was rewritten behind the index', () => {
    it('should read it and show the record, not the index', async () => {
      const path = `runs/${sample.trainRun}.json`;
      const record = parseRunRecord(await sample.store.get(path), path);
      await sample.store.put(path, serializeRunRecord({ ...record, name: 'renamed-behind' }));
      const view = new StoreView({ store: s3like.store });

      const { runs } = await pages(view);

      const row = runs.find((r) => r.id === sample.trainRun);
      expect(row?.record?.name).toBe('renamed-behind');
      expect(row?.confirmed).toBeUndefined();
      expect(s3like.gets.filter((p) => p.startsWith('runs/'))).toEqual([path]);
    });
  });

  describe('when a run record was deleted behind the index', () => {
    it('should drop its row', async () => {
      await sample.store.delete(`runs/${sample.trainRun}.json`);
      const view = new StoreView({ store: s3like.store });

      const { runs } = await pages(view);

      expect(runs.map((r) => r.id)).not.toContain(sample.trainRun);
      expect(runs.length).toBeGreaterThan(1);
    });
  });

  describe("when a record's ETag is not an MD5 (multipart, encrypted)", () => {
    it('should read the record', async () => {
      const path = `runs/${sample.prepareRun}.json`;
      s3like.etagOverrides.set(path, '9b2cf535f27731c974343645a3985328-2');
      const view = new StoreView({ store: s3like.store });

      const { runs } = await pages(view);

      expect(runs.find((r) => r.id === sample.prepareRun)?.confirmed).toBeUndefined();
      expect(s3like.gets.filter((p) => p.startsWith('runs/'))).toEqual([path]);
    });
  });

  describe("when a key's newest record was rewritten behind the index", () => {
    it('should read it and show the record, not the index', async () => {
      const listed: string[] = [];
      for await (const { path } of sample.store.list('artifacts/classifier/records/'))
        listed.push(path);
      const path = listed.sort().pop() as string;
      const artifact = parseArtifactRecord(
        await sample.store.get(path),
        ArtifactKinds.builtin(),
        path,
      );
      Object.assign(artifact, { createdAt: '2001-01-01T00:00:00.000Z' });
      await sample.store.put(path, serializeArtifactRecord(artifact));
      const view = new StoreView({ store: s3like.store });

      const { keys } = await pages(view);

      const row = keys.find((k) => k.key === 'classifier');
      expect(row?.summary?.createdAt).toBe('2001-01-01T00:00:00.000Z');
      expect(row?.confirmed).toBeUndefined();
    });
  });

  describe("when a key's newest record was deleted behind the index", () => {
    it('should show the version before it', async () => {
      const [older, newest] = sample.classifierVersions;
      await sample.store.delete(`artifacts/classifier/records/${newest}.json`);
      const view = new StoreView({ store: s3like.store });

      const { keys } = await pages(view);

      const row = keys.find((k) => k.key === 'classifier');
      expect(row?.versions).toEqual([older]);
      expect(row?.summary?.version).toBe(older);
    });
  });

  describe('when the store lists no ETags (local)', () => {
    it('should list nothing but the index and read every row', async () => {
      const listed: string[] = [];
      const store = Object.create(sample.store) as Store;
      store.list = (prefix, options) => {
        listed.push(prefix);
        return sample.store.list(prefix, options);
      };
      const view = new StoreView({ store });

      const { runs, keys } = await pages(view);

      expect(runs.every((r) => r.confirmed === undefined && r.indexed !== true)).toBe(true);
      expect(keys.every((k) => k.confirmed === undefined)).toBe(true);
      expect(listed.filter((p) => p === 'runs/' || p === 'artifacts/')).toEqual([]);
    });
  });
});
