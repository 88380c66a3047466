import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore } from '@stowage/core';
import { Queue } from 'bullmq';
import { RunQueue, RunWorker, parseRedisUrl } from '../../src';
import { REDIS_URL, uniqueQueue } from './redis-test-server';

/** A fresh local store, a queue of its own on the test Redis, and an in-process worker on it. */
export interface QueueEnv {
  readonly root: string;
  readonly store: LocalStore;
  readonly queueName: string;
  readonly queue: RunQueue;
  readonly worker: RunWorker;
}

/** Opens a {@link QueueEnv} whose worker runs `concurrency` jobs at once (retries after 50 ms). */
export async function openQueueEnv(concurrency: number): Promise<QueueEnv> {
  const root = await mkdtemp(join(tmpdir(), 'stowage-bullmq-'));
  const store = new LocalStore({ root });
  const queueName = uniqueQueue();
  const queue = await RunQueue.open({
    redisUrl: REDIS_URL,
    queue: queueName,
    store,
    backoffMs: 50,
  });
  const worker = await RunWorker.start({
    redisUrl: REDIS_URL,
    queue: queueName,
    store,
    concurrency,
  });
  return { root, store, queueName, queue, worker };
}

/** Closes the worker and the queue, removes the queue's keys from Redis and the store's folder. */
export async function closeQueueEnv(env: Omit<QueueEnv, 'store'>): Promise<void> {
  await env.worker.close();
  await env.queue.close();
  await removeQueue(env.queueName);
  await rm(env.root, { recursive: true, force: true });
}

/** Removes every key of the queue `name` from the test Redis (jobs, events, counters). */
export async function removeQueue(name: string): Promise<void> {
  const raw = new Queue(name, { connection: parseRedisUrl(REDIS_URL).options });
  await raw.obliterate({ force: true });
  await raw.close();
}
