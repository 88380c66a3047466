import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStore, RunRepository } from '@stowage/core';
import { RunQueue } from '../src';
import { describeRedis, REDIS_URL, uniqueQueue } from './helpers/redis-test-server';
import { removeQueue } from './helpers/queue-env';

const HANDLERS = join(__dirname, 'fixtures', 'handlers.js');
const WORKER = join(__dirname, 'fixtures', 'worker-process.js');

describeRedis('RunWorker in several processes', () => {
  let root: string;
  let marks: string;
  let store: LocalStore;
  let queueName: string;
  let queue: RunQueue;
  let workers: ChildProcess[];

  // One set of worker processes for the file (starting Node processes is the slow part); the
  // SIGKILL case runs last since it kills one of them.
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stowage-bullmq-'));
    marks = join(root, 'marks');
    await mkdir(marks);
    store = new LocalStore({ root: join(root, 'store') });
    queueName = uniqueQueue();
    queue = await RunQueue.open({ redisUrl: REDIS_URL, queue: queueName, store, backoffMs: 50 });
    workers = await Promise.all([0, 1, 2].map(() => startWorker(join(root, 'store'), queueName)));
  });

  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await queue.close();
    await removeQueue(queueName);
    await rm(root, { recursive: true, force: true });
  });

  describe('when runs are enqueued to 3 workers', () => {
    it('should complete every run, spread over the worker processes', async () => {
      const queued = await Promise.all(
        Array.from({ length: 9 }, (_, i) =>
          queue.enqueue(`${HANDLERS}#makeText`, { params: { text: `doc ${i}`, delayMs: 150 } }),
        ),
      );
      const results = await Promise.all(queued.map((q) => q.result(40_000)));
      expect(results.map((r) => r.status)).toEqual(Array(9).fill('completed'));
      const runs = new RunRepository({ store });
      const pids = new Set<number>();
      for (const q of queued) pids.add((await runs.read(q.runId)).runner?.pid ?? 0);
      const workerPids = workers.map((w) => w.pid);
      for (const pid of pids) expect(workerPids).toContain(pid);
      expect(pids.size).toBeGreaterThan(1);
    });
  });

  describe('when a worker is killed (SIGKILL) in the middle of a run', () => {
    it('should retry it on another worker: one version, nothing partial, the dead attempt not left running', async () => {
      const queued = await queue.enqueue(`${HANDLERS}#makeText`, {
        params: { text: 'survivor', delayMs: 2500, markDir: marks },
      });
      const pid = await firstMark(marks);
      const victim = workers.find((w) => w.pid === pid);
      expect(victim).toBeDefined();
      victim?.kill('SIGKILL');
      const result = await queued.result(40_000);
      expect(result).toMatchObject({ status: 'completed', attempt: 2 });

      const runs = new RunRepository({ store });
      const record = await runs.read(queued.runId);
      expect(record.status).toBe('completed');
      expect(record.runner?.pid).not.toBe(pid);
      const dead = await runs.read(`${queued.runId}.attempt-1`);
      expect(dead.status).toBe('lost');
      expect(dead.error?.code).toBe('QUEUE_ATTEMPT_ABANDONED');
      expect(dead.runner?.pid).toBe(pid);

      const versions = (await runs.listArtifacts({ key: 'doc' })).filter(
        (a) => a.producer?.runId === queued.runId,
      );
      expect(versions).toHaveLength(1);
      // Nothing partial: every version directory on disk is a committed version.
      const committed = (await runs.listArtifacts({ key: 'doc' })).map((a) => a.version).sort();
      // (Small files live inside their records: a version may have no folder at all.)
      const dirs = await readdir(join(root, 'store', 'artifacts', 'doc', 'versions')).catch(
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return [] as string[];
          throw error;
        },
      );
      expect(committed.length).toBeGreaterThan(0);
      expect(dirs.filter((d) => !committed.includes(d))).toEqual([]);
    });
  });
});

function startWorker(storeRoot: string, queueName: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER], {
    env: { ...process.env, REDIS_URL, QUEUE: queueName, STORE: storeRoot },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().startsWith('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited ${String(code)}: ${err}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Waits until a handler wrote its start mark, and returns the pid of its process. */
async function firstMark(dir: string): Promise<number> {
  for (let i = 0; i < 400; i++) {
    const [name] = await readdir(dir);
    if (name !== undefined) return Number(name.split('-')[0]);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('no handler started within 20 s');
}
