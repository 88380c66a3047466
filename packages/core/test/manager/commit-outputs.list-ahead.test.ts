import type { StagedArtifact } from '../../src/repository/artifact-repository';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { commitStaged } from '../../src/manager/commit-outputs';
import type { StagedOutput } from '../../src/manager/packed-output';
import { artifactIndex } from '../../src/listing/artifact-index';
import { MemoryStore } from '../../src/stores/memory.store';
import { stagedOutput } from '../helpers/staged-output';

const SEGMENTS = 'index/artifacts/log/';

describe('commitStaged with listing entries written ahead', () => {
  let store: MemoryStore;
  let repo: StoreArtifactRepository;
  let puts: string[];
  beforeEach(() => {
    store = new MemoryStore();
    puts = [];
    const put = store.put.bind(store);
    store.put = (path, body, options) => {
      puts.push(path);
      return put(path, body, options);
    };
    repo = new StoreArtifactRepository({ store });
  });
  afterEach(() => repo.dispose());

  const stage = (key: string, text: string): Promise<StagedOutput> => stagedOutput(repo, key, text);
  const indexed = async (): Promise<string[]> =>
    [...(await artifactIndex(store).read()).entries.values()].map((e) => e.key).sort();

  describe('when a batch of outputs is committed', () => {
    it('should write one listing segment for all of them, before any record', async () => {
      const outputs = await Promise.all(
        Array.from({ length: 10 }, (_, i) => stage(`doc-${i}`, `text ${i}`)),
      );
      puts.length = 0;
      const done = await commitStaged(repo, outputs);
      expect(done.failed).toBeUndefined();
      const segments = puts.filter((p) => p.startsWith(SEGMENTS));
      expect(segments).toHaveLength(1);
      expect(puts.indexOf(segments[0] as string)).toBe(0);
      expect(await indexed()).toEqual(outputs.map((o) => o.key).sort());
      expect((await repo.list()).map((a) => a.key).sort()).toEqual(
        outputs.map((o) => o.key).sort(),
      );
    });
  });

  describe('when an artifact changes between the entry written ahead and its commit', () => {
    it('should write its own entry, made from the record it commits', async () => {
      const [a, b] = [await stage('a', 'A'), await stage('b', 'B')];
      await repo.listAhead([a.staged, b.staged]);
      a.staged.artifact.labels = { late: 'yes' };
      puts.length = 0;
      await repo.commit(a.staged);
      await repo.commit(b.staged);
      expect(puts.filter((p) => p.startsWith(SEGMENTS))).toHaveLength(1);
      expect((await repo.read('a')).labels).toEqual({ late: 'yes' });
    });
  });

  describe('when one commit of the batch fails', () => {
    it('should keep the others listed and readable, and list no record that is not there', async () => {
      const outputs = [await stage('a', 'A'), await stage('bad', 'X'), await stage('c', 'C')];
      const failing = Object.assign(Object.create(repo) as StoreArtifactRepository, {
        commit: (staged: StagedArtifact) =>
          staged.artifact.key === 'bad'
            ? Promise.reject(new Error('disk full'))
            : repo.commit(staged),
      });
      const done = await commitStaged(failing, outputs, 1);
      expect(done.failed).toMatchObject({ index: 1 });
      // the entries of a (committed) and c (aborted) were written ahead with bad's
      const keys = (await repo.list()).map((x) => x.key);
      expect(keys).toEqual(['a']);
      expect(await (await repo.open('store://a')).getText()).toBe('A');
    });
  });

  describe('when writing the entries ahead fails', () => {
    it('should fail the commits that wait for them, leaving nothing visible', async () => {
      const outputs = [await stage('a', 'A'), await stage('b', 'B')];
      const put = store.put.bind(store);
      store.put = (path, body, options) =>
        path.startsWith(SEGMENTS)
          ? Promise.reject(new Error('no space'))
          : put(path, body, options);
      const done = await commitStaged(repo, outputs);
      expect(done.failed?.cause).toMatchObject({ message: 'no space' });
      expect(await repo.keys()).toEqual([]);
    });
  });
});
