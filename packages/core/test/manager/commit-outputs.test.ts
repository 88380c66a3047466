import { Artifact } from '../../src/artifacts/artifact';
import type { StagedArtifact } from '../../src/repository/artifact-repository';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import type { LogHint } from '../../src/log-hints/log-hint';
import { commitOutputs } from '../../src/manager/commit-outputs';
import type { StagedOutput, StagedPackOutput } from '../../src/manager/packed-output';
import { MemoryStore } from '../../src/stores/memory.store';

const hint = (key: string): LogHint => ({ key }) as LogHint;

describe(commitOutputs, () => {
  let store: MemoryStore;
  let repo: StoreArtifactRepository;
  beforeEach(() => {
    store = new MemoryStore();
    repo = new StoreArtifactRepository({ store });
  });
  afterEach(() => repo.dispose());

  const stage = async (key: string, text: string): Promise<StagedOutput> => ({
    kind: 'staged',
    key,
    staged: await repo.stage(new Artifact({ key, body: Buffer.from(text) })),
    packager: 'test',
    artifactType: 'file',
    hint: hint(key),
  });

  describe('when committing many keys', () => {
    it('should commit every artifact and keep the given order, results included', async () => {
      const result: StagedPackOutput = {
        kind: 'result',
        key: 'n',
        value: 3,
        packager: 'test',
        artifactType: 'result',
        hint: hint('n'),
      };
      const outputs = [await stage('a', 'A'), result, await stage('b', 'B'), await stage('c', 'C')];
      outputs.push(...(await Promise.all(['d', 'e', 'f'].map((k) => stage(k, k)))));
      const done = await commitOutputs(repo, outputs);
      expect(done.map((o) => [o.kind, o.key])).toEqual([
        ['artifact', 'a'],
        ['result', 'n'],
        ['artifact', 'b'],
        ['artifact', 'c'],
        ['artifact', 'd'],
        ['artifact', 'e'],
        ['artifact', 'f'],
      ]);
      expect(await repo.keys()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
      expect(await (await repo.open('store://c')).getText()).toBe('C');
    });
  });

  describe('when one key has several outputs', () => {
    it('should commit them in order so latest ends at the last one', async () => {
      const outputs = [await stage('k', '1'), await stage('k', '2'), await stage('k', '3')];
      await commitOutputs(repo, outputs);
      expect(await (await repo.open('store://k')).getText()).toBe('3');
    });
  });

  describe('when a commit fails', () => {
    it('should abort what was not committed and throw PACKING_STORE_FAILED', async () => {
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
      await expect(commitOutputs(failing, outputs)).rejects.toMatchObject({
        name: 'PackingError',
        code: 'PACKING_STORE_FAILED',
        details: expect.objectContaining({ key: 'bad' }) as unknown,
      });
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
