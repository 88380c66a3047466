import { Artifact, MemoryStore, StoreArtifactRepository } from '@stowage/core';
import type { Body, PutOptions, PutResult } from '@stowage/core';

/** A memory store that remembers what each put asked to be flushed before it. */
class FlushRecordingStore extends MemoryStore {
  readonly syncFirst = new Map<string, readonly string[]>();

  override async put(path: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    if (options.syncFirst !== undefined) this.syncFirst.set(path, options.syncFirst);
    return super.put(path, body, options);
  }
}

describe(StoreArtifactRepository, () => {
  describe('when a file stored as a shared blob is committed', () => {
    it.each([
      ['a small blob (staged unflushed)', 2048],
      ['a big blob (flushed while hashed)', 2 * 1024 * 1024],
    ])('should flush %s before the record appears', async (_label, size) => {
      const store = new FlushRecordingStore();
      const repo = new StoreArtifactRepository({
        store,
        dedupMinBytes: 1024,
        inlineMaxBytes: 0,
      });
      try {
        const logged = await repo.log(
          new Artifact({ key: 'weights', body: Buffer.alloc(size, 7), format: 'bin' }),
        );
        expect(logged.blobFiles).toEqual(['data.bin']);
        const record = `artifacts/weights/records/${logged.version}.json`;
        expect(store.syncFirst.get(record)).toContain(
          `blobs/sha256/${logged.sha256!.slice(0, 2)}/${logged.sha256}`,
        );
      } finally {
        await repo.dispose();
      }
    });
  });
});
