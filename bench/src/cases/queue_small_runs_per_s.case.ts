import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { RunQueue, parseRedisUrl } from '@stowage/bullmq';
import { deleteBucket, ensureBucket, S3Store } from '@stowage/s3';
import { Queue, QueueEvents } from 'bullmq';
import { type BenchCase } from '../bench-case';
import { interleave, ratioOutcome, timeMs, toOpsPerSecond } from '../harness';
import { s3Connection, s3Endpoint } from '../subjects/stowage';
import { benchRedis, dropQueue, SMALL_RUN, startWorkers, stopWorkers } from './queue-fixture';

/** Runs per repetition (full run). */
const RUNS = 1000;
/** Worker processes per side, and runs at once in each. */
const WORKERS = 4;
const CONCURRENCY = 4;

/**
 * `queue_small_runs_per_s`: 1,000 queued Stowage runs of a handler that logs one small result and
 * one 1 KB artifact to the S3 test server, on 4 worker processes × concurrency 4 (`RunWorker`),
 * vs the same 1,000 jobs on a bare BullMQ worker (same processes × concurrency) that puts the same
 * 1 KB with the AWS SDK and returns the same result. Both sides enqueue every job at once and wait
 * for every result. Target (issue 19): at least 0.5× the bare worker. Skipped without Redis or S3.
 */
export const queueSmallRunsPerS: BenchCase = {
  id: 'queue_small_runs_per_s',
  title:
    '1,000 queued runs (small result + 1 KB artifact on S3), 4 workers × 4, vs bare BullMQ + AWS SDK',
  target: { on: 'ratio', op: '>=', value: 0.5 },
  async run(ctx) {
    const redisUrl = await benchRedis();
    if (typeof redisUrl !== 'string') return { skipped: redisUrl.missing };
    const endpoint = await s3Endpoint();
    if (typeof endpoint !== 'string') return { skipped: endpoint.missing };
    const connection = s3Connection(endpoint);
    await ensureBucket(connection);
    const tag = randomBytes(4).toString('hex');
    const names = { stowage: `bench-stowage-${tag}`, bare: `bench-bare-${tag}` };
    const spec = { s3: connection };
    const workers: ChildProcess[] = [];
    const store = new S3Store(connection);
    let queue: RunQueue | undefined;
    const bare = new Queue(names.bare, { connection: parseRedisUrl(redisUrl).options });
    const events = new QueueEvents(names.bare, { connection: parseRedisUrl(redisUrl).options });
    // Every bare job awaited at once listens on the queue until it ends (as in RunQueue).
    bare.setMaxListeners(0);
    try {
      ctx.log(`starting ${WORKERS}+${WORKERS} worker processes`);
      workers.push(
        ...(await startWorkers('stowage', names.stowage, WORKERS, CONCURRENCY, redisUrl, spec)),
        ...(await startWorkers('bare', names.bare, WORKERS, CONCURRENCY, redisUrl, spec)),
      );
      queue = await RunQueue.open({ redisUrl, queue: names.stowage, store });
      const open = queue;
      await events.waitUntilReady();
      const runs = Math.max(16, Math.round(RUNS * ctx.scale));
      const range = Array.from({ length: runs }, (_, i) => i);
      const stowageRep = (): Promise<number> =>
        timeMs(async () => {
          const queued = await Promise.all(
            range.map((i) => open.enqueue(SMALL_RUN, { params: { i } })),
          );
          await Promise.all(queued.map((q) => q.result(600_000)));
        });
      const bareRep = (): Promise<number> =>
        timeMs(async () => {
          const jobs = await Promise.all(
            range.map((i) =>
              bare.add('small', { i }, { removeOnComplete: { age: 3600 }, removeOnFail: true }),
            ),
          );
          await Promise.all(jobs.map((job) => job.waitUntilFinished(events, 600_000)));
        });
      const samples = await interleave(stowageRep, bareRep, {
        warmup: Math.min(ctx.plan.warmup, 1),
        reps: 5,
      });
      return {
        ...ratioOutcome(samples, 'runs/s', { convert: (ms) => toOpsPerSecond(runs, ms) }),
        ratioMeaning: 'Stowage queued runs/s ÷ bare BullMQ jobs/s (each: 1 KB PUT + small result)',
        notes: [
          `${runs} runs per repetition, all enqueued at once; ${WORKERS} worker processes × concurrency ${CONCURRENCY} per side`,
          'Stowage side per run: 8 S3 PUTs (run listing entry + run record at start and at end; the artifact bytes, its listing entry, record and latest pointer), no GET; counted by packages/bullmq/test/run-worker.s3-requests.test.ts',
          `Redis ${redisUrl}, S3 ${endpoint}; the caller, the workers, Redis and the S3 server share this machine`,
        ],
      };
    } finally {
      await queue?.close();
      await events.close();
      await bare.close();
      await stopWorkers(workers);
      await dropQueue(redisUrl, names.stowage);
      await dropQueue(redisUrl, names.bare);
      await store.close?.();
      await deleteBucket(connection);
    }
  },
};
