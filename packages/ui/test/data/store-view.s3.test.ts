import { randomBytes } from 'node:crypto';
import { Artifact, RunContext } from '@stowage/core';
import { parseRunRecord, serializeRunRecord } from '@stowage/core/internal';
import { S3Store } from '@stowage/s3';
import { describeS3, freshBucket } from '../../../s3/test/helpers/s3-test-server';
import { logS3Requests } from '../../../bullmq/test/helpers/s3-request-log';
import { StoreView, type KeyEntry, type RunEntry } from '../../src/data/store-view';

/** The first page of the runs list and of the artifacts list, verified. */
async function pages(view: StoreView): Promise<{ runs: RunEntry[]; keys: KeyEntry[] }> {
  const runs = await view.verifyRuns((await view.newestRuns(50)).rows);
  const keys = await view.verifyKeys((await view.firstKeys(50)).rows);
  return { runs, keys };
}

describeS3('StoreView on S3', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  let store: S3Store;
  const runIds: string[] = [];
  beforeAll(async () => {
    bucket = await freshBucket();
    store = new S3Store({ ...bucket.options, prefix: `ui-${randomBytes(4).toString('hex')}` });
    for (let i = 0; i < 6; i++) {
      const run = await RunContext.start({ store, name: `train-${i}`, labels: { i: `${i}` } });
      await run.logArtifact(
        new Artifact({ key: `data-${i % 3}`, body: Buffer.from(`${i}`), fileName: 'x.txt' }),
      );
      await run.complete();
      runIds.push(run.id);
    }
    // A first read writes the index's snapshot.
    await pages(new StoreView({ store }));
  });
  afterAll(async () => {
    await store.close();
    await bucket.cleanup();
  });

  describe('when the first pages are shown', () => {
    it('should confirm every row with a LIST instead of reading its records', async () => {
      const log = logS3Requests(store);
      const view = new StoreView({ store });

      const { runs, keys } = await pages(view);

      expect(runs).toHaveLength(6);
      expect(keys).toHaveLength(3);
      expect(runs.every((r) => r.confirmed === true)).toBe(true);
      expect(keys.every((k) => k.confirmed === true)).toBe(true);
      const gets = log.filter((r) => r.command === 'GetObject').map((r) => r.key);
      expect(gets.filter((k) => k.startsWith('runs/') || k.includes('/records/'))).toEqual([]);
      // Besides the index (a LIST and its objects, per list), one range LIST per list.
      expect(gets.filter((k) => !k.startsWith('index/'))).toEqual([]);
      expect(log.filter((r) => r.command === 'ListObjectsV2')).toHaveLength(4);
      expect(log.filter((r) => !['GetObject', 'ListObjectsV2'].includes(r.command))).toEqual([]);
    });
  });

  describe('when a run record was rewritten behind the index', () => {
    it('should show the record', async () => {
      const id = runIds[2] as string;
      const path = `runs/${id}.json`;
      const record = parseRunRecord(await store.get(path), path);
      await store.put(path, serializeRunRecord({ ...record, name: 'renamed-on-s3' }));
      const view = new StoreView({ store });

      const { runs } = await pages(view);

      const row = runs.find((r) => r.id === id);
      expect(row?.record?.name).toBe('renamed-on-s3');
      expect(row?.confirmed).toBeUndefined();
    });
  });

  describe('when a run record was deleted behind the index', () => {
    it('should drop its row', async () => {
      const id = runIds[4] as string;
      await store.delete(`runs/${id}.json`);
      const view = new StoreView({ store });

      const { runs } = await pages(view);

      expect(runs.map((r) => r.id)).not.toContain(id);
      expect(runs).toHaveLength(5);
    });
  });
});
