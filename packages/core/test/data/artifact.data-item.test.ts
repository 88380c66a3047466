import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Artifact } from '../../src/artifacts/artifact';
import { ArtifactLayout } from '../../src/artifacts/artifact-layout';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { IntegrityError } from '../../src/errors/integrity.error';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import type { SizedStream } from '../../src/stores/store';
import { TempScope } from '../../src/temp/temp-scope';

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const payload = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));

describe('ArtifactDataItem', () => {
  let root: string;
  let store: LocalStore;
  let repo: StoreArtifactRepository;
  let file: string;
  let version: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-item-'));
    store = new LocalStore({ root, fsync: false });
    repo = new StoreArtifactRepository({ store });
    const logged = await repo.log(
      new Artifact({
        key: 'data',
        body: payload,
        fileName: 'p.bin',
        files: { 'side.txt': Buffer.from('side') },
      }),
    );
    version = logged.version as string;
    file = store.localPath(ArtifactLayout.file('data', version, 'p.bin'));
  });
  afterEach(async () => {
    await repo.dispose();
    await fs.rm(root, { recursive: true, force: true });
  });

  describe('when the bytes are intact', () => {
    it('should read, stream, parse and give the store file as local path', async () => {
      const item = await repo.open('store://data');
      expect(item.url).toBe(`store://data@${version}`);
      expect(item.meta?.size).toBe(payload.length);
      expect((await item.get()).equals(payload)).toBe(true);
      expect((await drain(await item.stream())).equals(payload)).toBe(true);
      expect(await item.local()).toBe(file);
      expect(await item.file('side.txt').getText()).toBe('side');
      expect(item.file('side.txt').url).toBe(`store://data@${version}#side.txt`);
    });
  });

  describe('when a byte is flipped', () => {
    it('should throw IntegrityError naming key, version and store on every read path', async () => {
      const bytes = await fs.readFile(file);
      bytes[1234] = (bytes[1234] as number) ^ 0xff;
      await fs.writeFile(file, bytes);
      const item = await repo.open('store://data');
      for (const read of [
        () => item.get(),
        async () => drain(await item.stream()),
        () => item.local(),
      ]) {
        const error = await read().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(IntegrityError.is(error)).toBe(true);
        expect(error).toMatchObject({
          code: 'INTEGRITY_MISMATCH',
          details: { key: 'data', version, store: store.url },
        });
        expect((error as Error).message).toContain('sha256');
      }
    });
  });

  describe('when the file is truncated or grown', () => {
    it.each([
      ['truncated', (b: Buffer) => b.subarray(0, 1000)],
      ['grown', (b: Buffer) => Buffer.concat([b, Buffer.from('x')])],
    ])('should throw IntegrityError about the size when %s', async (_what, change) => {
      await fs.writeFile(file, change(await fs.readFile(file)));
      const item = await repo.open('store://data');
      await expect(item.get()).rejects.toThrow(/size is \d+ bytes, the record says 200000/);
      await expect(drain(await item.stream())).rejects.toMatchObject({
        code: 'INTEGRITY_MISMATCH',
      });
    });
  });

  describe('when the bytes were deleted', () => {
    it('should throw NotFoundError naming the path and store', async () => {
      await fs.rm(file);
      const item = await repo.open('store://data');
      await expect(item.get()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        details: { store: store.url },
      });
      await expect(item.local()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});

describe('ArtifactDataItem over a remote-like store', () => {
  describe('when local() is called', () => {
    it('should download into the temp scope and verify it', async () => {
      const store = new MemoryStore();
      const repo = new StoreArtifactRepository({ store });
      await repo.log(new Artifact({ key: 'r', body: payload, fileName: 'r.bin' }));
      const temp = new TempScope();
      const item = await repo.open('store://r', { temp });
      const path = await item.local();
      expect((await fs.readFile(path)).equals(payload)).toBe(true);
      expect(path.startsWith(tmpdir())).toBe(true);
      await temp.dispose();
      await expect(fs.stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('should fail with IntegrityError when the remote bytes changed', async () => {
      const store = new MemoryStore();
      const repo = new StoreArtifactRepository({ store });
      const logged = await repo.log(new Artifact({ key: 'r', body: payload, fileName: 'r.bin' }));
      const bad = Buffer.from(payload);
      bad[5] = (bad[5] as number) ^ 1;
      await store.put(ArtifactLayout.file('r', logged.version as string, 'r.bin'), bad);
      const item = await repo.open('store://r');
      await expect(item.get()).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' });
      await expect(item.local()).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' });
      await repo.dispose();
    });
  });
});

/** A memory store that announces sizes with its streams (as S3's GET does) and counts calls. */
class SizedMemoryStore extends MemoryStore {
  stats = 0;
  sizedStreams = 0;
  /** Added to the announced size (a store whose object differs from its record). */
  sizeSkew = 0;

  override async stat(path: string) {
    this.stats += 1;
    return super.stat(path);
  }

  async streamWithSize(path: string): Promise<SizedStream> {
    this.sizedStreams += 1;
    const stream = await this.stream(path);
    const found = await super.stat(path);
    return { stream, size: (found?.size ?? 0) + this.sizeSkew };
  }
}

describe('ArtifactDataItem over a store that announces sizes with its streams', () => {
  // Above the 8 MiB a read trusts its record for before allocating.
  const big = Buffer.alloc(9 * 1024 * 1024, 5);

  describe('when a big file is read whole', () => {
    it('should take its size from the stream, with no stat before it', async () => {
      const store = new SizedMemoryStore();
      const repo = new StoreArtifactRepository({ store });
      await repo.log(new Artifact({ key: 'big', body: big, fileName: 'big.bin' }));
      const item = await repo.open('store://big');
      store.stats = 0;
      expect((await item.get()).equals(big)).toBe(true);
      expect({ stats: store.stats, sizedStreams: store.sizedStreams }).toEqual({
        stats: 0,
        sizedStreams: 1,
      });
      await repo.dispose();
    });

    it('should fail with INTEGRITY_MISMATCH before allocating when the sizes differ', async () => {
      const store = new SizedMemoryStore();
      const repo = new StoreArtifactRepository({ store });
      await repo.log(new Artifact({ key: 'big', body: big, fileName: 'big.bin' }));
      const item = await repo.open('store://big');
      store.sizeSkew = 2 ** 40;
      const failure = await item.get().catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(IntegrityError);
      expect(failure).toMatchObject({ code: 'INTEGRITY_MISMATCH' });
      await repo.dispose();
    });
  });
});
