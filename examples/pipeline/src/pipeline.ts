import { newVersionId, run } from '@stowage/core';
import type { RunRecord, Store } from '@stowage/core';
import './model/logistic-model.packager';
import './plots/svg-figure.packager';
import { evaluate } from './steps/evaluate.step';
import { PrepareStep } from './steps/prepare.step';
import { TrainStep } from './steps/train.step';

/** Settings of {@link runPipeline}. */
export interface PipelineOptions {
  /** Where runs and artifacts go. */
  readonly store: Store;
  readonly rows?: number;
  readonly seed?: number;
  /** Receives one line per event, as the pipeline goes (default: nothing). */
  readonly log?: (line: string) => void;
}

/** The three run records of one pipeline, in order. */
export interface PipelineResult {
  /** The `pipeline` label shared by the three runs. */
  readonly id: string;
  readonly prepare: RunRecord;
  readonly train: RunRecord;
  readonly evaluate: RunRecord;
}

/**
 * Runs prepare → train → evaluate on one store; each step reads the previous step's artifacts
 * by URI, exactly as separate jobs on separate machines would.
 *
 * @remarks
 * The three runs share a fresh label `pipeline=<id>`, so
 * `stowage runs --label pipeline=…` lists them together.
 * @throws PipelineStepError when a step's run does not complete.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const log = options.log ?? ((): void => undefined);
  const { store } = options;
  const labels = { example: 'pipeline', pipeline: newVersionId() };

  const prepare = await step('prepare', log, () =>
    run([new PrepareStep(), 'prepare'], {
      store,
      labels,
      params: { rows: options.rows ?? 3000, seed: options.seed ?? 7 },
    }),
  );
  const dataset = artifactUri(prepare, 'dataset');

  const train = await step('train', log, () =>
    run([new TrainStep(), 'train'], {
      store,
      labels,
      inputs: { dataset },
      params: { epochs: 300 },
    }),
  );
  const model = artifactUri(train, 'model');

  const evaluated = await step('evaluate', log, () =>
    run(evaluate, { store, labels, inputs: { model, dataset }, params: { threshold: 0.5 } }),
  );
  return { id: labels.pipeline, prepare, train, evaluate: evaluated };
}

/** A pipeline step whose run failed or did not log what the next step needs. */
export class PipelineStepError extends Error {
  constructor(
    readonly step: string,
    message: string,
    readonly record?: RunRecord,
  ) {
    super(`step "${step}" failed: ${message}`);
    this.name = 'PipelineStepError';
  }
}

async function step(
  name: string,
  log: (line: string) => void,
  work: () => Promise<RunRecord>,
): Promise<RunRecord> {
  log(`▶ ${name}`);
  let record: RunRecord;
  try {
    record = await work();
  } catch (error) {
    throw new PipelineStepError(name, error instanceof Error ? error.message : String(error));
  }
  log(`  run       ${record.id} (${record.status})`);
  for (const [key, value] of Object.entries(record.results))
    log(`  result    ${key} = ${formatResult(value)}`);
  for (const a of record.artifacts) log(`  artifact  ${a.key} (${a.kind}) ${a.uri}`);
  for (const f of record.failedOutputs ?? [])
    log(`  not logged ${f.key}: ${f.error.message.split('\n')[0] ?? ''}`);
  if (record.status !== 'completed') {
    throw new PipelineStepError(
      name,
      record.error?.message ?? `its run ended with status ${record.status}`,
      record,
    );
  }
  return record;
}

function artifactUri(record: RunRecord, key: string): string {
  const found = record.artifacts.find((a) => a.key === key);
  if (found === undefined)
    throw new PipelineStepError(record.name, `it logged no "${key}" artifact`, record);
  return found.uri;
}

/** A result as short text: numbers to 4 significant digits, objects as JSON. */
export function formatResult(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(+value.toPrecision(4));
  return JSON.stringify(value);
}
