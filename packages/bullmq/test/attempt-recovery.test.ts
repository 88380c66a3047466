import { handler, MemoryStore, run, RunRepository } from '@stowage/core';
import { runRecordPath, serializeRunRecord } from '@stowage/core/internal';
import type { RunRecord } from '@stowage/core';
import {
  markAbandoned,
  parseAttemptStart,
  retirePreviousAttempt,
  type AttemptStart,
  type QueuedRunInfo,
} from '../src/attempt-recovery';

/** What Redis kept of an attempt that died before writing any record. */
function deadAttempt(attempt: number): { start: AttemptStart; run: QueuedRunInfo } {
  return {
    start: {
      attempt,
      workerId: 'box:4242:abc',
      host: 'box',
      pid: 4242,
      startedAt: '2026-12-08T03:00:00.000Z',
    },
    run: {
      name: 'write',
      labels: { team: 'a', 'queue.name': 'q', 'queue.job': 'r' },
      params: { text: 'hello' },
      inputs: { data: 'store://rows' },
    },
  };
}

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

describe('an attempt that died before writing any record (runs recorded at their end)', () => {
  describe('when the next attempt starts and the store has no record of the run', () => {
    it('should record the dead attempt as lost, from what Redis kept of its start', async () => {
      const store = new MemoryStore();
      const now = new Date('2026-12-08T03:05:00.000Z');
      const outcome = await retirePreviousAttempt(store, 'r7', 'taken again', now, deadAttempt(1));
      expect(outcome).toEqual({ kind: 'retired', archivedAs: 'r7.attempt-1', deletedVersions: 0 });
      const lost = await new RunRepository({ store }).read('r7.attempt-1');
      expect(lost).toMatchObject({
        status: 'lost',
        name: 'write',
        startedAt: '2026-12-08T03:00:00.000Z',
        endedAt: now.toISOString(),
        runner: { host: 'box', pid: 4242 },
        params: { text: 'hello' },
        inputs: { data: 'store://rows' },
        labels: { team: 'a', 'queue.worker': 'box:4242:abc', 'queue.attempt': '1' },
        error: { code: 'QUEUE_ATTEMPT_ABANDONED' },
      });
      // the run's own record is left to the attempt about to run
      await expect(new RunRepository({ store }).read('r7')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  describe('when the store holds an earlier attempt that failed, and the last one died', () => {
    it('should keep the failed one as before and record the dead one as lost', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r8', 'error');
      const outcome = await retirePreviousAttempt(
        store,
        'r8',
        'taken again',
        new Date(),
        deadAttempt(2),
      );
      expect(outcome).toMatchObject({ kind: 'retired', archivedAs: 'r8.attempt-2' });
      const runs = new RunRepository({ store });
      expect((await runs.read('r8.attempt-1')).status).toBe('error');
      expect((await runs.read('r8.attempt-2')).status).toBe('lost');
    });
  });

  describe('when the last attempt did write its record (it ended, then its worker died)', () => {
    it('should not record it lost', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r9', 'error');
      await retirePreviousAttempt(store, 'r9', 'taken again', new Date(), deadAttempt(1));
      expect(
        (await new RunRepository({ store }).list()).map((r) => [r.id, r.status]).sort(),
      ).toEqual([
        ['r9', 'error'],
        ['r9.attempt-1', 'error'],
      ]);
    });
  });

  describe('when the job fails for good and the run has no record', () => {
    it('should record the run itself as lost', async () => {
      const store = new MemoryStore();
      expect(await markAbandoned(store, 'r10', 'gave up', new Date(), deadAttempt(3))).toBe(true);
      expect(await new RunRepository({ store }).read('r10')).toMatchObject({
        status: 'lost',
        labels: { 'queue.attempt': '3' },
        error: { code: 'QUEUE_ATTEMPT_ABANDONED' },
      });
    });

    it('should leave a completed record alone', async () => {
      const store = new MemoryStore();
      await attemptLeft(store, 'r11', 'completed');
      expect(await markAbandoned(store, 'r11', 'gave up', new Date(), deadAttempt(2))).toBe(false);
      expect((await new RunRepository({ store }).read('r11')).status).toBe('completed');
    });
  });
});

describe(parseAttemptStart, () => {
  describe('when Redis holds something that is not an attempt start', () => {
    it.each([null, undefined, '', 'not json', '{"attempt":"1"}', '[]', 'null', '{"attempt":1}'])(
      'should give undefined for %p',
      (text) => {
        expect(parseAttemptStart(text)).toBeUndefined();
      },
    );
  });

  describe('when it holds one', () => {
    it('should read it back', () => {
      const { start } = deadAttempt(2);
      expect(parseAttemptStart(JSON.stringify(start))).toEqual(start);
    });
  });
});
