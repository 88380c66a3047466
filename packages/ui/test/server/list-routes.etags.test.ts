import { parseRunRecord, serializeRunRecord } from '@stowage/core/internal';
import { startUiServer, type UiServer } from '../../src';
import { etagStore, type EtagStore } from '../helpers/etag-store';
import { sampleStore, type SampleStore } from '../helpers/sample-store';
import { send } from '../helpers/ui-client';

/** The body of `path` from a new server on `store` (nothing cached). */
async function page(store: EtagStore['store'], path: string): Promise<string> {
  const ui: UiServer = await startUiServer({ store });
  try {
    const answer = await send(ui.port, path);
    expect(answer.status).toBe(200);
    return answer.body;
  } finally {
    await ui.close();
  }
}

describe('the runs and artifacts lists on a store that lists ETags', () => {
  let sample: SampleStore;
  beforeAll(async () => {
    sample = await sampleStore();
    // A first read writes the index's snapshot (a new store has only log segments).
    await page(sample.store, '/runs');
    await page(sample.store, '/artifacts');
  });
  afterAll(() => sample.remove());

  describe('when the rows are confirmed by listing', () => {
    it('should serve the same pages as reading every record, reading no record', async () => {
      for (const path of ['/runs', '/artifacts', '/runs?sort=name', '/artifacts?q=o']) {
        const s3like = etagStore(sample.store);
        const listed = await page(s3like.store, path);
        expect(listed).toBe(await page(sample.store, path));
        expect(s3like.gets.filter((p) => p.startsWith('runs/'))).toEqual([]);
        expect(s3like.gets.filter((p) => p.includes('/records/'))).toEqual([]);
      }
    });
  });

  describe('when a run record was rewritten behind the index', () => {
    it('should show the record on the runs list', async () => {
      const path = `runs/${sample.trainRun2}.json`;
      const record = parseRunRecord(await sample.store.get(path), path);
      await sample.store.put(path, serializeRunRecord({ ...record, name: 'renamed-behind' }));

      const body = await page(etagStore(sample.store).store, '/runs');

      expect(body).toContain('renamed-behind');
    });
  });
});
