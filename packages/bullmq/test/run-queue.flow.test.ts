import { join } from 'node:path';
import { LocalStore, RunRepository } from '@stowage/core';
import { QueueError, RunQueue, RunWorker, stepOutput } from '../src';
import { closeQueueEnv, openQueueEnv } from './helpers/queue-env';
import { describeRedis } from './helpers/redis-test-server';

const HANDLERS = join(__dirname, 'fixtures', 'handlers.js');

describeRedis('RunQueue.enqueueFlow', () => {
  let root: string;
  let store: LocalStore;
  let queueName: string;
  let queue: RunQueue;
  let worker: RunWorker;

  beforeEach(async () => {
    ({ root, store, queueName, queue, worker } = await openQueueEnv(3));
  });

  afterEach(() => closeQueueEnv({ root, queueName, queue, worker }));

  describe('when a 3-step flow reads earlier outputs', () => {
    it('should run each step after what it reads and record the producers’ URIs as its inputs', async () => {
      const flow = await queue.enqueueFlow({
        labels: { pipeline: 'p1' },
        steps: {
          make: { handler: `${HANDLERS}#makeText`, params: { text: 'abc', delayMs: 200 } },
          upper: { handler: `${HANDLERS}#shoutDoc`, inputs: { doc: stepOutput('make', 'doc') } },
          both: {
            handler: `${HANDLERS}#concat`,
            inputs: { a: stepOutput('make', 'doc'), b: stepOutput('upper', 'loud') },
          },
        },
      });
      const results = await flow.result(30_000);
      expect(results.both.results).toEqual({ text: 'abc+ABC' });

      const runs = new RunRepository({ store });
      const make = await runs.read(flow.runs.make.runId);
      const upper = await runs.read(flow.runs.upper.runId);
      const both = await runs.read(flow.runs.both.runId);
      const uri = (r: typeof make, key: string): string | undefined =>
        r.artifacts.find((a) => a.key === key)?.uri;
      expect(upper.inputs).toEqual({ doc: uri(make, 'doc') });
      expect(both.inputs).toEqual({ a: uri(make, 'doc'), b: uri(upper, 'loud') });
      expect([make, upper, both].map((r) => r.labels['pipeline'])).toEqual(['p1', 'p1', 'p1']);
      // Each step started after the steps it reads ended.
      expect(Date.parse(upper.startedAt)).toBeGreaterThanOrEqual(Date.parse(make.endedAt ?? ''));
      expect(Date.parse(both.startedAt)).toBeGreaterThanOrEqual(Date.parse(upper.endedAt ?? ''));
    });
  });

  describe('when a step fails for good', () => {
    it('should fail the steps that wait for it, reporting the first failed step', async () => {
      const flow = await queue.enqueueFlow({
        steps: {
          make: { handler: `${HANDLERS}#fail`, attempts: 1 },
          upper: { handler: `${HANDLERS}#shoutDoc`, inputs: { doc: stepOutput('make', 'doc') } },
        },
      });
      const error = await flow.result(30_000).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueueError);
      expect(error).toMatchObject({
        code: 'QUEUE_RUN_FAILED',
        details: { run: flow.runs.make.runId },
      });
      const upper = await flow.runs.upper.result(30_000).catch((e: unknown) => e);
      expect(upper).toMatchObject({
        code: 'QUEUE_RUN_FAILED',
        details: { run: flow.runs.upper.runId },
      });
      // The waiting step never ran.
      await expect(new RunRepository({ store }).read(flow.runs.upper.runId)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  describe('when a step reads an output the earlier step does not log', () => {
    it('should fail that step with QUEUE_FLOW_INPUT_MISSING, without retries', async () => {
      const flow = await queue.enqueueFlow({
        steps: {
          make: { handler: `${HANDLERS}#makeText`, params: { text: 'x' } },
          upper: { handler: `${HANDLERS}#shoutDoc`, inputs: { doc: stepOutput('make', 'nope') } },
        },
      });
      const error = await flow.runs.upper.result(30_000).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'QUEUE_RUN_FAILED' });
      expect(String((error as Error).message)).toContain('QUEUE_FLOW_INPUT_MISSING');
    });
  });
});
