import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownDirs } from '../../src/stores/local-dirs';
import { LocalStore } from '../../src/stores/local.store';

describe(KnownDirs, () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-dirs-'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fs.rm(root, { recursive: true, force: true });
  });

  describe('when a store writes into new and known directories', () => {
    it('should create each directory once and never fail an open first', async () => {
      const store = new LocalStore({ root, fsync: false });
      const mkdir = jest.spyOn(fs, 'mkdir');
      const open = jest.spyOn(fs, 'open');
      await store.put('a/b/versions/v1/data.json', Buffer.from('1'));
      await store.put('a/b/records/v1.json', Buffer.from('2'));
      await store.put('a/b/records/v2.json', Buffer.from('3'));
      expect(mkdir.mock.calls.map((c) => [c[0], c[1]])).toEqual([
        [join(root, 'a/b/versions/v1'), { recursive: true }],
        [join(root, 'a/b/records'), undefined],
      ]);
      expect(open).toHaveBeenCalledTimes(3);
      expect((await store.get('a/b/records/v2.json')).toString()).toBe('3');
    });
  });

  describe('when two writes go into a new key at once', () => {
    it('should create each level below the known folder once, one mkdir each, no walk', async () => {
      const store = new LocalStore({ root, fsync: false });
      await store.put('artifacts/first/records/v1.json', Buffer.from('0'));
      const mkdir = jest.spyOn(fs, 'mkdir');
      const realpath = jest.spyOn(fs, 'realpath');
      await Promise.all([
        store.put('artifacts/new/records/v1.json', Buffer.from('1')),
        store.put('artifacts/new/tags/latest.json', Buffer.from('2')),
      ]);
      expect(mkdir.mock.calls.map((c) => [c[0], c[1]]).sort()).toEqual([
        [join(root, 'artifacts/new'), undefined],
        [join(root, 'artifacts/new/records'), undefined],
        [join(root, 'artifacts/new/tags'), undefined],
      ]);
      expect(realpath).not.toHaveBeenCalled();
      expect((await store.get('artifacts/new/tags/latest.json')).toString()).toBe('2');
    });
  });

  describe('when a link out of the root is planted where a new folder would go', () => {
    it('should create nothing through it and refuse the write with STORE_PATH_ESCAPE', async () => {
      const outside = await fs.mkdtemp(join(tmpdir(), 'stowage-test-outside-'));
      try {
        const store = new LocalStore({ root, fsync: false });
        await store.put('artifacts/first/records/v1.json', Buffer.from('0'));
        await fs.symlink(outside, join(root, 'artifacts/evil'));
        await expect(
          store.put('artifacts/evil/records/v1.json', Buffer.from('x')),
        ).rejects.toMatchObject({ code: 'STORE_PATH_ESCAPE' });
        expect(await fs.readdir(outside)).toEqual([]);
      } finally {
        await fs.rm(outside, { recursive: true, force: true });
      }
    });
  });

  describe('when a known directory is deleted behind the store', () => {
    it('should create it again and write the object', async () => {
      const store = new LocalStore({ root, fsync: false });
      await store.put('x/y/one', Buffer.from('1'));
      await fs.rm(join(root, 'x'), { recursive: true });
      await store.put('x/y/two', Buffer.from('2'));
      expect((await store.get('x/y/two')).toString()).toBe('2');
      await fs.rm(root, { recursive: true });
      await store.put('top', Buffer.from('t'));
      expect((await store.get('top')).toString()).toBe('t');
    });
  });

  describe('when the store deletes the last object of a directory', () => {
    it('should forget the pruned directories and write there again', async () => {
      const store = new LocalStore({ root, fsync: false });
      await store.put('p/q/r', Buffer.from('1'));
      await store.delete('p/q/r');
      expect(await fs.readdir(root)).toEqual([]);
      await store.put('p/q/s', Buffer.from('2'));
      expect((await store.get('p/q/s')).toString()).toBe('2');
    });
  });

  describe('when an object is put with durable: false', () => {
    it('should skip the fsync only for that object', async () => {
      const probe = await fs.open(__filename, 'r');
      const proto = Object.getPrototypeOf(probe) as FileHandle;
      await probe.close();
      const sync = jest.spyOn(proto, 'sync');
      const store = new LocalStore({ root });
      await store.put('d/pointer.json', Buffer.from('{}'), { durable: false });
      expect(sync).not.toHaveBeenCalled();
      await store.put('d/record.json', Buffer.from('{}'));
      // The file, then its directory after the rename.
      expect(sync).toHaveBeenCalledTimes(2);
      expect((await store.get('d/pointer.json')).toString()).toBe('{}');
    });
  });
});
