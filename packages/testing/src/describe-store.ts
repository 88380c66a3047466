import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { testRunner } from './test-runner';
import type { Store } from '@stowage/core';
import {
  drain,
  patterned,
  sha,
  storeListCases,
  storeReadCases,
  storeSafetyCases,
} from './store-conformance.cases';

/** Options of {@link describeStore}. */
export interface DescribeStoreOptions<S extends Store> {
  /** Called after each test with the store the factory made (delete buckets, temp dirs…). */
  readonly cleanup?: (store: S) => Promise<void> | void;
  /** Per-test timeout in milliseconds (default 30 s; raise it for remote stores). */
  readonly timeout?: number;
  /** Size of the "large object" test in bytes (default 6 MiB: more than one write batch or S3 part). */
  readonly largeSize?: number;
}

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
  const { afterEach, beforeEach, describe, expect, it } = testRunner();
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
      it(
        'should round-trip a buffer with its size and sha256',
        async () => {
          const data = Buffer.from('hello stowage');
          const result = await store.put('a/b.txt', data);
          expect(result).toEqual({ size: data.length, sha256: sha(data) });
          expect(await store.get('a/b.txt')).toEqual(data);
        },
        timeout,
      );

      it(
        'should write a vectored body back to back',
        async () => {
          const parts = [
            Buffer.from('head|'),
            new Uint8Array([1, 2, 3]),
            Buffer.alloc(0),
            Buffer.from('|tail'),
          ];
          const whole = Buffer.concat(parts);
          expect(await store.put('v.bin', parts)).toEqual({
            size: whole.length,
            sha256: sha(whole),
          });
          expect(await store.get('v.bin')).toEqual(whole);
        },
        timeout,
      );

      it(
        'should accept a Readable, an async iterable and a local file path',
        async () => {
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
          for (const path of ['r.bin', 'g.bin', 'p.bin'])
            expect(sha(await store.get(path))).toBe(sha(data));
        },
        timeout,
      );

      it(
        'should store an empty object',
        async () => {
          expect(await store.put('empty', Buffer.alloc(0))).toEqual({
            size: 0,
            sha256: sha(Buffer.alloc(0)),
          });
          expect((await store.get('empty')).length).toBe(0);
          expect((await drain(await store.stream('empty'))).length).toBe(0);
          expect((await store.stat('empty'))?.size).toBe(0);
        },
        timeout,
      );

      it(
        'should replace an existing object',
        async () => {
          await store.put('x', Buffer.from('first version'));
          await store.put('x', Buffer.from('2nd'));
          expect((await store.get('x')).toString()).toBe('2nd');
        },
        timeout,
      );

      it(
        'should not see later changes to the caller buffer',
        async () => {
          const data = Buffer.from('immutable');
          await store.put('m', data);
          data.fill(0);
          expect((await store.get('m')).toString()).toBe('immutable');
        },
        timeout,
      );

      it(
        'should report progress up to the full size',
        async () => {
          const seen: number[] = [];
          await store.put('prog', patterned(100_000), { onProgress: (n) => seen.push(n) });
          expect(seen.at(-1)).toBe(100_000);
        },
        timeout,
      );

      it(
        'should round-trip a large streamed object',
        async () => {
          const data = patterned(largeSize);
          const result = await store.put('large.bin', Readable.from([data], { objectMode: false }));
          expect(result).toEqual({ size: largeSize, sha256: sha(data) });
          expect(sha(await drain(await store.stream('large.bin')))).toBe(sha(data));
        },
        timeout,
      );
    });

    storeReadCases(() => store, timeout);
    storeListCases(() => store, timeout);
    storeSafetyCases(() => store, timeout);
  });
}
