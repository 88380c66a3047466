import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { LocalStore, RunRepository } from '@stowage/core';
import { RunQueue, parseRedisUrl } from '@stowage/bullmq';
import { Queue, QueueEvents } from 'bullmq';
import { type BenchCase } from '../bench-case';
import { collectGarbage, ratioOutcome, summarize } from '../harness';
import { benchRedis, dropQueue, SMALL_RUN, startWorkers, stopWorkers } from './queue-fixture';

/** Single runs measured (after warm-up). */
const SAMPLES = 30;

/** One run's latency and where it went (ms). */
interface Split {
  readonly total: number;
  readonly enqueue: number;
  readonly pickup: number;
  readonly run: number;
  readonly delivery: number;
}

/**
 * `queue_overhead_ms`: the median latency from `enqueue()` to `result()` of one small run (a
 * result and a 1 KB artifact, on a local store) on an idle queue with one worker process, split
 * into enqueue (the Redis add), pick-up (until the worker's run record starts), the run itself
 * (its record's start to end) and delivery (until the caller has the result). Beside it, a bare
 * BullMQ job with a no-op processor (the floor BullMQ alone sets). Target: at most 100 ms.
 * Skipped without Redis.
 */
export const queueOverheadMs: BenchCase = {
  id: 'queue_overhead_ms',
  title: 'enqueue-to-result latency of one small queued run on an idle queue (median, ms)',
  target: { on: 'stowage', op: '<=', value: 100 },
  async run(ctx) {
    const redisUrl = await benchRedis();
    if (typeof redisUrl !== 'string') return { skipped: redisUrl.missing };
    const root = await ctx.tempDir();
    const store = new LocalStore({ root });
    const tag = randomBytes(4).toString('hex');
    const names = { stowage: `bench-latency-${tag}`, bare: `bench-noop-${tag}` };
    const workers: ChildProcess[] = [];
    let queue: RunQueue | undefined;
    const bare = new Queue(names.bare, { connection: parseRedisUrl(redisUrl).options });
    const events = new QueueEvents(names.bare, { connection: parseRedisUrl(redisUrl).options });
    // Every bare job awaited at once listens on the queue until it ends (as in RunQueue).
    bare.setMaxListeners(0);
    try {
      queue = await RunQueue.open({ redisUrl, queue: names.stowage, store });
      const open = queue;
      workers.push(
        ...(await startWorkers('stowage', names.stowage, 1, 1, redisUrl, { root })),
        ...(await startWorkers('noop', names.bare, 1, 1, redisUrl, { root })),
      );
      await events.waitUntilReady();
      const runs = new RunRepository({ store });
      const one = async (i: number): Promise<Split> => {
        collectGarbage();
        const t0 = Date.now();
        const h0 = process.hrtime.bigint();
        const queued = await open.enqueue(SMALL_RUN, { params: { i } });
        const h1 = process.hrtime.bigint();
        await queued.result(60_000);
        const h2 = process.hrtime.bigint();
        const record = await runs.read(queued.runId);
        const ms = (a: bigint, b: bigint): number => Number(b - a) / 1e6;
        const enqueue = ms(h0, h1);
        const started = Date.parse(record.startedAt) - t0;
        const ended = Date.parse(record.endedAt ?? record.startedAt) - t0;
        const total = ms(h0, h2);
        return {
          total,
          enqueue,
          pickup: started - enqueue,
          run: ended - started,
          delivery: total - ended,
        };
      };
      const noop = async (i: number): Promise<number> => {
        collectGarbage();
        const h0 = process.hrtime.bigint();
        const job = await bare.add('noop', { i }, { removeOnComplete: { age: 3600 } });
        await job.waitUntilFinished(events, 60_000);
        return Number(process.hrtime.bigint() - h0) / 1e6;
      };
      for (let i = 0; i < Math.max(3, ctx.plan.warmup); i++) {
        await one(-1 - i);
        await noop(-1 - i);
      }
      const splits: Split[] = [];
      const floor: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        splits.push(await one(i));
        floor.push(await noop(i));
      }
      const median = (f: (s: Split) => number): string =>
        summarize(splits.map(f), 'ms').median.toFixed(1);
      return {
        ...ratioOutcome({ stowage: splits.map((s) => s.total), baseline: floor }, 'ms'),
        ratioMeaning: 'Stowage run latency ÷ bare BullMQ no-op job latency (medians)',
        notes: [
          `median split (ms): enqueue ${median((s) => s.enqueue)}, pick-up ${median((s) => s.pickup)}, run ${median((s) => s.run)} (record start to end: unpack, handler, 1 KB artifact, record), delivery ${median((s) => s.delivery)} (worker's result to the caller, through BullMQ events)`,
          `${SAMPLES} runs one at a time on an idle queue, 1 worker process, local store; record times are ms-precise wall clock, so the split is ±1 ms`,
        ],
      };
    } finally {
      await queue?.close();
      await events.close();
      await bare.close();
      await stopWorkers(workers);
      await dropQueue(redisUrl, names.stowage);
      await dropQueue(redisUrl, names.bare);
    }
  },
};
