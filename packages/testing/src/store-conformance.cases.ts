import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { testRunner } from './test-runner';
import { InvalidKeyError, NotFoundError, type Store } from '@stowage/core';

// The read, list and safety cases of `describeStore`, split out to keep each file short.

/** Lowercase hex sha256 of `data`. */
export const sha = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** Reads a whole stream into one buffer. */
export async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The sorted paths a store lists under `prefix`. */
export async function listAll(store: Store, prefix: string): Promise<string[]> {
  const paths: string[] = [];
  for await (const stat of store.list(prefix)) paths.push(stat.path);
  return paths.sort();
}

/** A deterministic, non-repeating-looking byte pattern. */
export function patterned(size: number): Buffer {
  const data = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 8)) & 0xff;
  return data;
}

async function* failingBody(): AsyncGenerator<Uint8Array> {
  yield Buffer.from('partial bytes that must never become visible');
  throw new Error('producer failed');
}

const BAD_PATHS = ['', '../escape', 'a/../../b', '/abs', 'a\\b', 'a\u0000b', 'a//b', './a', 'a/'];

/** Cases for get, stream (with ranges) and stat. */
export function storeReadCases(getStore: () => Store, timeout: number): void {
  const { describe, expect, it } = testRunner();
  describe('when reading', () => {
    it(
      'should read and stream byte ranges',
      async () => {
        await getStore().put('range', Buffer.from('0123456789'));
        expect((await getStore().get('range', { start: 2, end: 5 })).toString()).toBe('234');
        expect((await getStore().get('range', { start: 7 })).toString()).toBe('789');
        expect(
          (await drain(await getStore().stream('range', { start: 3, end: 6 }))).toString(),
        ).toBe('345');
        expect((await getStore().get('range', { start: 4, end: 4 })).length).toBe(0);
      },
      timeout,
    );

    it(
      'should throw NotFoundError naming the path for a missing object',
      async () => {
        for (const read of [
          () => getStore().get('nope/missing.bin'),
          () => getStore().stream('nope/missing.bin'),
        ]) {
          const error = await read().then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(NotFoundError.is(error)).toBe(true);
          expect((error as NotFoundError).code).toBe('NOT_FOUND');
          expect((error as Error).message).toContain('nope/missing.bin');
        }
      },
      timeout,
    );

    it(
      'should give a whole object with its size (streamWithSize, or stat when it has none)',
      async () => {
        const store = getStore();
        const data = patterned(70_000);
        await store.put('sized/a.bin', data);
        await store.put('sized/empty', Buffer.alloc(0));
        for (const [path, bytes] of [
          ['sized/a.bin', data],
          ['sized/empty', Buffer.alloc(0)],
        ] as const) {
          if (store.streamWithSize === undefined) {
            expect((await store.stat(path))?.size).toBe(bytes.length);
            continue;
          }
          const { stream, size } = await store.streamWithSize(path);
          // A store may announce no size (readers then ask `stat`), never a wrong one.
          if (size !== undefined) expect(size).toBe(bytes.length);
          expect((await drain(stream)).equals(bytes)).toBe(true);
        }
        if (store.streamWithSize !== undefined) {
          const error = await store.streamWithSize('sized/missing').then(
            () => undefined,
            (e: unknown) => e,
          );
          expect(NotFoundError.is(error)).toBe(true);
        }
      },
      timeout,
    );

    it(
      'should show no object before its `after` promise fulfils, and none when it rejects (putAfter)',
      async () => {
        const store = getStore();
        if (store.putAfter !== true) return;
        let release: () => void = () => undefined;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const put = store.put('after/a.txt', Buffer.from('late'), { after: gate });
        // Give the store time to write (and flush) the bytes: they must stay invisible.
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await store.stat('after/a.txt')).toBeUndefined();
        release();
        expect((await put).size).toBe(4);
        expect((await store.get('after/a.txt')).toString()).toBe('late');
        const reason = new Error('the entry that had to land first failed');
        const failing = Promise.reject(reason);
        // Handled here as a caller would; the store must still see the rejection.
        failing.catch(() => undefined);
        const refused = store.put('after/b.txt', Buffer.from('never'), { after: failing });
        await expect(refused).rejects.toBe(reason);
        expect(await store.stat('after/b.txt')).toBeUndefined();
      },
      timeout,
    );

    it(
      'should stat an object and return undefined for a missing one',
      async () => {
        await getStore().put('s/t.txt', Buffer.from('12345'));
        const stat = await getStore().stat('s/t.txt');
        expect(stat?.path).toBe('s/t.txt');
        expect(stat?.size).toBe(5);
        expect(stat?.modifiedAt).toBeInstanceOf(Date);
        expect(await getStore().stat('s/none')).toBeUndefined();
        expect(await getStore().stat('s')).toBeUndefined();
      },
      timeout,
    );
  });
}

