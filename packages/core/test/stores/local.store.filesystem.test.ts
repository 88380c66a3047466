import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { StoreError } from '../../src/errors/store.error';
import { LocalStore } from '../../src/stores/local.store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';
import { describeWithTmpfs } from '../helpers/tmpfs-mount';

const MiB = 1024 * 1024;

async function allEntries(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(join(dir, rel), { withFileTypes: true })) {
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    out.push(entry.isDirectory() ? `${path}/` : path);
    if (entry.isDirectory()) out.push(...(await allEntries(dir, path)));
  }
  return out.sort();
}

describeWithTmpfs('LocalStore on a full disk (2 MiB tmpfs)', '2m', (mount) => {
  let root: string;
  beforeEach(async () => {
    root = join(mount().dir, 'store');
    await fs.mkdir(root);
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  describe('when an artifact does not fit', () => {
    it('should throw STORE_DISK_FULL and leave no version folder or temporary file', async () => {
      const repo = new StoreArtifactRepository({ store: new LocalStore({ root }) });
      try {
        const small = await repo.log(new Artifact({ key: 'k', body: Buffer.from('small') }));
        const before = await allEntries(root);
        const error = await expectStowageRejection(
          repo.log(new Artifact({ key: 'k', body: Buffer.alloc(3 * MiB, 7) })),
          StoreError,
          'STORE_DISK_FULL',
        );
        expect(error.details['errno']).toBe('ENOSPC');
        expect(await allEntries(root)).toEqual(before);
        expect((await repo.read('k')).version).toBe(small.version);
      } finally {
        await repo.dispose();
      }
    });

    it('should leave nothing behind for a new key either, and work again once space is freed', async () => {
      const store = new LocalStore({ root });
      const repo = new StoreArtifactRepository({ store });
      try {
        async function* big(): AsyncGenerator<Uint8Array> {
          for (let i = 0; i < 3; i++) yield Buffer.alloc(MiB, i);
        }
        await expectStowageRejection(
          repo.log(new Artifact({ key: 'fresh', body: big() })),
          StoreError,
          'STORE_DISK_FULL',
        );
        // Only the format marker of the store, written before the bytes.
        expect(await allEntries(root)).toEqual(['stowage-store.json']);
        await expectStowageRejection(
          store.put('deep/er/object.bin', Buffer.alloc(3 * MiB)),
          StoreError,
          'STORE_DISK_FULL',
        );
        expect(await allEntries(root)).toEqual(['stowage-store.json']);
        const logged = await repo.log(new Artifact({ key: 'fresh', body: Buffer.alloc(MiB) }));
        expect((await repo.read('fresh')).version).toBe(logged.version);
      } finally {
        await repo.dispose();
      }
    });
  });
});

describeWithTmpfs('LocalStore on a read-only filesystem', '1m', (mount) => {
  let root: string;
  beforeAll(async () => {
    root = join(mount().dir, 'store');
    const repo = new StoreArtifactRepository({ store: new LocalStore({ root }) });
    await repo.log(new Artifact({ key: 'k', body: Buffer.from('kept') }));
    await repo.dispose();
    mount().readOnly();
  });

  describe('when writing', () => {
    it.each([
      ['an existing folder', 'artifacts/k/records/x.json'],
      ['a new folder', 'new/a/b/c.bin'],
    ])('should throw STORE_READ_ONLY for %s', async (_what, path) => {
      const error = await expectStowageRejection(
        new LocalStore({ root }).put(path, Buffer.from('x')),
        StoreError,
        'STORE_READ_ONLY',
      );
      expect(error.details['errno']).toBe('EROFS');
    });

    it('should throw STORE_READ_ONLY when logging an artifact', async () => {
      const repo = new StoreArtifactRepository({ store: new LocalStore({ root }) });
      try {
        await expectStowageRejection(
          repo.log(new Artifact({ key: 'k2', body: Buffer.from('x') })),
          StoreError,
          'STORE_READ_ONLY',
        );
      } finally {
        await repo.dispose();
      }
    });
  });

  describe('when reading', () => {
    it('should still read what is there', async () => {
      const repo = new StoreArtifactRepository({ store: new LocalStore({ root }) });
      try {
        expect(await (await repo.open('store://k')).getText()).toBe('kept');
      } finally {
        await repo.dispose();
      }
    });
  });
});
