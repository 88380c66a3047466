import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LocalStore, StoreArtifactRepository, type RunRecord } from '@stowage/core';
import { RunQueue, parseRedisUrl } from '@stowage/bullmq';
import { Queue } from 'bullmq';
import { runPipeline, type PipelineResult } from '../src/pipeline';
import { runPipelineOnQueue } from '../src/queued-pipeline';
import {
  describeRedis,
  REDIS_URL,
  uniqueQueue,
} from '../../../packages/bullmq/test/helpers/redis-test-server';

const DIST = resolve(__dirname, '../dist');
const STEPS = ['prepare', 'train', 'evaluate'] as const;

describeRedis('the pipeline in-process and on 3 queue workers', () => {
  let root: string;
  let local: LocalStore;
  let shared: LocalStore;
  let queueName: string;
  let queue: RunQueue;
  let workers: ChildProcess[] = [];
  let inProcess: PipelineResult;
  let queued: PipelineResult;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'stowage-pipeline-queue-'));
    local = new LocalStore({ root: join(root, 'local') });
    shared = new LocalStore({ root: join(root, 'shared') });
    queueName = uniqueQueue();
    // The caller opens the shared store first (it writes the store's identity the workers check).
    queue = await RunQueue.open({ redisUrl: REDIS_URL, queue: queueName, store: shared });
    workers = await Promise.all([0, 1, 2].map(() => startWorker(join(root, 'shared'), queueName)));
    inProcess = await runPipeline({ store: local });
    queued = await runPipelineOnQueue({
      queue,
      stepsModule: join(DIST, 'worker-steps.js'),
      timeoutMs: 90_000,
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(workers.map(stopWorker));
    await queue?.close();
    const raw = new Queue(queueName, { connection: parseRedisUrl(REDIS_URL).options });
    await raw.obliterate({ force: true });
    await raw.close();
    rmSync(root, { recursive: true, force: true });
  });

  describe('when both runs end', () => {
    it('should complete the same steps with the same results', () => {
      for (const step of STEPS) {
        expect([queued[step].name, queued[step].status]).toEqual([
          inProcess[step].name,
          inProcess[step].status,
        ]);
        expect(queued[step].results).toEqual(inProcess[step].results);
      }
    });

    it('should log the same artifacts, byte for byte', async () => {
      for (const step of STEPS) {
        const keys = (r: RunRecord): string[] => r.artifacts.map((a) => `${a.key}:${a.kind}`);
        expect(keys(queued[step])).toEqual(keys(inProcess[step]));
        for (const entry of inProcess[step].artifacts) {
          const version = (r: RunRecord): string =>
            /@(.+)$/.exec(r.artifacts.find((a) => a.key === entry.key)?.uri ?? '')?.[1] ?? '';
          const mine = await new StoreArtifactRepository({ store: local }).read(entry.key, {
            version: version(inProcess[step]),
          });
          const theirs = await new StoreArtifactRepository({ store: shared }).read(entry.key, {
            version: version(queued[step]),
          });
          expect([theirs.sha256, theirs.fileRecords]).toEqual([mine.sha256, mine.fileRecords]);
        }
      }
    });

    it('should record the same lineage: each input is the producing step’s artifact', () => {
      const lineage = (result: PipelineResult): Record<string, Record<string, string>> => {
        const producer = new Map<string, string>();
        for (const step of STEPS)
          for (const a of result[step].artifacts) producer.set(a.uri, `${step}.${a.key}`);
        return Object.fromEntries(
          STEPS.map((step) => [
            step,
            Object.fromEntries(
              Object.entries(result[step].inputs).map(([name, uri]) => [
                name,
                (typeof uri === 'string' ? producer.get(uri) : undefined) ??
                  `unknown ${JSON.stringify(uri)}`,
              ]),
            ),
          ]),
        );
      };
      expect(lineage(queued)).toEqual(lineage(inProcess));
      expect(lineage(queued)).toEqual({
        prepare: {},
        train: { dataset: 'prepare.dataset' },
        evaluate: { model: 'train.model', dataset: 'prepare.dataset' },
      });
    });

    it('should have run every queued step in a worker process, labelled with the pipeline', () => {
      const pids = workers.map((w) => w.pid);
      for (const step of STEPS) {
        expect(pids).toContain(queued[step].runner?.pid);
        expect(queued[step].labels).toMatchObject({ example: 'pipeline', pipeline: queued.id });
        expect(queued[step].labels['queue.worker']).toBeDefined();
      }
    });
  });
});

function startWorker(storeRoot: string, queueName: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join(DIST, 'worker.js')], {
    env: { ...process.env, REDIS_URL, QUEUE: queueName, STOWAGE_STORE: storeRoot },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((done, fail) => {
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().startsWith('ready')) done(child);
    });
    child.once('exit', (code) => fail(new Error(`worker exited ${String(code)}: ${err}`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
