import type { StagedArtifact } from '../../src/repository/artifact-repository';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { commitStaged } from '../../src/manager/commit-outputs';
import type { StagedOutput } from '../../src/manager/packed-output';
import { MemoryStore } from '../../src/stores/memory.store';
import { stagedOutput } from '../helpers/staged-output';

describe(commitStaged, () => {
  let store: MemoryStore;
  let repo: StoreArtifactRepository;
  beforeEach(() => {
    store = new MemoryStore();
    repo = new StoreArtifactRepository({ store });
  });
  afterEach(() => repo.dispose());

  const stage = (key: string, text: string): Promise<StagedOutput> => stagedOutput(repo, key, text);

  describe('when committing many keys', () => {
    it('should commit every artifact and report each at its given index', async () => {
      const outputs = [await stage('a', 'A'), await stage('b', 'B'), await stage('c', 'C')];
      outputs.push(...(await Promise.all(['d', 'e', 'f'].map((k) => stage(k, k)))));
      const done = await commitStaged(repo, outputs);
      expect(done.failed).toBeUndefined();
      expect(done.committed.map((a) => a?.key)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      expect(await repo.keys()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      expect(await (await repo.open('store://c')).getText()).toBe('C');
    });
  });

  describe('when one key has several outputs', () => {
    it('should commit them in order so latest ends at the last one', async () => {
      const outputs = [await stage('k', '1'), await stage('k', '2'), await stage('k', '3')];
      await commitStaged(repo, outputs);
      expect(await (await repo.open('store://k')).getText()).toBe('3');
    });
  });

  describe('when a commit fails', () => {
    it('should abort what was not committed and report the failed index and cause', async () => {
      const outputs = [await stage('a', 'A'), await stage('bad', 'X'), await stage('c', 'C')];
      const aborted: string[] = [];
      const failing = Object.assign(Object.create(repo) as StoreArtifactRepository, {
        commit: (staged: StagedArtifact) =>
          staged.artifact.key === 'bad'
            ? Promise.reject(new Error('disk full'))
            : repo.commit(staged),
        abort: (staged: StagedArtifact) => {
          aborted.push(staged.artifact.key);
          return repo.abort(staged);
        },
      });
      const done = await commitStaged(failing, outputs);
      expect(done.failed).toMatchObject({ index: 1, cause: { message: 'disk full' } });
      expect(done.committed[1]).toBeUndefined();
      expect(aborted).toContain('bad');
      const committed = await repo.keys();
      expect(committed).not.toContain('bad');
      expect([...committed, ...aborted].sort()).toEqual(['a', 'bad', 'c']);
      const left: string[] = [];
      for await (const stat of store.list('artifacts/bad/')) left.push(stat.path);
      expect(left).toEqual([]);
    });
  });
});
