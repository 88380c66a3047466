import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore, RunRepository, StoreArtifactRepository } from '@stowage/core';
import { RunQueue, RunWorker } from '../src';
import { PrivateRedis } from './helpers/private-redis';
import { describeRedis, REDIS_URL, uniqueQueue } from './helpers/redis-test-server';
import { removeQueue } from './helpers/queue-env';

const HANDLERS = join(__dirname, 'fixtures', 'handlers.js');

describeRedis('RunWorker under failures and load', () => {
  let root: string;
  let store: LocalStore;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'stowage-bullmq-'));
    store = new LocalStore({ root: join(root, 'store') });
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  describe('when Redis is killed and restarted in the middle of runs', () => {
    let redis: PrivateRedis | undefined;
    afterEach(async () => {
      await redis?.remove();
    });

    it('should reconnect and finish every run: none lost, none left running, one version each', async () => {
      redis = await PrivateRedis.start();
      const queueName = uniqueQueue();
      const marks = join(root, 'marks');
      await mkdir(marks);
      const queue = await RunQueue.open({ redisUrl: redis.url, queue: queueName, store });
      const worker = await RunWorker.start({
        redisUrl: redis.url,
        queue: queueName,
        store,
        concurrency: 3,
      });
      try {
        const queued = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            queue.enqueue(`${HANDLERS}#makeText`, {
              params: { text: `doc ${i}`, delayMs: 1200, markDir: marks },
            }),
          ),
        );
        // Kill Redis while the first runs are inside their handlers.
        while ((await readdir(marks)).length === 0) await new Promise((r) => setTimeout(r, 50));
        await redis.kill();
        await new Promise((r) => setTimeout(r, 1000));
        await redis.up();

        const results = await Promise.all(queued.map((q) => q.result(45_000)));
        expect(results.map((r) => r.status)).toEqual(Array(6).fill('completed'));
        const runs = new RunRepository({ store });
        const all = await runs.list();
        expect(all.filter((r) => r.status === 'running')).toEqual([]);
        for (const q of queued) expect((await runs.read(q.runId)).status).toBe('completed');
        const versions = await runs.listArtifacts({ key: 'doc' });
        const byRun = new Map<string, number>();
        for (const v of versions) {
          const id = v.producer?.runId ?? '';
          byRun.set(id, (byRun.get(id) ?? 0) + 1);
        }
        expect(queued.map((q) => byRun.get(q.runId))).toEqual(Array(6).fill(1));
      } finally {
        await worker.close();
        await queue.close();
      }
    });
  });

  describe('when 200 runs of one step are enqueued at once', () => {
    it('should complete all with exactly one version each, and latest the greatest version', async () => {
      const queueName = uniqueQueue();
      const queue = await RunQueue.open({ redisUrl: REDIS_URL, queue: queueName, store });
      const worker = await RunWorker.start({
        redisUrl: REDIS_URL,
        queue: queueName,
        store,
        concurrency: 8,
      });
      try {
        const queued = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            queue.enqueue(`${HANDLERS}#makeText`, { params: { text: `doc ${i}` } }),
          ),
        );
        const results = await Promise.all(queued.map((q) => q.result(60_000)));
        expect(results.filter((r) => r.status === 'completed')).toHaveLength(200);

        const versions = await new RunRepository({ store }).listArtifacts({ key: 'doc' });
        expect(versions).toHaveLength(200);
        expect(new Set(versions.map((v) => v.producer?.runId))).toEqual(
          new Set(queued.map((q) => q.runId)),
        );
        const latest = await new StoreArtifactRepository({ store }).read('doc');
        expect(latest.version).toBe(
          versions
            .map((v) => v.version)
            .sort()
            .pop(),
        );
      } finally {
        await worker.close();
        await queue.close();
        await removeQueue(queueName);
      }
    }, 120_000);
  });
});
