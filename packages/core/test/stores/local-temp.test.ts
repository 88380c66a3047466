import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidKeyError } from '../../src/errors/invalid-key.error';
import type { TemporaryObject } from '../../src/stores/store';
import { LocalStore } from '../../src/stores/local.store';
import { expectStowageRejection } from '../helpers/expect-stowage-error';

async function listed(store: LocalStore): Promise<TemporaryObject[]> {
  const out: TemporaryObject[] = [];
  for await (const item of store.listTemporary()) out.push(item);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

describe('LocalStore leftovers (listTemporary / deleteTemporary)', () => {
  let root: string;
  let store: LocalStore;
  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-local-temp-'));
    store = new LocalStore({ root });
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  describe('when a killed writer left a temporary file and empty folders', () => {
    beforeEach(async () => {
      await store.put('keep/a.txt', Buffer.from('visible'));
      await fs.mkdir(join(root, 'artifacts/k/versions/v1'), { recursive: true });
      await fs.writeFile(join(root, 'artifacts/k/versions/v1/.stowage-tmp-0123'), 'partial');
      await fs.mkdir(join(root, 'empty/deeper/deepest'), { recursive: true });
      await fs.symlink(join(root, 'keep'), join(root, 'link'));
      await fs.mkdir(join(root, 'held'));
      await fs.symlink(join(root, 'keep/a.txt'), join(root, 'held/link'));
    });

    it('should list the temporary file and only the outermost empty folder', async () => {
      const items = await listed(store);
      expect(items.map((i) => [i.kind, i.path, i.size])).toEqual([
        ['temp-file', 'artifacts/k/versions/v1/.stowage-tmp-0123', 7],
        ['empty-folder', 'empty/', 0],
      ]);
    });

    it('should remove them and the folders they leave empty, and nothing else', async () => {
      for (const item of await listed(store)) expect(await store.deleteTemporary(item)).toBe(true);
      expect((await fs.readdir(root)).sort()).toEqual(['held', 'keep', 'link']);
      expect(await fs.readFile(join(root, 'keep/a.txt'), 'utf8')).toBe('visible');
      expect(await listed(store)).toEqual([]);
    });
  });

  describe('when a leftover changed after it was listed', () => {
    it('should keep a temporary file written again and a folder that got a file', async () => {
      await fs.mkdir(join(root, 'd/sub'), { recursive: true });
      await fs.writeFile(join(root, '.stowage-tmp-aa'), 'x');
      await fs.utimes(join(root, '.stowage-tmp-aa'), new Date(1e12), new Date(1e12));
      const items = await listed(store);
      expect(items.map((i) => i.path)).toEqual(['.stowage-tmp-aa', 'd/']);
      await fs.writeFile(join(root, '.stowage-tmp-aa'), 'xy');
      await fs.writeFile(join(root, 'd/sub/new.txt'), 'new');
      for (const item of items) expect(await store.deleteTemporary(item)).toBe(false);
      expect(await fs.readFile(join(root, '.stowage-tmp-aa'), 'utf8')).toBe('xy');
      expect(await fs.readFile(join(root, 'd/sub/new.txt'), 'utf8')).toBe('new');
    });
  });

  describe('when asked to delete something that is not a leftover', () => {
    it('should refuse an object or a path outside the root', async () => {
      await store.put('a.txt', Buffer.from('a'));
      const item = { kind: 'temp-file', path: 'a.txt', modifiedAt: new Date() } as const;
      await expectStowageRejection(store.deleteTemporary(item), InvalidKeyError, 'KEY_INVALID');
      const escape = { kind: 'empty-folder', path: '../x/', modifiedAt: new Date() } as const;
      await expectStowageRejection(store.deleteTemporary(escape), InvalidKeyError, 'KEY_INVALID');
      expect(await fs.readFile(join(root, 'a.txt'), 'utf8')).toBe('a');
    });
  });
});
