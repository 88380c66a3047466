import { Artifact } from '../../src/artifacts/artifact';
import { MemoryStore } from '../../src/stores/memory.store';
import { RunContext } from '../../src/runs/run-context';
import { RunRepository } from '../../src/runs/run-repository';

describe(RunRepository, () => {
  let store: MemoryStore;
  let runs: RunRepository;
  beforeEach(async () => {
    store = new MemoryStore({ name: 'cli' });
    runs = new RunRepository({ store });
    const a = await RunContext.start({ store, id: 'run-a', name: 'train', labels: { env: 'dev' } });
    await a.logArtifact(
      new Artifact({ key: 'model', body: Buffer.from('m'), labels: { env: 'dev' } }),
      { tag: 'prod' },
    );
    await a.complete();
    const b = await RunContext.start({ store, id: 'run-b', name: 'eval', labels: { env: 'prod' } });
    await b.fail(new Error('x'));
  });

  describe('when reading and listing runs', () => {
    it('should filter by name, label and status, newest id first', async () => {
      expect((await runs.list()).map((r) => r.id)).toEqual(['run-b', 'run-a']);
      expect((await runs.list({ name: 'train' })).map((r) => r.id)).toEqual(['run-a']);
      expect((await runs.list({ labels: { env: 'prod' } })).map((r) => r.id)).toEqual(['run-b']);
      expect((await runs.list({ status: 'error' })).map((r) => r.id)).toEqual(['run-b']);
      expect(await runs.list({ limit: 1 })).toHaveLength(1);
      expect((await runs.read('run-a')).artifacts[0]).toMatchObject({ key: 'model', tag: 'prod' });
    });

    it('should throw NotFoundError naming the run and store', async () => {
      await expect(runs.read('nope')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('"nope"'),
      });
    });

    it('should report a damaged record instead of hiding it', async () => {
      await store.put('runs/broken.json', Buffer.from('{'));
      await expect(runs.list()).rejects.toMatchObject({
        name: 'IntegrityError',
        code: 'RECORD_CORRUPT',
        details: { key: 'broken', path: 'runs/broken.json', store: store.url },
      });
    });
  });

  describe('when listing artifacts', () => {
    it('should filter by key, tag and label', async () => {
      expect((await runs.listArtifacts({ tag: 'prod' })).map((a) => a.key)).toEqual(['model']);
      expect(await runs.listArtifacts({ labels: { env: 'prod' } })).toEqual([]);
      expect((await runs.listArtifacts({ key: 'model' }))[0]?.producer).toEqual({
        runId: 'run-a',
        name: 'train',
      });
    });
  });
});
