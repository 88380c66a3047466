import { Artifact } from '../../src/artifacts/artifact';
import { StoreArtifactRepository } from '../../src/repository/store-artifact.repository';
import { MemoryStore } from '../../src/stores/memory.store';
import { RunContext } from '../../src/runs/run-context';
import { parseRunRecord, RUN_SCHEMA_VERSION, runRecordPath } from '../../src/runs/run-record';

async function stored(store: MemoryStore, id: string): Promise<Record<string, unknown>> {
  return JSON.parse((await store.get(runRecordPath(id))).toString()) as Record<string, unknown>;
}

describe(RunContext, () => {
  let store: MemoryStore;
  beforeEach(() => {
    store = new MemoryStore({ name: 'runs' });
  });

  describe('when started', () => {
    it('should persist a running record with params, labels and inputs', async () => {
      const run = await RunContext.start({
        store,
        name: 'train',
        labels: { team: 'ml' },
        params: { lr: 0.1, seed: 7n },
        inputs: { data: 'store://d' },
      });
      expect(run.id).toMatch(/^\d{8}T\d{9}Z-/);
      const record = await stored(store, run.id);
      expect(record).toMatchObject({
        schemaVersion: RUN_SCHEMA_VERSION,
        name: 'train',
        status: 'running',
        labels: { team: 'ml' },
        params: { lr: 0.1, seed: { $bigint: '7' } },
        inputs: { data: 'store://d' },
      });
      expect(run.params).toEqual({ lr: 0.1, seed: 7n });
    });

    it('should refuse to start without a store', async () => {
      await expect(RunContext.start({})).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    });
  });

  describe('when logging results and artifacts', () => {
    it('should save each change and decode results on read', async () => {
      const run = await RunContext.start({ store, name: 'job' });
      const when = new Date('2026-01-01T00:00:00.000Z');
      await run.logResult('loss', 0.25);
      await run.logResults({ count: 10n, when });
      const artifact = await run.logArtifact(
        new Artifact({ key: 'out', body: Buffer.from('bytes') }),
        { tag: 'v1' },
      );
      expect(artifact.producer).toEqual({ runId: run.id, name: 'job' });
      const record = parseRunRecord(await store.get(runRecordPath(run.id)), 'test');
      expect(record.results).toEqual({ loss: 0.25, count: 10n, when });
      expect(record.artifacts).toEqual([
        { key: 'out', uri: artifact.uri, kind: 'artifact', version: artifact.version, tag: 'v1' },
      ]);
      const repo = new StoreArtifactRepository({ store });
      expect(await (await repo.open('store://out:v1')).getText()).toBe('bytes');
    });

    it('should keep the last state when many results are logged at once', async () => {
      const run = await RunContext.start({ store });
      await Promise.all(Array.from({ length: 30 }, (_, i) => run.logResult(`r${i}`, i)));
      expect(Object.keys((await stored(store, run.id))['results'] as object)).toHaveLength(30);
    });

    it('should refuse a result that is not data without saving it', async () => {
      const run = await RunContext.start({ store });
      await expect(run.logResult('f', () => 1)).rejects.toMatchObject({
        code: 'SERIALIZATION_FAILED',
      });
      await expect(run.logResult('../x', 1)).rejects.toMatchObject({ code: 'KEY_INVALID' });
      expect(run.results).toEqual({});
    });
  });

  describe('when reading inputs', () => {
    it('should open the URI of a named input and name the known inputs otherwise', async () => {
      const repo = new StoreArtifactRepository({ store });
      await repo.log(new Artifact({ key: 'd', body: Buffer.from('in') }));
      const run = await RunContext.start({ repository: repo, inputs: { data: 'store://d' } });
      expect(await (await run.getInput('data')).getText()).toBe('in');
      await expect(run.getInput('other')).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('"other"'),
      });
      await run.complete();
    });

    it('should save the version a tag or latest input resolved to, before handing it over', async () => {
      const repo = new StoreArtifactRepository({ store });
      const v1 = (
        await repo.log(new Artifact({ key: 'd', body: Buffer.from('1') }), { tag: 'prod' })
      ).version as string;
      const v2 = (await repo.log(new Artifact({ key: 'd', body: Buffer.from('2') }))).version;
      const run = await RunContext.start({
        repository: repo,
        inputs: { a: 'store://d:prod', b: 'store://d', c: `store://d@${v1}` },
        heartbeatMs: 0,
      });
      await run.getInput('a');
      await run.open('store://d');
      await run.open(`store://d@${v1}`);
      expect((await stored(store, run.id))['inputVersions']).toEqual({
        'store://d:prod': `store://d@${v1}`,
        'store://d': `store://d@${v2}`,
      });
      await run.complete();
    });

    it('should refuse to open a collection input as one item, naming the input', async () => {
      const run = await RunContext.start({
        store,
        inputs: { parts: ['store://a', 'store://b'], byName: { x: 'store://x' } },
      });
      expect(run.inputs).toEqual({
        parts: ['store://a', 'store://b'],
        byName: { x: 'store://x' },
      });
      await expect(run.getInput('parts')).rejects.toMatchObject({
        name: 'HandlerError',
        code: 'HANDLER_COLLECTION_INPUT',
        message: expect.stringContaining('"parts"'),
      });
      await run.complete();
    });
  });

  describe('when ending', () => {
    it('should record completion with an end time', async () => {
      const run = await RunContext.start({ store });
      const record = await run.complete();
      expect(record.status).toBe('completed');
      expect(record.endedAt).toBeDefined();
      expect(await stored(store, run.id)).toMatchObject({
        status: 'completed',
        endedAt: record.endedAt,
      });
    });

    it('should record a failure with what was logged before it', async () => {
      const run = await RunContext.start({ store, name: 'flaky' });
      await run.logResult('partial', 1);
      const failure = Object.assign(new Error('model diverged'), { code: 'TRAIN_DIVERGED' });
      await run.fail(failure);
      const record = await stored(store, run.id);
      expect(record).toMatchObject({
        status: 'error',
        results: { partial: 1 },
        error: { name: 'Error', message: 'model diverged', code: 'TRAIN_DIVERGED' },
      });
      expect((record['error'] as { stack: string }).stack).toContain('model diverged');
    });
  });
});
