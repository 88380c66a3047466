import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreError } from '../../src/errors/store.error';
import { LocalStore } from '../../src/stores/local.store';
import { expectStowageError, expectStowageRejection } from '../helpers/expect-stowage-error';

const ESCAPE = 'STORE_PATH_ESCAPE';

async function listAll(store: LocalStore, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for await (const { path } of store.list(prefix)) out.push(path);
  return out.sort();
}

describe(LocalStore, () => {
  let base: string;
  let root: string;
  let outside: string;
  let store: LocalStore;
  beforeEach(async () => {
    base = await fs.mkdtemp(join(tmpdir(), 'stowage-test-links-'));
    root = join(base, 'root');
    outside = join(base, 'outside');
    await fs.mkdir(root);
    await fs.mkdir(outside);
    await fs.writeFile(join(outside, 'secret.txt'), 'secret');
    store = new LocalStore({ root, fsync: false });
  });
  afterEach(async () => {
    await fs.rm(base, { recursive: true, force: true });
  });

  describe('when a folder inside the root is a symbolic link to a folder outside', () => {
    beforeEach(async () => {
      await fs.symlink(outside, join(root, 'linked'));
    });

    it('should refuse to write through it and write nothing outside', async () => {
      await expectStowageRejection(
        store.put('linked/new.txt', Buffer.from('x')),
        StoreError,
        ESCAPE,
      );
      await expectStowageRejection(
        store.put('linked/deeper/new.txt', Buffer.from('x')),
        StoreError,
        ESCAPE,
      );
      expect((await fs.readdir(outside)).sort()).toEqual(['secret.txt']);
    });

    it('should refuse to read, stream, stat, delete or give a local path through it', async () => {
      await expectStowageRejection(store.get('linked/secret.txt'), StoreError, ESCAPE);
      await expectStowageRejection(store.stream('linked/secret.txt'), StoreError, ESCAPE);
      await expectStowageRejection(store.stat('linked/secret.txt'), StoreError, ESCAPE);
      await expectStowageRejection(store.delete('linked/secret.txt'), StoreError, ESCAPE);
      expectStowageError(() => store.localPath('linked/secret.txt'), StoreError, ESCAPE);
      expect(await fs.readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
    });

    it('should neither list it nor list through it', async () => {
      await store.put('own/a.txt', Buffer.from('a'));
      expect(await listAll(store)).toEqual(['own/a.txt']);
      await expectStowageRejection(listAll(store, 'linked/'), StoreError, ESCAPE);
    });
  });

  describe('when an object inside the root is a symbolic link to a file outside', () => {
    beforeEach(async () => {
      await fs.mkdir(join(root, 'dir'));
      await fs.symlink(join(outside, 'secret.txt'), join(root, 'dir/file.txt'));
    });

    it('should refuse to read it and not list it', async () => {
      await expectStowageRejection(store.get('dir/file.txt'), StoreError, ESCAPE);
      await expectStowageRejection(store.stream('dir/file.txt', { start: 1 }), StoreError, ESCAPE);
      await expectStowageRejection(store.stat('dir/file.txt'), StoreError, ESCAPE);
      expectStowageError(() => store.localPath('dir/file.txt'), StoreError, ESCAPE);
      expect(await listAll(store)).toEqual([]);
    });

    it('should replace the link, not write through it', async () => {
      await store.put('dir/file.txt', Buffer.from('mine'));
      expect(await fs.readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
      expect((await fs.lstat(join(root, 'dir/file.txt'))).isSymbolicLink()).toBe(false);
      expect((await store.get('dir/file.txt')).toString()).toBe('mine');
    });

    it('should delete the link itself, never its target', async () => {
      await store.delete('dir/file.txt');
      expect(await fs.readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
      await expect(fs.lstat(join(root, 'dir/file.txt'))).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });

  describe('when a link inside the root points inside the root', () => {
    it('should follow it', async () => {
      await store.put('real/a.txt', Buffer.from('a'));
      await fs.symlink(join(root, 'real'), join(root, 'alias'));
      expect((await store.get('alias/a.txt')).toString()).toBe('a');
      expect(store.localPath('alias/a.txt')).toBe(join(root, 'alias/a.txt'));
    });
  });

  describe('when the root itself is reached through a symbolic link', () => {
    it('should work as usual', async () => {
      await fs.symlink(root, join(base, 'root-link'));
      const viaLink = new LocalStore({ root: join(base, 'root-link'), fsync: false });
      await viaLink.put('x/y.txt', Buffer.from('y'));
      expect((await viaLink.get('x/y.txt')).toString()).toBe('y');
      expect(await listAll(viaLink)).toEqual(['x/y.txt']);
    });
  });

  describe('when a folder is swapped for a link to outside after the store knew it', () => {
    it('should still refuse to write or read through it', async () => {
      await store.put('swap/a.txt', Buffer.from('a'));
      await fs.rm(join(root, 'swap'), { recursive: true });
      await fs.symlink(outside, join(root, 'swap'));
      await expectStowageRejection(store.put('swap/b.txt', Buffer.from('b')), StoreError, ESCAPE);
      await expectStowageRejection(store.get('swap/secret.txt'), StoreError, ESCAPE);
      expect((await fs.readdir(outside)).sort()).toEqual(['secret.txt']);
    });
  });

  describe('when links are swapped in and out while the store works (best effort race)', () => {
    it('should never read or write a file outside the root', async () => {
      await store.put('race/secret.txt', Buffer.from('inside'));
      let running = true;
      const flipper = (async () => {
        const target = join(root, 'race');
        for (let i = 0; running; i++) {
          const staging = join(base, `flip-${i}`);
          if (i % 2 === 0) await fs.symlink(outside, staging);
          else {
            await fs.mkdir(staging);
            await fs.writeFile(join(staging, 'secret.txt'), 'inside');
          }
          const trash = join(base, `trash-${i}`);
          await fs.rename(target, trash).catch(() => undefined);
          await fs.rename(staging, target).catch(() => undefined);
          await fs.rm(trash, { recursive: true, force: true }).catch(() => undefined);
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      })();
      const seen = new Set<string>();
      for (let i = 0; i < 200; i++) {
        const read = await store.get('race/secret.txt').then(
          (b) => b.toString(),
          (e: unknown) => (e as { code?: string }).code ?? 'ERR',
        );
        seen.add(read);
        await store.put(`race/w${i}.txt`, Buffer.from('w')).catch(() => undefined);
      }
      running = false;
      await flipper;
      expect(seen.has('secret')).toBe(false);
      expect((await fs.readdir(outside)).sort()).toEqual(['secret.txt']);
    });
  });
});
