import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { LocalStore, type Store } from '@stowage/core';
import { checkRedis, parseRedisUrl } from '@stowage/bullmq';
import { S3Store, type S3StoreOptions } from '@stowage/s3';
import { Queue } from 'bullmq';
import type { Missing } from '../subjects/stowage';

/** Where the queue cases' workers write: an S3 bucket (its connection) or a local root. */
export type QueueStoreSpec =
  { readonly s3: S3StoreOptions & { readonly bucket: string } } | { readonly root: string };

/** Opens the store a spec names. */
export function openSpec(spec: QueueStoreSpec): Store {
  return 's3' in spec ? new S3Store(spec.s3) : new LocalStore({ root: spec.root });
}

/** The handler reference the queue cases enqueue. */
export const SMALL_RUN = `${join(__dirname, 'queue-handlers.child.js')}#smallRun`;

/**
 * The Redis the queue cases use (`REDIS_URL`, default the one `scripts/redis-server.sh` starts),
 * or why it cannot be used.
 */
export async function benchRedis(): Promise<string | Missing> {
  const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:16379';
  try {
    await checkRedis(parseRedisUrl(url), 2000);
    return url;
  } catch (error) {
    return {
      missing: `Redis at ${url} is unreachable (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); start it: scripts/redis-server.sh start, or set REDIS_URL`,
    };
  }
}

/** Starts `count` worker processes and resolves once all take jobs. */
export function startWorkers(
  mode: 'stowage' | 'bare' | 'noop',
  queue: string,
  count: number,
  concurrency: number,
  redisUrl: string,
  spec: QueueStoreSpec,
): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(
        process.execPath,
        [join(__dirname, 'queue-worker.child.js'), mode, queue, String(concurrency)],
        {
          env: { ...process.env, REDIS_URL: redisUrl, QUEUE_STORE: JSON.stringify(spec) },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      return new Promise<ChildProcess>((done, fail) => {
        let err = '';
        child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
        child.stdout?.on('data', (d: Buffer) => {
          if (d.toString().startsWith('ready')) done(child);
        });
        child.once('exit', (code) =>
          fail(new Error(`${mode} worker exited ${String(code)}: ${err}`)),
        );
      });
    }),
  );
}

/** Stops worker processes (SIGTERM, then SIGKILL after 10 s). */
export async function stopWorkers(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}

/** Removes a queue's keys from Redis. */
export async function dropQueue(redisUrl: string, name: string): Promise<void> {
  const queue = new Queue(name, { connection: parseRedisUrl(redisUrl).options });
  try {
    await queue.obliterate({ force: true });
  } finally {
    await queue.close();
  }
}
