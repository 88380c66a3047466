import { handler, MemoryStore, run, RunRepository } from '@stowage/core';
import { runRecordPath, serializeRunRecord } from '@stowage/core/internal';
import type { RunRecord } from '@stowage/core';
import { markAbandoned, retirePreviousAttempt } from '../src/attempt-recovery';

const write = handler(({ text }: { text: string }) => [text, text.length], {
  params: ['text'],
  outputs: ['doc : file', 'length'],
});

/** A run logged as attempt 1 of `id`, then its stored record rewritten with `status`. */
async function attemptLeft(store: MemoryStore, id: string, status: string): Promise<RunRecord> {
  const record = await run(write, {
    id,
    store,
    params: { text: 'hello' },
    labels: { 'queue.attempt': '1' },
  });
  const raw = JSON.parse((await store.get(runRecordPath(id))).toString('utf8')) as object;
  await store.put(
    runRecordPath(id),
    serializeRunRecord({ ...raw, status } as unknown as RunRecord),
  );
  return record;
}

describe('retirePreviousAttempt', () => {
  describe('when there is no record of the run', () => {
    it('should report none and write nothing', async () => {
      const store = new MemoryStore();
      expect(await retirePreviousAttempt(store, 'r0', 'test')).toEqual({ kind: 'none' });
      expect(await new RunRepository({ store }).list()).toEqual([]);
    });
  });

  describe('when an earlier attempt died while running, after committing an output', () => {
    it('should delete its versions and keep its record as <id>.attempt-1, marked lost', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r1', 'running');
      const runs = new RunRepository({ store });
      expect(await runs.listArtifacts({ key: 'doc' })).toHaveLength(1);

      const outcome = await retirePreviousAttempt(store, 'r1', 'its worker died');
      expect(outcome).toEqual({ kind: 'retired', archivedAs: 'r1.attempt-1', deletedVersions: 1 });
      expect(await runs.listArtifacts({ key: 'doc' })).toEqual([]);
      const archived = await runs.read('r1.attempt-1');
      expect(archived.status).toBe('lost');
      expect(archived.error?.code).toBe('QUEUE_ATTEMPT_ABANDONED');
      expect(archived.artifacts).toEqual([]);
      expect(archived.warnings?.[0]).toContain('doc@');
    });

    it('should leave one version per output once the retry has run under the same id', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r2', 'running');
      await retirePreviousAttempt(store, 'r2', 'its worker died');
      await run(write, { id: 'r2', store, params: { text: 'hello' } });
      const versions = await new RunRepository({ store }).listArtifacts({ key: 'doc' });
      expect(versions.map((a) => a.producer?.runId)).toEqual(['r2']);
    });
  });

  describe('when an earlier attempt failed', () => {
    it('should keep its record with its status', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r3', 'error');
      await retirePreviousAttempt(store, 'r3', 'retry');
      expect((await new RunRepository({ store }).read('r3.attempt-1')).status).toBe('error');
    });
  });

  describe('when an earlier attempt completed', () => {
    it('should report it done and touch nothing', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r4', 'completed');
      const outcome = await retirePreviousAttempt(store, 'r4', 'retry');
      expect(outcome.kind).toBe('done');
      expect(await new RunRepository({ store }).listArtifacts({ key: 'doc' })).toHaveLength(1);
    });
  });
});

describe('markAbandoned', () => {
  describe('when the run is still running', () => {
    it('should mark it lost with QUEUE_ATTEMPT_ABANDONED', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r5', 'running');
      expect(await markAbandoned(store, 'r5', 'gave up')).toBe(true);
      const record = await new RunRepository({ store }).read('r5');
      expect(record).toMatchObject({ status: 'lost', error: { code: 'QUEUE_ATTEMPT_ABANDONED' } });
    });
  });

  describe('when the run has ended', () => {
    it('should leave it alone', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r6', 'completed');
      expect(await markAbandoned(store, 'r6', 'gave up')).toBe(false);
    });
  });
});
