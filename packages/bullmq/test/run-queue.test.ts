import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore, RunRepository, StoreArtifactRepository } from '@stowage/core';
import { damageArtifactFile } from '@stowage/testing';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueError, RunQueue, RunWorker, parseRedisUrl } from '../src';
import { closeQueueEnv, openQueueEnv } from './helpers/queue-env';
import { describeRedis, REDIS_URL } from './helpers/redis-test-server';

const HANDLERS = join(__dirname, 'fixtures', 'handlers.js');

describeRedis('RunQueue with an in-process RunWorker', () => {
  let root: string;
  let store: LocalStore;
  let queueName: string;
  let queue: RunQueue;
  let worker: RunWorker;

  beforeEach(async () => {
    ({ root, store, queueName, queue, worker } = await openQueueEnv(2));
  });

  afterEach(() => closeQueueEnv({ root, queueName, queue, worker }));

  describe('when a handler is enqueued by reference and awaited', () => {
    it('should give the run id at once and then its results and artifact URIs', async () => {
      const queued = await queue.enqueue(`${HANDLERS}#makeText`, {
        params: { text: 'hello queue' },
        labels: { team: 'geo' },
      });
      expect(typeof queued.runId).toBe('string');
      const result = await queued.result(30_000);
      expect(result).toMatchObject({ runId: queued.runId, status: 'completed', attempt: 1 });
      expect(result.results).toEqual({ length: 11 });
      expect(result.artifacts).toEqual([
        { key: 'doc', uri: expect.stringMatching(/^store:\/\/doc@/) as unknown },
      ]);
      const item = await new RunRepository({ store }).read(queued.runId);
      expect(item.status).toBe('completed');
      expect(item.name).toBe('makeText');
      expect(item.labels).toMatchObject({
        team: 'geo',
        'queue.name': queueName,
        'queue.job': queued.runId,
        'queue.worker': worker.id,
        'queue.attempt': '1',
      });
      expect(item.runner).toMatchObject({ pid: process.pid });
    });

    it("should let a second run read the first one's artifact by URI", async () => {
      const first = await (
        await queue.enqueue(`${HANDLERS}#makeText`, { params: { text: 'quiet' } })
      ).result(30_000);
      const second = await queue.enqueue(`${HANDLERS}#shout`, {
        inputs: { doc: first.artifacts[0]?.uri ?? '' },
      });
      expect((await second.result(30_000)).results).toEqual({ shouted: 'QUIET' });
      const record = await new RunRepository({ store }).read(second.runId);
      expect(record.inputs).toEqual({ doc: first.artifacts[0]?.uri });
    });
  });

  describe('when a worker is running a run', () => {
    it('should show it on the queue as running with its worker, and record it only when it ends', async () => {
      const marks = mkdtempSync(join(tmpdir(), 'stowage-marks-'));
      try {
        const queued = await queue.enqueue(`${HANDLERS}#makeText`, {
          params: { text: 'slow', delayMs: 1500, markDir: marks },
        });
        while (readdirSync(marks).length === 0)
          await new Promise<void>((resolve) => setTimeout(resolve, 20));
        const running = (await queue.pending()).find((p) => p.runId === queued.runId);
        expect(running).toMatchObject({ state: 'running', workerId: worker.id, name: 'makeText' });
        expect(running?.startedAt).toBeInstanceOf(Date);
        const runs = new RunRepository({ store });
        await expect(runs.read(queued.runId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
        await queued.result(30_000);
        expect((await runs.read(queued.runId)).status).toBe('completed');
        expect((await queue.pending()).map((p) => p.runId)).not.toContain(queued.runId);
      } finally {
        rmSync(marks, { recursive: true, force: true });
      }
    });
  });

  describe("when the handler's module registers a packager as it loads", () => {
    it('should log the output with that packager', async () => {
      const queued = await queue.enqueue(
        `${join(__dirname, 'fixtures', 'packager-handlers.js')}#readTemp`,
      );
      expect((await queued.result(30_000)).results).toEqual({ celsius: 21 });
    });
  });

  describe('when a failed job is retried by hand with its attempt counters reset', () => {
    it('should still find the earlier attempt in the store and keep it aside', async () => {
      const queued = await queue.enqueue(`${HANDLERS}#shout`, {
        inputs: { doc: 'store://doc' },
        attempts: 1,
      });
      await expect(queued.result(30_000)).rejects.toMatchObject({ code: 'QUEUE_RUN_FAILED' });
      // Now the input exists.
      await (
        await queue.enqueue(`${HANDLERS}#makeText`, { params: { text: 'late text' } })
      ).result(30_000);
      const raw = new Queue(queueName, { connection: parseRedisUrl(REDIS_URL).options });
      try {
        const job = await raw.getJob(queued.runId);
        // BullMQ counts this as a first start again (attemptsStarted 1, attemptsMade 0).
        await job?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      } finally {
        await raw.close();
      }
      expect((await queued.result(30_000)).results).toEqual({ shouted: 'LATE TEXT' });
      const runs = new RunRepository({ store });
      expect((await runs.read(queued.runId)).status).toBe('completed');
      const earlier = await runs.read(`${queued.runId}.attempt-1`);
      expect(earlier.status).toBe('error');
    });
  });

  describe('when several runs are awaited at once', () => {
    /** The QueueEvents connections Redis sees for this queue (BullMQ names them `bull:<base64>:qe`). */
    async function eventConnections(): Promise<number> {
      const admin = new Redis(parseRedisUrl(REDIS_URL).options);
      try {
        const list = (await admin.client('LIST')) as string;
        const name = `name=bull:${Buffer.from(queueName).toString('base64')}:qe`;
        return list.split('\n').filter((line) => line.includes(name)).length;
      } finally {
        admin.disconnect();
      }
    }

    it('should share one event connection and close it with the queue', async () => {
      const queued = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          queue.enqueue(`${HANDLERS}#makeText`, { params: { text: `doc ${i}` } }),
        ),
      );
      const results = await Promise.all(queued.map((q) => q.result(30_000)));
      expect(results.map((r) => r.status)).toEqual(Array(5).fill('completed'));
      expect(await eventConnections()).toBe(1);
      await queue.close();
      expect(await eventConnections()).toBe(0);
    });
  });

  describe('when an input is poison (its stored bytes fail to unpack)', () => {
    it('should fail the job after its attempts with the typed error in the run record, and keep working', async () => {
      const made = await (
        await queue.enqueue(`${HANDLERS}#makeText`, { params: { text: 'soon broken' } })
      ).result(30_000);
      const version = /@(.+)$/.exec(made.artifacts[0]?.uri ?? '')?.[1] ?? '';
      const repository = new StoreArtifactRepository({ store });
      await damageArtifactFile(store, await repository.read('doc', { version }));
      await repository.dispose();
      const poisoned = await queue.enqueue(`${HANDLERS}#shout`, {
        inputs: { doc: made.artifacts[0]?.uri ?? '' },
        attempts: 2,
      });
      const failure = await poisoned.result(30_000).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(QueueError);
      expect(failure).toMatchObject({ code: 'QUEUE_RUN_FAILED' });
      const record = await new RunRepository({ store }).read(poisoned.runId);
      expect(record.status).toBe('error');
      expect(record.error?.code).toBe('UNPACKING_INPUT_FAILED');
      expect(JSON.stringify(record.error)).toContain('INTEGRITY_MISMATCH');
      expect(record.labels['queue.attempt']).toBe('2');
      expect((failure as QueueError).details['errorCode']).toBe(record.error?.code);
      const firstAttempt = await new RunRepository({ store }).read(`${poisoned.runId}.attempt-1`);
      expect(firstAttempt.status).toBe('error');
      // The worker survived: it still runs jobs.
      const after = await queue.enqueue(`${HANDLERS}#makeText`, { params: { text: 'alive' } });
      expect((await after.result(30_000)).results).toEqual({ length: 5 });
    });
  });
});
