import { Artifact, MemoryStore, StoreArtifactRepository, StoreError } from '@stowage/core';
import type { Body, ObjectStat, PutOptions, PutResult } from '@stowage/core';

/**
 * A memory store that records, for each `stat` of a blob, whether a listing segment's put had
 * already started when the stat answered (stats answer one event-loop turn late, as a round
 * trip would).
 */
class RoundCountingStore extends MemoryStore {
  readonly moveCopies = true;
  indexPutsStarted = 0;
  readonly blobStats: { readonly indexPutStarted: boolean }[] = [];
  /** Makes every blob `stat` answer "missing" (gc took the blob between staging and commit). */
  blobGone = false;

  override async put(path: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    if (path.startsWith('index/')) this.indexPutsStarted += 1;
    return super.put(path, body, options);
  }

  override async stat(path: string): Promise<ObjectStat | undefined> {
    const found = await super.stat(path);
    if (!path.startsWith('blobs/')) return found;
    await new Promise((resolve) => setImmediate(resolve));
    this.blobStats.push({ indexPutStarted: this.indexPutsStarted > 0 });
    return this.blobGone ? undefined : found;
  }
}

describe(StoreArtifactRepository, () => {
  let store: RoundCountingStore;
  let repo: StoreArtifactRepository;
  beforeEach(() => {
    store = new RoundCountingStore({ name: 'commit-rounds-test' });
    repo = new StoreArtifactRepository({ store, dedupMinBytes: 1024, inlineMaxBytes: 0 });
  });
  afterEach(() => repo.dispose());

  describe('when a version with a blob is committed', () => {
    it('should write the listing entry while the blob is checked, not after', async () => {
      await repo.log(new Artifact({ key: 'weights', body: Buffer.alloc(4096, 7) }));
      // Two checks: before the record (overlapping the listing entry) and after it.
      expect(store.blobStats).toEqual([{ indexPutStarted: true }, { indexPutStarted: true }]);
      expect(store.indexPutsStarted).toBe(1);
    });
  });

  describe('when the blob is gone at commit time', () => {
    it('should fail with STORE_FAILED and leave neither record nor listing entry', async () => {
      const staged = await repo.stage(new Artifact({ key: 'weights', body: Buffer.alloc(4096) }));
      store.blobGone = true;
      const failure = await repo.commit(staged).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StoreError);
      expect(failure).toMatchObject({ code: 'STORE_FAILED' });
      const left: string[] = [];
      for await (const { path } of store.list('')) left.push(path);
      expect(left.filter((p) => p.startsWith('index/') || p.includes('/records/'))).toEqual([]);
      expect(store.indexPutsStarted).toBe(1);
    });
  });
});
