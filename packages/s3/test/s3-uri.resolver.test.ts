import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  Artifact,
  MemoryStore,
  MissingDependencyError,
  StoreArtifactRepository,
} from '@stowage/core';
import { damageArtifactFile } from '@stowage/testing';
import { S3Store } from '../src/s3.store';
import { openS3Store, s3UriResolver } from '../src/s3-uri.resolver';
import { connection, describeS3, freshBucket } from './helpers/s3-test-server';

describe(openS3Store, () => {
  describe('when given s3://bucket/prefix', () => {
    it('should open a store on that bucket and prefix', async () => {
      const store = openS3Store('s3://artifacts/team/a/', { ...connection });
      expect(store).toBeInstanceOf(S3Store);
      expect([store.url, store.bucket, store.prefix]).toEqual([
        's3://artifacts/team/a',
        'artifacts',
        'team/a',
      ]);
      await store.close();
    });
  });
});

describe('StoreArtifactRepository without an s3 resolver', () => {
  describe('when opening an s3:// URI', () => {
    it('should throw MissingDependencyError naming @stowage/s3', async () => {
      const repo = new StoreArtifactRepository({ store: new MemoryStore() });
      const error = await repo.open('s3://b/k').catch((e: unknown) => e);
      expect(MissingDependencyError.is(error)).toBe(true);
      expect((error as Error).message).toContain('s3://');
      await repo.dispose();
    });
  });
});

describeS3(s3UriResolver.name, () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  beforeAll(async () => {
    bucket = await freshBucket();
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  describe('when a repository opens an s3:// URI', () => {
    it('should read, stream and download the raw object', async () => {
      const raw = new S3Store(bucket.options);
      await raw.put('datasets/iris.csv', Buffer.from('a,b\n1,2\n'));
      const s3 = s3UriResolver({ ...connection });
      const repo = new StoreArtifactRepository({ store: new MemoryStore(), resolvers: { s3 } });
      try {
        const item = await repo.open(`s3://${bucket.options.bucket}/datasets/iris.csv`);
        expect(item.url).toBe(`s3://${bucket.options.bucket}/datasets/iris.csv`);
        expect(item.key).toBe('iris.csv');
        expect(item.meta).toBeUndefined();
        expect(await item.getText()).toBe('a,b\n1,2\n');
        const local = await item.local();
        expect(await readFile(local, 'utf8')).toBe('a,b\n1,2\n');
        await repo.dispose();
        expect(existsSync(local)).toBe(false);
      } finally {
        await s3.close();
        await raw.close();
      }
    });

    it('should reject a URI naming only a bucket', async () => {
      const s3 = s3UriResolver({ ...connection });
      const repo = new StoreArtifactRepository({ store: new MemoryStore(), resolvers: { s3 } });
      await expect(repo.open(`s3://${bucket.options.bucket}`)).rejects.toMatchObject({
        code: 'KEY_INVALID',
      });
      await repo.dispose();
      await s3.close();
    });

    it('should throw NotFoundError for a missing object when read', async () => {
      const s3 = s3UriResolver({ ...connection });
      const repo = new StoreArtifactRepository({ store: new MemoryStore(), resolvers: { s3 } });
      const item = await repo.open(`s3://${bucket.options.bucket}/nope.bin`);
      await expect(item.get()).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await repo.dispose();
      await s3.close();
    });
  });

  describe('when the repository itself lives in S3', () => {
    it('should log an artifact and read it back through store://, hash checked', async () => {
      const store = new S3Store({ ...bucket.options, prefix: 'repo' });
      const repo = new StoreArtifactRepository({ store });
      try {
        const logged = await repo.log(
          new Artifact({ key: 'model', body: Buffer.from('weights'), fileName: 'w.bin' }),
        );
        const item = await repo.open(`store://model@${logged.version}`);
        expect((await item.get()).toString()).toBe('weights');
        expect(item.meta?.sha256).toBe(logged.sha256);
        await damageArtifactFile(store, logged);
        const again = await repo.open('store://model');
        await expect(again.get()).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' });
      } finally {
        await repo.dispose();
        await store.close();
      }
    });
  });
});
