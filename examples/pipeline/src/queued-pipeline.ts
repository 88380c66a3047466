import { join } from 'node:path';
import { newVersionId, RunRepository } from '@stowage/core';
import { stepOutput, type RunQueue } from '@stowage/bullmq';
import { PipelineStepError, type PipelineResult } from './pipeline';

/** Settings of {@link runPipelineOnQueue}. */
export interface QueuedPipelineOptions {
  /** The queue the workers take runs from (its store is the one they share). */
  readonly queue: RunQueue;
  readonly rows?: number;
  readonly seed?: number;
  /** The built module the workers load the steps from (default: `worker-steps.js` next to this file). */
  readonly stepsModule?: string;
  /** How long to wait for the whole flow (ms, default 5 minutes). */
  readonly timeoutMs?: number;
  /** Receives one line per event (default: nothing). */
  readonly log?: (line: string) => void;
}

/**
 * Runs the same prepare → train → evaluate pipeline as {@link runPipeline}, as one BullMQ flow on
 * queue workers (`npm run worker`, on any machine sharing the store and Redis).
 *
 * @remarks
 * Each step's inputs name the earlier step's output (`stepOutput`), so a step starts only when
 * what it reads exists, and its run record holds the same `store://key@version` inputs an
 * in-process run records. Returns the three run records, read back from the store.
 * @throws PipelineStepError when a step's run does not complete.
 */
export async function runPipelineOnQueue(options: QueuedPipelineOptions): Promise<PipelineResult> {
  const log = options.log ?? ((): void => undefined);
  const steps = options.stepsModule ?? join(__dirname, 'worker-steps.js');
  const labels = { example: 'pipeline', pipeline: newVersionId() };
  const flow = await options.queue.enqueueFlow({
    labels,
    steps: {
      prepare: {
        handler: `${steps}#PrepareStep.prepare`,
        params: { rows: options.rows ?? 3000, seed: options.seed ?? 7 },
      },
      train: {
        handler: `${steps}#TrainStep.train`,
        inputs: { dataset: stepOutput('prepare', 'dataset') },
        params: { epochs: 300 },
      },
      evaluate: {
        handler: `${steps}#evaluate`,
        inputs: { model: stepOutput('train', 'model'), dataset: stepOutput('prepare', 'dataset') },
        params: { threshold: 0.5 },
      },
    },
  });
  for (const [name, queued] of Object.entries(flow.runs))
    log(`▶ ${name} queued as run ${queued.runId}`);
  try {
    await flow.result(options.timeoutMs ?? 300_000);
  } catch (error) {
    throw new PipelineStepError(
      'queued flow',
      error instanceof Error ? error.message : String(error),
    );
  }
  const runs = new RunRepository({ store: options.queue.store });
  const [prepare, train, evaluated] = await Promise.all(
    [flow.runs.prepare, flow.runs.train, flow.runs.evaluate].map((q) => runs.read(q.runId)),
  );
  for (const record of [prepare, train, evaluated])
    log(
      `  ${record?.name ?? ''} ran on ${record?.labels['queue.worker'] ?? '?'} (${record?.status ?? ''})`,
    );
  return {
    id: labels.pipeline,
    prepare: prepare as NonNullable<typeof prepare>,
    train: train as NonNullable<typeof train>,
    evaluate: evaluated as NonNullable<typeof evaluated>,
  };
}
