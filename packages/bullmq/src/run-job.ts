import type { OutputHint, RunInput } from '@stowage/core';
import { QueueError } from './queue.error';

/** The job name every queued Stowage run carries in BullMQ. */
export const RUN_JOB_NAME = 'stowage.run';

/** Layout version of {@link RunJobData}; a worker refuses jobs of a layout it does not know. */
export const RUN_JOB_VERSION = 1;

/**
 * What a queued run holds in Redis (plain JSON): everything a worker needs to run the handler as
 * `run()` would in the caller's process.
 */
export interface RunJobData {
  readonly v: number;
  /** The run id, chosen by the caller; also the BullMQ job id. */
  readonly runId: string;
  /** Absolute path of the handler's module. */
  readonly module: string;
  readonly exportName?: string;
  /** Params in the tagged JSON encoding (bigint, Date survive). */
  readonly params: Readonly<Record<string, unknown>>;
  /** Input name → artifact URI (`store://key:tag`, `store://key@version`, `s3://…`), or lists/dicts of URIs. */
  readonly inputs: Readonly<Record<string, RunInput>>;
  /**
   * Inputs that are outputs of earlier runs of the same flow: input name → producing run id and
   * artifact key. The worker resolves each to that run's `store://key@version` before running.
   */
  readonly from?: Readonly<Record<string, { readonly run: string; readonly output: string }>>;
  readonly returns?: readonly OutputHint[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly name?: string;
  /** The caller's store: its URL and identity (see `storeIdentity`). */
  readonly store: { readonly url: string; readonly id: string };
}

/** What a finished job returns through BullMQ (and what a caller awaiting it receives). */
export interface RunJobResult {
  readonly runId: string;
  readonly status: 'completed' | 'warn';
  /** The run's results, in the tagged JSON encoding. */
  readonly results: Readonly<Record<string, unknown>>;
  /** The artifacts the run logged: output key and URI (`store://key@version`). */
  readonly artifacts: readonly { readonly key: string; readonly uri: string }[];
  /** Which attempt produced it (1 for the first). */
  readonly attempt: number;
  readonly workerId: string;
}

const FIELDS = new Set([
  'v',
  'runId',
  'module',
  'exportName',
  'params',
  'inputs',
  'from',
  'returns',
  'labels',
  'name',
  'store',
]);

/**
 * Checks job data read from Redis before a worker acts on it.
 *
 * @throws QueueError `QUEUE_JOB_INVALID` naming the first field that is wrong.
 */
export function decodeRunJob(data: unknown, jobId: string | undefined): RunJobData {
  const bad = (why: string): never => {
    throw new QueueError(`Job ${jobId ?? '?'} is not a Stowage run request: ${why}.`, {
      code: 'QUEUE_JOB_INVALID',
      details: { job: jobId },
      fix: 'Enqueue runs with RunQueue.enqueue() (or stowage run --queue) of the same @stowage/bullmq version as the workers; do not share the queue name with other applications.',
    });
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return bad('no object');
  const d = data as Record<string, unknown>;
  for (const k of Object.keys(d)) if (!FIELDS.has(k)) bad(`unknown field "${k}"`);
  if (d['v'] !== RUN_JOB_VERSION)
    bad(`layout version ${String(d['v'])}, expected ${RUN_JOB_VERSION}`);
  if (typeof d['runId'] !== 'string' || d['runId'] === '') bad('runId is not a string');
  if (typeof d['module'] !== 'string' || d['module'] === '') bad('module is not a string');
  if (d['exportName'] !== undefined && typeof d['exportName'] !== 'string')
    bad('exportName is not a string');
  if (!isPlain(d['params'])) bad('params is not an object');
  if (!isPlain(d['inputs'])) bad('inputs is not an object');
  if (d['from'] !== undefined) {
    if (!isPlain(d['from'])) bad('from is not an object');
    for (const [k, v] of Object.entries(d['from'] as Record<string, unknown>)) {
      if (!isPlain(v) || typeof v['run'] !== 'string' || typeof v['output'] !== 'string')
        bad(`from.${k} is not { run, output }`);
    }
  }
  if (d['returns'] !== undefined && !Array.isArray(d['returns'])) bad('returns is not a list');
  if (d['labels'] !== undefined && !isPlain(d['labels'])) bad('labels is not an object');
  if (d['name'] !== undefined && typeof d['name'] !== 'string') bad('name is not a string');
  const store = d['store'] as Record<string, unknown> | undefined;
  if (!isPlain(store) || typeof store['url'] !== 'string' || typeof store['id'] !== 'string')
    bad('store is not { url, id }');
  return d as unknown as RunJobData;
}

function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
