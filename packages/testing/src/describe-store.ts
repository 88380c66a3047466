import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { InvalidKeyError, NotFoundError, type Store } from '@stowage/core';

/** Options of {@link describeStore}. */
export interface DescribeStoreOptions<S extends Store> {
  /** Called after each test with the store the factory made (delete buckets, temp dirs…). */
  readonly cleanup?: (store: S) => Promise<void> | void;
  /** Per-test timeout in milliseconds (default 30 s; raise it for remote stores). */
  readonly timeout?: number;
  /** Size of the "large object" test in bytes (default 6 MiB: more than one write batch or S3 part). */
  readonly largeSize?: number;
}

const sha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function listAll(store: Store, prefix: string): Promise<string[]> {
  const paths: string[] = [];
  for await (const stat of store.list(prefix)) paths.push(stat.path);
  return paths.sort();
}

function patterned(size: number): Buffer {
  const data = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 8)) & 0xff;
  return data;
}

async function* failingBody(): AsyncGenerator<Uint8Array> {
  yield Buffer.from('partial bytes that must never become visible');
  throw new Error('producer failed');
}

const BAD_PATHS = ['', '../escape', 'a/../../b', '/abs', 'a\\b', 'a\u0000b', 'a//b', './a', 'a/'];

/**
 * Generates the conformance tests every {@link Store} implementation must pass.
 *
 * @remarks
 * Call it at the top level of a test file. `factory` must return a fresh, empty store for every
 * test (a new temp directory, a new bucket prefix…); `cleanup` receives that store afterwards.
 * The suite covers round trips of every body kind, hashes and sizes, ranges, streaming, stat,
 * prefix listing, deletes, path validation, atomicity of failed writes, and concurrent writes.
 *
 * @example
 * ```ts
 * describeStore('MemoryStore', () => new MemoryStore());
 * describeStore('LocalStore', async () => new LocalStore({ root: await mkdtemp(…) }), {
 *   cleanup: (store) => rm(store.root, { recursive: true, force: true }),
 * });
 * ```
 */
