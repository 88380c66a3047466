import { mkdtempSync, promises as fs } from 'node:fs';
// A plain require: jest.spyOn swaps tmpdir on the shared module object the sources call through.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import os = require('node:os');
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { PackagersManager } from '../../src/manager/packagers-manager';
import { LocalPath } from '../../src/values/local-path';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import type { Store } from '../../src/stores/store';
import { TempScope } from '../../src/temp/temp-scope';
import { damageArtifactFile } from '@stowage/testing';

const quiet = { warn: (): void => undefined };

/** Packs a file, a zip folder and a tar.gz folder, unpacks each, and damages + unpacks again. */
async function packAndUnpackBatch(
  manager: PackagersManager,
  store: Store,
  src: string,
): Promise<number> {
  const repository = manager.repository as StoreArtifactRepository;
  const outputs = [
    await manager.pack(new LocalPath(join(src, 'one.txt')), 'file : path'),
    await manager.pack(new LocalPath(join(src, 'dir')), 'zipped : path'),
    await manager.pack(new LocalPath(join(src, 'dir')), {
      key: 'tgz',
      artifactType: 'path',
      options: { archiveFormat: 'tar.gz' },
    }),
    await manager.pack({ a: 1, b: [1, 2] }, 'rec : object'),
  ];
  await expect(manager.pack(new LocalPath(join(src, 'nope')), 'gone : path')).rejects.toThrow();
  let failures = 0;
  for (const out of outputs) {
    const item = await repository.open(`store://${out.key}`);
    const value = await manager.unpack(item, out.key === 'rec' ? undefined : LocalPath);
    if (value instanceof LocalPath) await fs.stat(value.path);
    if (out.kind !== 'artifact') continue;
    const artifact = out.artifact;
    if (artifact.fileName === undefined) continue;
    await damageArtifactFile(store, artifact);
    const damaged = await repository.open(`store://${out.key}`);
    await manager
      .unpack(damaged, out.key === 'rec' ? undefined : LocalPath)
      .catch(() => (failures += 1));
  }
  return failures;
}

describe('PackagersManager temporary directories', () => {
  let sandbox: string;
  let src: string;

  beforeEach(async () => {
    src = mkdtempSync(join(os.tmpdir(), 'stowage-test-src-'));
    await fs.writeFile(join(src, 'one.txt'), 'one file');
    await fs.mkdir(join(src, 'dir', 'sub'), { recursive: true });
    await fs.writeFile(join(src, 'dir', 'a.txt'), 'a');
    await fs.writeFile(join(src, 'dir', 'sub', 'b.txt'), 'b'.repeat(10_000));
    sandbox = mkdtempSync(join(os.tmpdir(), 'stowage-test-tmpdir-'));
    // Jest gives each test file its own process.env, which Node's tmpdir() never reads.
    jest.spyOn(os, 'tmpdir').mockReturnValue(sandbox);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await fs.rm(sandbox, { recursive: true, force: true });
    await fs.rm(src, { recursive: true, force: true });
  });

  describe.each([
    ['a MemoryStore', (): Store => new MemoryStore()],
    ['a LocalStore', (): Store => new LocalStore({ root: join(src, 'store'), fsync: false })],
  ])('when a batch of packs and unpacks (some failing) runs on %s', (_name, makeStore) => {
    it('should leave no entry in os.tmpdir() after cleanup()', async () => {
      expect(os.tmpdir()).toBe(sandbox);
      const store = makeStore();
      const manager = new PackagersManager({ store, warnings: quiet });
      const failures = await packAndUnpackBatch(manager, store, src);
      expect(failures).toBe(4);
      await manager.cleanup();
      expect(await fs.readdir(sandbox)).toEqual([]);
    });
  });

  describe('when a caller passes its own scope', () => {
    it('should put the downloads of the unpack in that scope', async () => {
      const store = new MemoryStore();
      const manager = new PackagersManager({ store, warnings: quiet });
      const out = await manager.pack(new LocalPath(join(src, 'one.txt')), 'file : path');
      const temp = new TempScope();
      const item = await (manager.repository as StoreArtifactRepository).open(`store://${out.key}`);
      const value = await manager.unpack(item, LocalPath, { temp });
      expect(await fs.readFile(value.path, 'utf8')).toBe('one file');
      expect(temp.size).toBe(1);
      await manager.cleanup();
      expect(await fs.readdir(sandbox)).toHaveLength(1);
      await temp.dispose();
      expect(await fs.readdir(sandbox)).toEqual([]);
    });
  });

  describe('when the manager has a temp root', () => {
    it('should make the temp dirs of its packs, unpacks and runs there, and remove them', async () => {
      const root = join(src, 'temp-root');
      await fs.mkdir(root);
      const store = new MemoryStore();
      const manager = new PackagersManager({ store, warnings: quiet, tempRoot: root });
      expect(manager.tempScope().parent).toBe(root);
      const out = await manager.pack(new LocalPath(join(src, 'dir')), 'zipped : path');
      const item = await (manager.repository as StoreArtifactRepository).open(`store://${out.key}`);
      const value = await manager.unpack(item, LocalPath);
      expect(value.path.startsWith(join(root, 'stowage-'))).toBe(true);
      expect(await fs.readdir(root)).not.toEqual([]);
      await manager.cleanup();
      expect(await fs.readdir(root)).toEqual([]);
      expect(await fs.readdir(sandbox)).toEqual([]);
    });
  });

  describe('when a download of damaged bytes fails', () => {
    it('should remove its directory at once', async () => {
      const store = new MemoryStore();
      const repository = new StoreArtifactRepository({ store });
      const logged = await repository.log(
        new Artifact({ key: 'k', body: Buffer.from('abc'), fileName: 'k.bin' }),
      );
      await damageArtifactFile(store, logged);
      const item = await repository.open('store://k');
      await expect(item.local()).rejects.toMatchObject({ code: 'INTEGRITY_MISMATCH' });
      expect(await fs.readdir(sandbox)).toEqual([]);
      await repository.dispose();
    });
  });
});
