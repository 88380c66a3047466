import { Queue, QueueEvents, Worker } from 'bullmq';
import type { EventEmitter } from 'node:events';
import { parseRedisUrl } from '../src';
import { waitForJobEnd } from '../src/job-finish';
import { describeRedis, REDIS_URL, uniqueQueue } from './helpers/redis-test-server';

describeRedis('waitForJobEnd', () => {
  const connection = parseRedisUrl(REDIS_URL).options;
  let name: string;
  let queue: Queue;
  /** Listens to another queue: the notifications of `queue`'s jobs never reach it (lost events). */
  let deaf: QueueEvents;
  beforeEach(async () => {
    name = uniqueQueue();
    queue = new Queue(name, { connection });
    deaf = new QueueEvents(uniqueQueue(), { connection });
    await deaf.waitUntilReady();
  });
  afterEach(async () => {
    await deaf.close();
    await queue.obliterate({ force: true });
    await queue.close();
  });

  /** A job moved to completed (or failed) by hand, as a worker would, without a worker. */
  async function endedJob(how: 'completed' | 'failed'): Promise<string> {
    const job = await queue.add('t', { n: 1 });
    const worker = new Worker(
      name,
      () => (how === 'completed' ? Promise.resolve({ ok: 42 }) : Promise.reject(new Error('boom'))),
      { connection, autorun: true },
    );
    await new Promise<void>((resolve) => worker.once(how, () => resolve()));
    await worker.close();
    return String(job.id);
  }

  describe('when the job completed but its notification never arrives', () => {
    it('should give its value from its state in Redis, and leave no listener behind', async () => {
      const id = await endedJob('completed');
      const end = await waitForJobEnd(queue, deaf, id, 20_000);
      expect(end).toEqual({ kind: 'completed', value: { ok: 42 } });
      expect((deaf as unknown as EventEmitter).listenerCount(`completed:${id}`)).toBe(0);
    });
  });

  describe('when the job failed for good', () => {
    it('should give its reason', async () => {
      const id = await endedJob('failed');
      expect(await waitForJobEnd(queue, deaf, id, 20_000)).toEqual({
        kind: 'failed',
        reason: 'boom',
      });
    });
  });

  describe('when Redis no longer holds the job', () => {
    it('should say it is gone (the caller asks the store)', async () => {
      expect(await waitForJobEnd(queue, deaf, 'no-such-job', 20_000)).toEqual({ kind: 'gone' });
    });
  });

  describe('when the job does not end in time', () => {
    it('should time out and remove its listeners and timers', async () => {
      const job = await queue.add('t', { n: 2 });
      const id = String(job.id);
      const end = await waitForJobEnd(queue, deaf, id, 300);
      expect(end).toEqual({ kind: 'timeout', ms: 300 });
      const emitter = deaf as unknown as EventEmitter;
      expect(emitter.listenerCount(`completed:${id}`)).toBe(0);
      expect(emitter.listenerCount(`failed:${id}`)).toBe(0);
    });
  });
});