export function describeStore<S extends Store>(
  name: string,
  factory: () => S | Promise<S>,
  options: DescribeStoreOptions<S> = {},
): void {
  const timeout = options.timeout ?? 30_000;
  const largeSize = options.largeSize ?? 6 * 1024 * 1024;

  describe(`${name} (Store conformance)`, () => {
    let store: S;
    beforeEach(async () => {
      store = await factory();
    }, timeout);
    afterEach(async () => {
      await store.close?.();
      await options.cleanup?.(store);
    }, timeout);

    describe('when putting each kind of body', () => {
      it('should round-trip a buffer with its size and sha256', async () => {
        const data = Buffer.from('hello stowage');
        const result = await store.put('a/b.txt', data);
        expect(result).toEqual({ size: data.length, sha256: sha(data) });
        expect(await store.get('a/b.txt')).toEqual(data);
      }, timeout);

      it('should write a vectored body back to back', async () => {
        const parts = [Buffer.from('head|'), new Uint8Array([1, 2, 3]), Buffer.alloc(0), Buffer.from('|tail')];
        const whole = Buffer.concat(parts);
        expect(await store.put('v.bin', parts)).toEqual({ size: whole.length, sha256: sha(whole) });
        expect(await store.get('v.bin')).toEqual(whole);
      }, timeout);

      it('should accept a Readable, an async iterable and a local file path', async () => {
        const data = patterned(300_000);
        await store.put('r.bin', Readable.from([data.subarray(0, 1000), data.subarray(1000)]));
        async function* gen(): AsyncGenerator<Uint8Array> {
          for (let i = 0; i < data.length; i += 65_536) yield data.subarray(i, i + 65_536);
        }
        await store.put('g.bin', gen());
        const file = join(await fs.mkdtemp(join(tmpdir(), 'stowage-conformance-')), 'src.bin');
        try {
          await fs.writeFile(file, data);
          expect((await store.put('p.bin', { path: file })).sha256).toBe(sha(data));
        } finally {
          await fs.rm(join(file, '..'), { recursive: true, force: true });
        }
        for (const path of ['r.bin', 'g.bin', 'p.bin']) expect(sha(await store.get(path))).toBe(sha(data));
      }, timeout);

      it('should store an empty object', async () => {
        expect(await store.put('empty', Buffer.alloc(0))).toEqual({ size: 0, sha256: sha(Buffer.alloc(0)) });
        expect((await store.get('empty')).length).toBe(0);
        expect((await drain(await store.stream('empty'))).length).toBe(0);
        expect((await store.stat('empty'))?.size).toBe(0);
      }, timeout);

      it('should replace an existing object', async () => {
        await store.put('x', Buffer.from('first version'));
        await store.put('x', Buffer.from('2nd'));
        expect((await store.get('x')).toString()).toBe('2nd');
      }, timeout);

      it('should not see later changes to the caller buffer', async () => {
        const data = Buffer.from('immutable');
        await store.put('m', data);
        data.fill(0);
        expect((await store.get('m')).toString()).toBe('immutable');
      }, timeout);

      it('should report progress up to the full size', async () => {
        const seen: number[] = [];
        await store.put('prog', patterned(100_000), { onProgress: (n) => seen.push(n) });
        expect(seen.at(-1)).toBe(100_000);
      }, timeout);

      it('should round-trip a large streamed object', async () => {
        const data = patterned(largeSize);
        const result = await store.put('large.bin', Readable.from([data], { objectMode: false }));
        expect(result).toEqual({ size: largeSize, sha256: sha(data) });
        expect(sha(await drain(await store.stream('large.bin')))).toBe(sha(data));
      }, timeout);
    });

    describe('when reading', () => {
      it('should read and stream byte ranges', async () => {
        await store.put('range', Buffer.from('0123456789'));
        expect((await store.get('range', { start: 2, end: 5 })).toString()).toBe('234');
        expect((await store.get('range', { start: 7 })).toString()).toBe('789');
        expect((await drain(await store.stream('range', { start: 3, end: 6 }))).toString()).toBe('345');
        expect((await store.get('range', { start: 4, end: 4 })).length).toBe(0);
      }, timeout);

      it('should throw NotFoundError naming the path for a missing object', async () => {
        for (const read of [() => store.get('nope/missing.bin'), () => store.stream('nope/missing.bin')]) {
          const error = await read().then(() => undefined, (e: unknown) => e);
          expect(NotFoundError.is(error)).toBe(true);
          expect((error as NotFoundError).code).toBe('NOT_FOUND');
          expect((error as Error).message).toContain('nope/missing.bin');
        }
      }, timeout);

      it('should stat an object and return undefined for a missing one', async () => {
        await store.put('s/t.txt', Buffer.from('12345'));
        const stat = await store.stat('s/t.txt');
        expect(stat?.path).toBe('s/t.txt');
        expect(stat?.size).toBe(5);
        expect(stat?.modifiedAt).toBeInstanceOf(Date);
        expect(await store.stat('s/none')).toBeUndefined();
        expect(await store.stat('s')).toBeUndefined();
      }, timeout);
    });

    describe('when listing and deleting', () => {
      it('should list exactly the objects under a prefix', async () => {
        for (const p of ['runs/1.json', 'runs/2.json', 'runsx/3.json', 'artifacts/k/v/record.json']) {
          await store.put(p, Buffer.from(p));
        }
        expect(await listAll(store, 'runs/')).toEqual(['runs/1.json', 'runs/2.json']);
        expect(await listAll(store, 'runs')).toEqual(['runs/1.json', 'runs/2.json', 'runsx/3.json']);
        expect(await listAll(store, 'artifacts/k/')).toEqual(['artifacts/k/v/record.json']);
        expect(await listAll(store, '')).toHaveLength(4);
        expect(await listAll(store, 'none/')).toEqual([]);
      }, timeout);

      it('should delete objects and ignore missing ones', async () => {
        await store.put('d/1', Buffer.from('1'));
        await store.put('d/2', Buffer.from('2'));
        await store.delete('d/1');
        await store.delete('d/1');
        await store.delete('never/there');
        expect(await store.stat('d/1')).toBeUndefined();
        expect(await listAll(store, 'd/')).toEqual(['d/2']);
        await store.put('d/1', Buffer.from('again'));
        expect((await store.get('d/1')).toString()).toBe('again');
      }, timeout);
    });

    describe('when given an unsafe path', () => {
      it.each(BAD_PATHS)('should reject %j with InvalidKeyError on every operation', async (bad) => {
        const ops = [
          () => store.put(bad, Buffer.from('x')),
          () => store.get(bad),
          () => store.stream(bad),
          () => store.stat(bad),
          () => store.delete(bad),
        ];
        for (const op of ops) {
          const error = await op().then(() => undefined, (e: unknown) => e);
          expect(InvalidKeyError.is(error)).toBe(true);
          expect((error as InvalidKeyError).code).toBe('KEY_INVALID');
        }
        expect(await listAll(store, '')).toEqual([]);
      }, timeout);

      it('should reject a list prefix that escapes the store', async () => {
        const error = await listAll(store, '../').then(() => undefined, (e: unknown) => e);
        expect(InvalidKeyError.is(error)).toBe(true);
      }, timeout);
    });

    describe('when a write fails or races', () => {
      it('should leave nothing visible and keep the previous object after a failed body', async () => {
        await store.put('keep.txt', Buffer.from('previous'));
        await expect(store.put('keep.txt', failingBody())).rejects.toThrow(/producer failed/);
        await expect(store.put('fresh.txt', failingBody())).rejects.toThrow(/producer failed/);
        expect((await store.get('keep.txt')).toString()).toBe('previous');
        expect(await store.stat('fresh.txt')).toBeUndefined();
        expect(await listAll(store, '')).toEqual(['keep.txt']);
      }, timeout);

      it('should end with one complete body after concurrent puts to one path', async () => {
        const bodies = Array.from({ length: 8 }, (_, i) => Buffer.alloc(50_000 + i, 65 + i));
        await Promise.all(bodies.map((b) => store.put('race.bin', b)));
        const got = await store.get('race.bin');
        expect(bodies.some((b) => b.equals(got))).toBe(true);
        expect(await listAll(store, '')).toEqual(['race.bin']);
      }, timeout);

      it('should keep every object of concurrent puts to distinct paths', async () => {
        const paths = Array.from({ length: 20 }, (_, i) => `many/${i}/obj.bin`);
        await Promise.all(paths.map((p) => store.put(p, Buffer.from(p))));
        expect(await listAll(store, 'many/')).toEqual([...paths].sort());
      }, timeout);
    });
  });
}