/** Cases for prefix listing and deletes. */
export function storeListCases(getStore: () => Store, timeout: number): void {
  const { describe, expect, it } = testRunner();
  describe('when listing and deleting', () => {
    it(
      'should list exactly the objects under a prefix',
      async () => {
        for (const p of [
          'runs/1.json',
          'runs/2.json',
          'runsx/3.json',
          'artifacts/k/v/record.json',
        ]) {
          await getStore().put(p, Buffer.from(p));
        }
        expect(await listAll(getStore(), 'runs/')).toEqual(['runs/1.json', 'runs/2.json']);
        expect(await listAll(getStore(), 'runs')).toEqual([
          'runs/1.json',
          'runs/2.json',
          'runsx/3.json',
        ]);
        expect(await listAll(getStore(), 'artifacts/k/')).toEqual(['artifacts/k/v/record.json']);
        expect(await listAll(getStore(), '')).toHaveLength(4);
        expect(await listAll(getStore(), 'none/')).toEqual([]);
      },
      timeout,
    );

    it(
      'should list the same with a page size hint, and an etag (if any) that follows the content',
      async () => {
        const store = getStore();
        for (const n of [1, 2, 3]) await store.put(`e/${n}.json`, Buffer.from(`v${n}`));
        const hinted: string[] = [];
        for await (const stat of store.list('e/', { pageSize: 1 })) hinted.push(stat.path);
        expect(hinted.sort()).toEqual(await listAll(store, 'e/'));
        // `etag` is optional; a store that reports one changes it when the bytes change.
        const etagOf = async (): Promise<string | undefined> => {
          for await (const stat of store.list('e/1')) return stat.etag;
          return undefined;
        };
        const before = await etagOf();
        if (before === undefined) return;
        expect(typeof before).toBe('string');
        await store.put('e/1.json', Buffer.from('changed'));
        expect(await etagOf()).not.toBe(before);
      },
      timeout,
    );

    it(
      'should delete objects and ignore missing ones',
      async () => {
        await getStore().put('d/1', Buffer.from('1'));
        await getStore().put('d/2', Buffer.from('2'));
        await getStore().delete('d/1');
        await getStore().delete('d/1');
        await getStore().delete('never/there');
        expect(await getStore().stat('d/1')).toBeUndefined();
        expect(await listAll(getStore(), 'd/')).toEqual(['d/2']);
        await getStore().put('d/1', Buffer.from('again'));
        expect((await getStore().get('d/1')).toString()).toBe('again');
      },
      timeout,
    );
  });
}

/** Cases for unsafe paths, failed bodies and concurrent writers. */
export function storeSafetyCases(getStore: () => Store, timeout: number): void {
  const { describe, expect, it } = testRunner();
  describe('when given an unsafe path', () => {
    // A loop rather than it.each, which node:test has not: the same titles as jest's %j.
    for (const bad of BAD_PATHS)
      it(
        `should reject ${JSON.stringify(bad)} with InvalidKeyError on every operation`,
        async () => {
          const ops = [
            () => getStore().put(bad, Buffer.from('x')),
            () => getStore().get(bad),
            () => getStore().stream(bad),
            () => getStore().stat(bad),
            () => getStore().delete(bad),
          ];
          for (const op of ops) {
            const error = await op().then(
              () => undefined,
              (e: unknown) => e,
            );
            expect(InvalidKeyError.is(error)).toBe(true);
            expect((error as InvalidKeyError).code).toBe('KEY_INVALID');
          }
          expect(await listAll(getStore(), '')).toEqual([]);
        },
        timeout,
      );

    it(
      'should reject a list prefix that escapes the store',
      async () => {
        const error = await listAll(getStore(), '../').then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(InvalidKeyError.is(error)).toBe(true);
      },
      timeout,
    );
  });

  describe('when a write fails or races', () => {
    it(
      'should leave nothing visible and keep the previous object after a failed body',
      async () => {
        await getStore().put('keep.txt', Buffer.from('previous'));
        await expect(getStore().put('keep.txt', failingBody())).rejects.toThrow(/producer failed/);
        await expect(getStore().put('fresh.txt', failingBody())).rejects.toThrow(/producer failed/);
        expect((await getStore().get('keep.txt')).toString()).toBe('previous');
        expect(await getStore().stat('fresh.txt')).toBeUndefined();
        expect(await listAll(getStore(), '')).toEqual(['keep.txt']);
      },
      timeout,
    );

    it(
      'should end with one complete body after concurrent puts to one path',
      async () => {
        const bodies = Array.from({ length: 8 }, (_, i) => Buffer.alloc(50_000 + i, 65 + i));
        await Promise.all(bodies.map((b) => getStore().put('race.bin', b)));
        const got = await getStore().get('race.bin');
        expect(bodies.some((b) => b.equals(got))).toBe(true);
        expect(await listAll(getStore(), '')).toEqual(['race.bin']);
      },
      timeout,
    );

    it(
      'should keep every object of concurrent puts to distinct paths',
      async () => {
        const paths = Array.from({ length: 20 }, (_, i) => `many/${i}/obj.bin`);
        await Promise.all(paths.map((p) => getStore().put(p, Buffer.from(p))));
        expect(await listAll(getStore(), 'many/')).toEqual([...paths].sort());
      },
      timeout,
    );
  });
}
