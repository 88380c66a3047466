import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Artifact } from '../../src/artifacts/artifact';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { LocalStore } from '../../src/stores/local.store';
import { MemoryStore } from '../../src/stores/memory.store';
import { raceLatest } from '../helpers/latest-race';

describe('latest under concurrent writers', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(join(tmpdir(), 'stowage-test-latest-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  describe('when a slow writer commits an older version after a fast writer committed a newer one', () => {
    it('should keep latest at the newer version', async () => {
      const repo = new StoreArtifactRepository({ store: new LocalStore({ root, fsync: false }) });
      try {
        const slow = await repo.stage(new Artifact({ key: 'k', body: Buffer.from('slow') }));
        await new Promise((resolve) => setTimeout(resolve, 3));
        const fast = await repo.stage(new Artifact({ key: 'k', body: Buffer.from('fast') }));
        expect(slow.artifact.version! < fast.artifact.version!).toBe(true);
        await repo.commit(fast);
        await repo.commit(slow);
        const versions = await repo.versions('k');
        expect(versions).toEqual([slow.artifact.version, fast.artifact.version]);
        expect((await repo.read('k')).version).toBe(fast.artifact.version);
        expect(await (await repo.open('store://k')).getText()).toBe('fast');
        expect((await repo.list({ tag: 'latest' })).map((a) => a.version)).toEqual([
          fast.artifact.version,
        ]);
      } finally {
        await repo.dispose();
      }
    });
  });

  describe('when one repository logs many versions within the same millisecond', () => {
    it('should make each new version the latest', async () => {
      // Only Date is faked: the clock stands still, as if every log took under a millisecond.
      jest.useFakeTimers({
        now: new Date('2026-12-01T00:00:00Z'),
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
        ],
      });
      const repo = new StoreArtifactRepository({ store: new MemoryStore() });
      try {
        const versions: string[] = [];
        for (let i = 0; i < 40; i++) {
          const logged = await repo.log(new Artifact({ key: 'k', body: Buffer.from(`${i}`) }));
          versions.push(logged.version as string);
          expect((await repo.read('k')).version).toBe(logged.version);
        }
        expect([...versions].sort()).toEqual(versions);
      } finally {
        jest.useRealTimers();
        await repo.dispose();
      }
    });
  });

  describe('when 8 processes commit 25 versions each while another process reads latest', () => {
    it('should lose no version and never show latest older than the newest commit', async () => {
      const race = await raceLatest({ ROOT: root }, 'shared', 8, 25);
      expect(race.committed).toHaveLength(200);
      expect(race.behind).toEqual([]);
      expect(race.backwards).toEqual([]);
      expect(race.samples).toBeGreaterThan(0);
      const repo = new StoreArtifactRepository({ store: new LocalStore({ root }) });
      try {
        const newest = [...race.committed].sort().pop();
        expect(await repo.versions('shared')).toEqual([...race.committed].sort());
        expect((await repo.read('shared')).version).toBe(newest);
      } finally {
        await repo.dispose();
      }
    }, 120_000);
  });
});
