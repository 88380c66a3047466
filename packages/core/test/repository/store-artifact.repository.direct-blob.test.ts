import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Artifact, MemoryStore, StoreArtifactRepository, StoreError } from '@stowage/core';
import type { Body, PutOptions, PutResult } from '@stowage/core';

const blobPath = (sha256: string): string => `blobs/sha256/${sha256.slice(0, 2)}/${sha256}`;

/** A memory store whose `move` stands for a server-side copy (as on S3): it counts both. */
class CopyingMoveStore extends MemoryStore {
  readonly moveCopies = true;
  readonly puts: string[] = [];
  moves = 0;
  /** Overwrites the buffers of the next blob put before it is stored (a caller racing the write). */
  scribble = false;

  override async put(path: string, body: Body, options: PutOptions = {}): Promise<PutResult> {
    this.puts.push(path);
    if (this.scribble && path.startsWith('blobs/') && body instanceof Uint8Array) body.fill(9);
    return super.put(path, body, options);
  }

  override async move(from: string, to: string): Promise<void> {
    this.moves += 1;
    return super.move(from, to);
  }
}

describe(StoreArtifactRepository, () => {
  let store: CopyingMoveStore;
  let repo: StoreArtifactRepository;
  beforeEach(() => {
    store = new CopyingMoveStore({ name: 'direct-blob-test' });
    repo = new StoreArtifactRepository({ store, dedupMinBytes: 1024, inlineMaxBytes: 0 });
  });
  afterEach(() => repo.dispose());

  describe('when a big in-memory file goes to a store whose move copies', () => {
    it('should put it once, straight at its blob path, and read it back', async () => {
      const header = Buffer.from('head');
      const data = Buffer.alloc(4096, 3);
      const sha256 = createHash('sha256').update(header).update(data).digest('hex');
      const logged = await repo.log(new Artifact({ key: 'weights', body: [header, data] }));
      expect(logged.sha256).toBe(sha256);
      expect(logged.blobFiles).toEqual(['data']);
      expect(store.moves).toBe(0);
      expect(store.puts.filter((p) => p.includes('/versions/'))).toEqual([]);
      expect(store.puts).toContain(blobPath(sha256));
      const back = await repo.item(await repo.read('weights')).get();
      expect(back.equals(Buffer.concat([header, data]))).toBe(true);
    });

    it('should still write a small file in its version folder', async () => {
      const logged = await repo.log(new Artifact({ key: 'note', body: Buffer.from('small') }));
      expect(logged.blobFiles).toBeUndefined();
      expect(store.puts).toContain(`artifacts/note/versions/${logged.version}/data`);
    });
  });

  describe('when a big stream goes to a store whose move copies', () => {
    it('should write it to its version folder and move it (its hash is only known at the end)', async () => {
      const logged = await repo.log(
        new Artifact({ key: 'stream', body: Readable.from([Buffer.alloc(4096, 5)]) }),
      );
      expect(logged.blobFiles).toEqual(['data']);
      expect(store.moves).toBe(1);
    });
  });

  describe('when the buffer changes while it is written to its blob', () => {
    it('should fail with a StoreError and keep neither the blob nor a record', async () => {
      store.scribble = true;
      const body = Buffer.alloc(4096, 3);
      const sha256 = createHash('sha256').update(body).digest('hex');
      const failure = await repo.log(new Artifact({ key: 'raced', body })).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(StoreError);
      expect((failure as StoreError).code).toBe('STORE_FAILED');
      const left: string[] = [];
      for await (const { path } of store.list('')) left.push(path);
      expect(left.filter((p) => p.startsWith('blobs/') || p.includes('raced/records'))).toEqual([]);
      expect(await store.stat(blobPath(sha256))).toBeUndefined();
    });
  });
});
