import { join } from 'node:path';
import { RunRepository } from '@stowage/core';
import { deleteBucket, ensureBucket, S3Store } from '@stowage/s3';
import { RunQueue, RunWorker } from '../src';
import { describeRedis, REDIS_URL, uniqueQueue } from './helpers/redis-test-server';
import { removeQueue } from './helpers/queue-env';
import {
  logS3Requests,
  s3TestConnection,
  s3Unreachable,
  type S3Request,
} from './helpers/s3-request-log';

const HANDLERS = join(__dirname, 'fixtures', 'handlers.js');
const unreachable = s3Unreachable();
const describeS3Redis = unreachable === undefined ? describeRedis : describe.skip;
if (unreachable !== undefined) console.warn(`SKIPPING S3 request counts: ${unreachable}`);

/** `PutObject runs/<id>.json` → `PutObject runs/*`: what a request is, whatever run made it. */
function kind(request: S3Request, runId: string): string {
  const path = request.key
    .replace(runId, '<run>')
    .replace(/\/log\/[^/]+$/, '/log/*')
    .replace(/@?[0-9]{8}T[0-9A-Za-z-]+/g, '<version>');
  return `${request.command} ${path}`;
}

describeS3Redis('RunWorker on an S3 store', () => {
  const connection = s3TestConnection();
  let callerStore: S3Store;
  let workerStore: S3Store;
  let queueName: string;
  let queue: RunQueue;
  let worker: RunWorker;
  let requests: S3Request[];
  let callerRequests: S3Request[];

  beforeAll(async () => {
    await ensureBucket(connection);
    callerStore = new S3Store(connection);
    workerStore = new S3Store(connection);
    requests = logS3Requests(workerStore);
    callerRequests = logS3Requests(callerStore);
    queueName = uniqueQueue();
    queue = await RunQueue.open({ redisUrl: REDIS_URL, queue: queueName, store: callerStore });
    worker = await RunWorker.start({
      redisUrl: REDIS_URL,
      queue: queueName,
      store: workerStore,
      concurrency: 2,
    });
    // The first run reads what a worker reads once per store (format marker, store identity).
    await (
      await queue.enqueue(`${HANDLERS}#makeText`, { params: { text: 'warm' } })
    ).result(30_000);
  });

  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await removeQueue(queueName);
    await callerStore?.close();
    await workerStore?.close();
    await deleteBucket(connection);
  });

  /** Enqueues one small run on `on` and returns the kinds of request the worker store got. */
  async function oneRun(on: RunQueue): Promise<{ made: string[]; runId: string }> {
    requests.length = 0;
    callerRequests.length = 0;
    const queued = await on.enqueue(`${HANDLERS}#makeText`, { params: { text: 'hello' } });
    const result = await queued.result(30_000);
    expect(result.status).toBe('completed');
    return { made: requests.map((r) => kind(r, queued.runId)), runId: queued.runId };
  }

  describe('when a run logs one small result and one small file artifact', () => {
    it('should read nothing and write the run record once, at its end: 5 requests in all', async () => {
      const { made, runId } = await oneRun(queue);
      // The first attempt cannot find an earlier one: no GET of runs/<id>.json before it starts.
      expect(made.filter((k) => !k.startsWith('PutObject '))).toEqual([]);
      // Once, when it ends (results and artifact saved with it), after its listing-index entry:
      // while it runs, the queue shows it.
      expect(made.filter((k) => k === 'PutObject runs/<run>.json')).toHaveLength(1);
      expect(made.filter((k) => k === 'PutObject index/runs/log/*')).toHaveLength(1);
      // The artifact: its record (holding its small bytes: no PUT of their own), `latest`, and
      // its listing entry (fewer if its commit gets cheaper).
      expect(made.filter((k) => k.startsWith('PutObject artifacts/')).length).toBeLessThanOrEqual(
        2,
      );
      expect(made.filter((k) => k.includes('/versions/'))).toEqual([]);
      expect(made.length).toBeLessThanOrEqual(5);
      // The caller sends nothing to S3 per run: the job and its result go through Redis.
      expect(callerRequests).toEqual([]);
      const record = await new RunRepository({ store: callerStore }).read(runId);
      expect(record).toMatchObject({ status: 'completed', results: { length: 5 } });
      expect(record.artifacts.map((a) => a.key)).toEqual(['doc']);
    });
  });

  describe('when the worker records runs at their start too (recordAtStart)', () => {
    it('should write the record and its entry twice: 7 requests', async () => {
      const name = uniqueQueue();
      const recording = await RunWorker.start({
        redisUrl: REDIS_URL,
        queue: name,
        store: workerStore,
        recordAtStart: true,
      });
      const on = await RunQueue.open({ redisUrl: REDIS_URL, queue: name, store: callerStore });
      try {
        await oneRun(on); // this worker's first run reads the store's identity
        const { made } = await oneRun(on);
        expect(made.filter((k) => k === 'PutObject runs/<run>.json')).toHaveLength(2);
        expect(made.filter((k) => k === 'PutObject index/runs/log/*')).toHaveLength(2);
        expect(made.length).toBeLessThanOrEqual(7);
      } finally {
        await recording.close();
        await on.close();
        await removeQueue(name);
      }
    });
  });
});
