import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore, RunRepository } from '@stowage/core';
import { QueueError, RunQueue, RunWorker, openStoreLocation, parseRedisUrl } from '../src';
import { describeRedis, REDIS_URL, uniqueQueue } from './helpers/redis-test-server';
import { removeQueue } from './helpers/queue-env';

const HANDLERS = join(__dirname, 'fixtures', 'handlers.js');

describe('RunWorker configuration checks', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stowage-bullmq-'));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('when the Redis URL is malformed', () => {
    it.each(['http://127.0.0.1:6379', 'not a url', 'redis://127.0.0.1:6379/abc'])(
      'should refuse %s with QUEUE_REDIS_URL_INVALID before any job',
      async (url) => {
        const store = new LocalStore({ root });
        const error = await RunWorker.start({ redisUrl: url, store }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(QueueError);
        expect(error).toMatchObject({ code: 'QUEUE_REDIS_URL_INVALID' });
      },
    );

    it('should not print the password of the URL', () => {
      const error = (() => {
        try {
          return parseRedisUrl('http://user:s3cret@host:1');
        } catch (e) {
          return e;
        }
      })();
      expect((error as Error).message).not.toContain('s3cret');
    });
  });

  describe('when nothing answers at the Redis URL', () => {
    it('should fail with QUEUE_REDIS_UNREACHABLE before any job', async () => {
      const store = new LocalStore({ root });
      // Port 1 on loopback: nothing listens there.
      const error = await RunWorker.start({
        redisUrl: 'redis://127.0.0.1:1',
        store,
        connectTimeoutMs: 2_000,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueueError);
      expect(error).toMatchObject({ code: 'QUEUE_REDIS_UNREACHABLE' });
    });
  });

  describe('when the local store root does not exist on the worker', () => {
    it('should fail with QUEUE_STORE_NOT_SHARED before any job', () => {
      const missing = join(root, 'not-mounted-here');
      expect(() => openStoreLocation(missing)).toThrow(
        expect.objectContaining({ code: 'QUEUE_STORE_NOT_SHARED' }),
      );
    });

    it('should refuse to start a worker on a LocalStore whose root is gone', async () => {
      const gone = join(root, 'gone');
      const store = new LocalStore({ root: gone });
      const error = await RunWorker.start({ redisUrl: REDIS_URL, store }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'QUEUE_STORE_NOT_SHARED' });
    });
  });
});

describeRedis('RunWorker on a store the caller does not share', () => {
  const dirs: string[] = [];
  let queueName: string;

  afterEach(async () => {
    await removeQueue(queueName);
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('should fail the job at once with QUEUE_STORE_NOT_SHARED, run nothing, and keep working', async () => {
    const callerRoot = await mkdtemp(join(tmpdir(), 'stowage-bullmq-caller-'));
    const workerRoot = await mkdtemp(join(tmpdir(), 'stowage-bullmq-worker-'));
    dirs.push(callerRoot, workerRoot);
    queueName = uniqueQueue();
    const callerStore = new LocalStore({ root: callerRoot });
    const queue = await RunQueue.open({
      redisUrl: REDIS_URL,
      queue: queueName,
      store: callerStore,
    });
    const worker = await RunWorker.start({
      redisUrl: REDIS_URL,
      queue: queueName,
      store: new LocalStore({ root: workerRoot }),
    });
    try {
      const queued = await queue.enqueue(`${HANDLERS}#makeText`, { params: { text: 'x' } });
      const error = await queued.result(30_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueueError);
      expect((error as QueueError).message).toContain('QUEUE_STORE_NOT_SHARED');
      expect(await new RunRepository({ store: callerStore }).list()).toEqual([]);
      expect(
        await new RunRepository({ store: new LocalStore({ root: workerRoot }) }).list(),
      ).toEqual([]);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
