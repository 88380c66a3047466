import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { MemoryStore } from '../../src/stores/memory.store';
import { TempScope } from '../../src/temp/temp-scope';

describe(TempScope, () => {
  let parent: string;
  beforeEach(async () => {
    parent = await fs.mkdtemp(join(tmpdir(), 'stowage-test-temp-'));
  });
  afterEach(() => fs.rm(parent, { recursive: true, force: true }));

  const entries = async (): Promise<string[]> =>
    (await fs.readdir(parent)).filter((n) => n.startsWith('stowage-'));

  describe('when used for a piece of work', () => {
    it('should remove its directories after success and after failure', async () => {
      const seen: string[] = [];
      await TempScope.use(
        async (temp) => seen.push(await temp.dir('pack'), await temp.dir('Weird Label/..')),
        { parent },
      );
      await expect(
        TempScope.use(
          async (temp) => {
            const dir = await temp.dir();
            await fs.writeFile(join(dir, 'f'), 'x');
            seen.push(dir);
            throw new Error('work failed');
          },
          { parent },
        ),
      ).rejects.toThrow('work failed');
      expect(seen.every((d) => d.startsWith(join(parent, 'stowage-')))).toBe(true);
      expect(await entries()).toEqual([]);
    });

    it('should refuse new directories once disposed', async () => {
      const temp = new TempScope({ parent });
      await temp.dispose();
      await temp.dispose();
      await expect(temp.dir()).rejects.toMatchObject({ name: 'StoreError' });
    });
  });

  describe('when disposed while a directory is being made', () => {
    it('should remove that directory too and refuse it to the caller', async () => {
      const temp = new TempScope({ parent });
      const made = temp.dir('download');
      const disposed = temp.dispose();
      await expect(made).rejects.toMatchObject({ name: 'StoreError' });
      await disposed;
      expect(await entries()).toEqual([]);
    });

    it('should leave nothing behind when many are made at once', async () => {
      const temp = new TempScope({ parent });
      const made = Array.from({ length: 20 }, (_, i) => temp.dir(`d${i}`));
      const settled = Promise.allSettled(made);
      await temp.dispose();
      await settled;
      expect(await entries()).toEqual([]);
    });
  });

  describe('when cleared while still in use', () => {
    it('should remove its directories and keep making new ones', async () => {
      const temp = new TempScope({ parent });
      const first = await temp.dir('unpack');
      await fs.writeFile(join(first, 'f'), 'x');
      await temp.clear();
      expect(temp.size).toBe(0);
      expect(await entries()).toEqual([]);
      const second = await temp.dir('unpack');
      expect(second.startsWith(join(parent, 'stowage-unpack-'))).toBe(true);
      expect(await entries()).toHaveLength(1);
      await temp.dispose();
      expect(await entries()).toEqual([]);
    });
  });

  describe('when a batch of downloads succeeds and fails', () => {
    it('should leave no stowage-* directory behind', async () => {
      const store = new MemoryStore();
      const repo = new StoreArtifactRepository({ store });
      await repo.log(new Artifact({ key: 'a', body: Buffer.from('aaaa'), fileName: 'a.bin' }));
      const before = await entries();
      const jobs = Array.from({ length: 10 }, (_, i) =>
        TempScope.use(
          async (temp) => {
            const item = await repo.open('store://a', { temp });
            await fs.readFile(await item.local());
            if (i % 2 === 1) throw new Error(`job ${i} failed`);
          },
          { parent },
        ),
      );
      const settled = await Promise.allSettled(jobs);
      expect(settled.filter((s) => s.status === 'rejected')).toHaveLength(5);
      expect(await entries()).toEqual(before);
      await repo.dispose();
    });
  });
});
