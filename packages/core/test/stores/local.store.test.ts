import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStore } from '@stowage/testing';
import { StoreError } from '@stowage/core';
import { LocalStore, type LocalStoreOptions } from '../../src/stores/local.store';

const newRoot = (): Promise<string> => fs.mkdtemp(join(tmpdir(), 'stowage-test-local-'));

describeStore('LocalStore', async () => new LocalStore({ root: await newRoot() }), {
  cleanup: (store) => fs.rm(store.root, { recursive: true, force: true }),
});

describe(LocalStore, () => {
  let root: string;
  beforeEach(async () => {
    root = await newRoot();
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  describe('when choosing its root', () => {
    it('should prefer the root option, then STOWAGE_STORE, then ./.stowage', () => {
      expect(new LocalStore({ root, env: { STOWAGE_STORE: '/elsewhere' } }).root).toBe(root);
      expect(new LocalStore({ env: { STOWAGE_STORE: root } }).root).toBe(root);
      expect(new LocalStore({ env: { STOWAGE_STORE: `file://${root}` } }).root).toBe(root);
      expect(new LocalStore({ env: {} }).root).toBe(join(process.cwd(), '.stowage'));
      expect(new LocalStore({ env: { STOWAGE_STORE: '' } }).root).toBe(
        join(process.cwd(), '.stowage'),
      );
    });

    it('should name itself with a file URL', () => {
      expect(new LocalStore({ root }).url).toBe(`file://${root}`);
    });
  });

  describe('when the root is not a non-empty string', () => {
    it.each([
      ['a number', { root: 42 }],
      ['an empty string', { root: '' }],
      ['an object', { root: { path: '/tmp' } }],
    ])('should throw a StoreError INPUT_UNREADABLE for %s', (_, options) => {
      const attempt = (): LocalStore => new LocalStore(options as unknown as LocalStoreOptions);
      expect(attempt).toThrow(StoreError);
      expect(attempt).toThrow(expect.objectContaining({ code: 'INPUT_UNREADABLE' }));
    });
  });

  describe('when writing', () => {
    it('should write the bytes under the root and leave no temporary file', async () => {
      const store = new LocalStore({ root });
      await store.put('a/b/c.txt', Buffer.from('abc'));
      expect(await fs.readFile(join(root, 'a/b/c.txt'), 'utf8')).toBe('abc');
      expect(await fs.readdir(join(root, 'a/b'))).toEqual(['c.txt']);
      expect(store.localPath('a/b/c.txt')).toBe(join(root, 'a/b/c.txt'));
    });

    it('should remove the temporary file when the body fails', async () => {
      const store = new LocalStore({ root, fsync: false });
      await store.put('d/keep', Buffer.from('k'));
      async function* broken(): AsyncGenerator<Uint8Array> {
        yield Buffer.alloc(3 * 1024 * 1024, 1);
        throw new Error('boom');
      }
      await expect(store.put('d/new', broken())).rejects.toThrow(/boom/);
      expect(await fs.readdir(join(root, 'd'))).toEqual(['keep']);
    });

    it('should write nothing outside the root for a traversal path', async () => {
      const store = new LocalStore({ root: join(root, 'inner') });
      await expect(store.put('../outside.txt', Buffer.from('x'))).rejects.toMatchObject({
        code: 'KEY_INVALID',
      });
      expect(await fs.readdir(root)).toEqual([]);
    });
  });

  describe('when deleting', () => {
    it('should prune the directories it leaves empty but keep the root', async () => {
      const store = new LocalStore({ root });
      await store.put('x/y/z.bin', Buffer.from('1'));
      await store.delete('x/y/z.bin');
      expect(await fs.readdir(root)).toEqual([]);
    });
  });

  describe('when listing', () => {
    it('should hide in-flight temporary files', async () => {
      const store = new LocalStore({ root });
      await store.put('l/a', Buffer.from('a'));
      await fs.writeFile(join(root, 'l', '.stowage-tmp-123'), 'partial');
      const paths: string[] = [];
      for await (const stat of store.list('l/')) paths.push(stat.path);
      expect(paths).toEqual(['l/a']);
    });
  });

  describe('when a durable put renames the object into place', () => {
    /** The fs calls a put makes, in order: `open <file|dir>`, `writev`, `sync`, `close`, `rename`, … */
    async function traceFs(fn: () => Promise<unknown>): Promise<string[]> {
      const probe = await fs.open(__filename, 'r');
      const handle = Object.getPrototypeOf(probe) as Record<'writev' | 'sync' | 'close', never>;
      await probe.close();
      const spies: [string, jest.SpyInstance][] = [
        ['open', jest.spyOn(fs, 'open')],
        ['rename', jest.spyOn(fs, 'rename')],
        ['mkdir', jest.spyOn(fs, 'mkdir')],
        ['readlink', jest.spyOn(fs, 'readlink')],
        ['writev', jest.spyOn(handle, 'writev')],
        ['sync', jest.spyOn(handle, 'sync')],
      ];
      const calls: [number, string][] = [];
      try {
        await fn();
        for (const [name, spy] of spies) {
          spy.mock.invocationCallOrder.forEach((order, i) => {
            const arg = spy.mock.calls[i]?.[0] as unknown;
            const what =
              name !== 'open' ? name : arg === join(root, 'd') ? 'open dir' : 'open file';
            calls.push([order, what]);
          });
        }
      } finally {
        for (const [, spy] of spies) spy.mockRestore();
      }
      return calls.sort((a, b) => a[0] - b[0]).map(([, what]) => what);
    }

    it('should open the directory while writing, fsync it after the rename, and not for durable: false', async () => {
      const store = new LocalStore({ root });
      await store.put('d/first', Buffer.from('x'));
      expect(await traceFs(() => store.put('d/second', Buffer.from('y')))).toEqual([
        'open file',
        'open dir',
        'readlink',
        'writev',
        'sync',
        'rename',
        'sync',
      ]);
      expect(
        await traceFs(() => store.put('d/third', Buffer.from('z'), { durable: false })),
      ).toEqual(['open file', 'readlink', 'writev', 'rename']);
    });

    it('should fsync the syncFirst paths before the rename, skipping a missing one', async () => {
      const store = new LocalStore({ root });
      await store.put('d/first', Buffer.from('x'), { durable: false });
      const calls = await traceFs(() =>
        store.put('e/record', Buffer.from('y'), { syncFirst: ['d', 'd/first', 'gone'] }),
      );
      // The record, folder d and d/first before the rename; folder e after it.
      expect(calls.filter((c) => c === 'sync')).toHaveLength(4);
      expect(calls.slice(calls.indexOf('rename'))).toEqual(['rename', 'sync']);
    });
  });
});
