import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { InvalidKeyError, NotFoundError, StoreError } from '@stowage/core';
import { S3Store } from '../src/s3.store';
import type { S3StoreOptions } from '../src/s3-store-options';
import { describeS3, freshBucket } from './helpers/s3-test-server';

const MIB = 1024 * 1024;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function* chunksOf(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describeS3('S3Store', () => {
  let bucket: Awaited<ReturnType<typeof freshBucket>>;
  const stores: S3Store[] = [];
  const newStore = (extra: Partial<S3StoreOptions> = {}) => {
    const store = new S3Store({
      ...bucket.options,
      prefix: `t-${randomBytes(4).toString('hex')}`,
      ...extra,
    });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    bucket = await freshBucket();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await bucket?.cleanup();
  });

  describe('when constructed', () => {
    it('should name the store s3://bucket/prefix', () => {
      const store = newStore({ prefix: '/team/a/' });
      expect(store.url).toBe(`s3://${bucket.options.bucket}/team/a`);
      expect(store.prefix).toBe('team/a');
    });

    it('should have no local path', () => {
      expect(newStore().localPath()).toBeUndefined();
    });
  });

  describe('when putting a small buffer', () => {
    it('should return its size and sha256 and read the same bytes back', async () => {
      const store = newStore();
      const data = randomBytes(1000);
      const result = await store.put('a/b.bin', data, { contentType: 'application/octet-stream' });
      expect(result).toEqual({ size: 1000, sha256: sha256(data) });
      expect(await store.get('a/b.bin')).toEqual(data);
      const stat = await store.stat('a/b.bin');
      expect(stat?.size).toBe(1000);
      expect(stat?.path).toBe('a/b.bin');
      expect(stat?.modifiedAt).toBeInstanceOf(Date);
    });

    it('should store an empty body', async () => {
      const store = newStore();
      expect(await store.put('empty', Buffer.alloc(0))).toEqual({
        size: 0,
        sha256: sha256(Buffer.alloc(0)),
      });
      expect((await store.get('empty')).length).toBe(0);
    });

    it('should not keep a reference to the caller buffer', async () => {
      const store = newStore();
      const data = Buffer.from('original');
      await store.put('x', data);
      data.write('CHANGED!');
      expect((await store.get('x')).toString()).toBe('original');
    });

    it('should replace an existing object', async () => {
      const store = newStore();
      await store.put('k', Buffer.from('one'));
      await store.put('k', Buffer.from('two'));
      expect((await store.get('k')).toString()).toBe('two');
    });
  });

  describe('when putting other body kinds', () => {
    it('should write a list of buffers back to back', async () => {
      const store = newStore();
      const parts = [Buffer.from('ab'), new Uint8Array([99, 100]), Buffer.from('e')];
      const result = await store.put('v', parts);
      expect((await store.get('v')).toString()).toBe('abcde');
      expect(result).toEqual({ size: 5, sha256: sha256(Buffer.from('abcde')) });
    });

    it('should copy a local file', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'stowage-s3-'));
      try {
        const data = randomBytes(3 * MIB);
        await writeFile(join(dir, 'f.bin'), data);
        const result = await newStore().put('f.bin', { path: join(dir, 'f.bin') });
        expect(result).toEqual({ size: data.length, sha256: sha256(data) });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it('should stream an async iterable of chunks', async () => {
      const store = newStore();
      const data = randomBytes(300_000);
      const result = await store.put('it', chunksOf(data, 4096));
      expect(result.sha256).toBe(sha256(data));
      expect(sha256(await store.get('it'))).toBe(sha256(data));
    });
  });

  describe('when putting a body larger than the multipart threshold', () => {
    it('should upload it in parts and read back identical bytes', async () => {
      const store = newStore({ partSize: 5 * MIB, queueSize: 2 });
      const data = randomBytes(12 * MIB + 123);
      const progress: number[] = [];
      const result = await store.put('big.bin', Readable.from(chunksOf(data, 64 * 1024)), {
        onProgress: (n) => progress.push(n),
      });
      expect(result).toEqual({ size: data.length, sha256: sha256(data) });
      expect(progress[progress.length - 1]).toBe(data.length);
      const back = await store.get('big.bin');
      expect(sha256(back)).toBe(result.sha256);
    });

    it('should upload a single large buffer without a copy per part', async () => {
      const store = newStore({ partSize: 5 * MIB, multipartThreshold: MIB });
      const data = randomBytes(11 * MIB);
      const result = await store.put('buf.bin', data);
      expect(result).toEqual({ size: data.length, sha256: sha256(data) });
      expect((await store.stat('buf.bin'))?.size).toBe(data.length);
    });
  });

  describe('when reading ranges', () => {
    const data = Buffer.from('0123456789');
    let store: S3Store;
    beforeEach(async () => {
      store = newStore();
      await store.put('r', data);
    });

    it('should read the half-open range [start, end)', async () => {
      expect((await store.get('r', { start: 2, end: 5 })).toString()).toBe('234');
    });

    it('should read from start to the end when end is omitted', async () => {
      expect((await store.get('r', { start: 7 })).toString()).toBe('789');
    });

    it('should clamp an end past the object size', async () => {
      expect((await store.get('r', { start: 8, end: 100 })).toString()).toBe('89');
    });

    it('should return no bytes for an empty range or one starting past the end', async () => {
      expect((await store.get('r', { start: 4, end: 4 })).length).toBe(0);
      expect((await store.get('r', { start: 50 })).length).toBe(0);
    });

    it('should reject a malformed range with RANGE_INVALID', async () => {
      await expect(store.get('r', { start: 5, end: 2 })).rejects.toMatchObject({
        code: 'RANGE_INVALID',
      });
      await expect(store.get('r', { start: -1 })).rejects.toBeInstanceOf(StoreError);
    });

    it('should stream a range as a Readable', async () => {
      const stream = await store.stream('r', { start: 1, end: 4 });
      expect(stream).toBeInstanceOf(Readable);
      expect(Buffer.concat(await collect<Buffer>(stream)).toString()).toBe('123');
    });
  });

  describe('when the object does not exist', () => {
    it('should throw NotFoundError from get and stream, naming the path', async () => {
      const store = newStore();
      await expect(store.get('missing.bin')).rejects.toBeInstanceOf(NotFoundError);
      await expect(store.stream('missing.bin')).rejects.toThrow(/missing\.bin/);
      await expect(store.get('missing.bin', { start: 0, end: 0 })).rejects.toBeInstanceOf(
        NotFoundError,
      );
    });

    it('should return undefined from stat and ignore delete', async () => {
      const store = newStore();
      expect(await store.stat('missing')).toBeUndefined();
      await expect(store.delete('missing')).resolves.toBeUndefined();
    });
  });

  describe('when listing and deleting', () => {
    it('should list paths under a prefix relative to the store prefix', async () => {
      const store = newStore();
      await store.put('run/a.txt', Buffer.from('a'));
      await store.put('run/b/c.txt', Buffer.from('bc'));
      await store.put('other.txt', Buffer.from('o'));
      const listed = await collect(store.list('run/'));
      expect(listed.map((s) => s.path).sort()).toEqual(['run/a.txt', 'run/b/c.txt']);
      expect(listed.find((s) => s.path === 'run/b/c.txt')?.size).toBe(2);
      expect((await collect(store.list(''))).length).toBe(3);
    });

    it('should keep stores with different prefixes apart', async () => {
      const one = newStore();
      const two = newStore();
      await one.put('same', Buffer.from('1'));
      await two.put('same', Buffer.from('2'));
      expect((await one.get('same')).toString()).toBe('1');
      expect((await collect(two.list(''))).map((s) => s.path)).toEqual(['same']);
    });

    it('should delete an object', async () => {
      const store = newStore();
      await store.put('d', Buffer.from('x'));
      await store.delete('d');
      expect(await store.stat('d')).toBeUndefined();
    });
  });

  describe('when given a path that could escape the store', () => {
    it.each(['../x', '/abs', 'a//b', 'a\\b', 'nul\u0000'])(
      'should reject %j with InvalidKeyError',
      async (path) => {
        const store = newStore();
        await expect(store.put(path, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidKeyError);
        await expect(store.get(path)).rejects.toMatchObject({ code: 'KEY_INVALID' });
      },
    );
  });
});
