import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDataItem } from '../../src/data/file.data-item';
import { StoreObjectDataItem } from '../../src/data/store-object.data-item';
import { MemoryStore } from '../../src/stores/memory.store';
import { TempScope } from '../../src/temp/temp-scope';

describe(FileDataItem, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'stowage-test-file-'));
    await fs.writeFile(join(dir, 'a.json'), '{"x":1}');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  describe('when the file exists', () => {
    it('should read it every way without a record', async () => {
      const item = new FileDataItem(join(dir, 'a.json'));
      expect(item.meta).toBeUndefined();
      expect(item.key).toBe('a.json');
      expect(await item.getJson()).toEqual({ x: 1 });
      expect(await item.local()).toBe(join(dir, 'a.json'));
      expect(await new FileDataItem(dir).file('a.json').getText()).toBe('{"x":1}');
    });
  });

  describe('when the file is missing or the name escapes', () => {
    it('should throw NotFoundError or InvalidKeyError', async () => {
      const item = new FileDataItem(join(dir, 'nope.csv'));
      await expect(item.get()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('nope.csv'),
      });
      await expect(item.stream()).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(item.local()).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(() => new FileDataItem(dir).file('../etc/passwd')).toThrow(
        expect.objectContaining({ code: 'KEY_INVALID' }),
      );
    });
  });
});

describe(StoreObjectDataItem, () => {
  describe('when reading a raw object of a remote store', () => {
    it('should read it and download it into the temp scope', async () => {
      const store = new MemoryStore({ name: 'b' });
      await store.put('dir/x.csv', Buffer.from('a,b'));
      const temp = new TempScope();
      try {
        const item = new StoreObjectDataItem(store, 'dir/x.csv', { temp });
        expect(item.url).toBe('memory://b/dir/x.csv');
        expect(await item.getText()).toBe('a,b');
        expect(await fs.readFile(await item.local(), 'utf8')).toBe('a,b');
        await expect(
          new StoreObjectDataItem(store, 'dir').file('y.csv').get(),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      } finally {
        await temp.dispose();
      }
    });
  });
});
