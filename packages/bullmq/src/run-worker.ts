import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Worker, UnrecoverableError, type Job } from 'bullmq';
import { NotFoundError, PackagersManager, run, RunRepository, StowageError } from '@stowage/core';
import type { RunInput, RunRecord, Store } from '@stowage/core';
import { decodeTaggedJson, encodeTaggedJson, resolveHandler } from '@stowage/core/internal';
import {
  ATTEMPT_FIELD,
  jobHashKey,
  parseAttemptStart,
  QUEUE_LABELS,
  queuedRunInfo,
  retirePreviousAttempt,
  type AttemptStart,
} from './attempt-recovery';
import { loadHandler, type LoadedHandler } from './handler-ref';
import { QueueError } from './queue.error';
import { checkRedis, DEFAULT_REDIS_URL, parseRedisUrl, type RedisTarget } from './redis-url';
import { decodeRunJob, type RunJobData, type RunJobResult } from './run-job';
import { DEFAULT_QUEUE_NAME } from './run-queue-options';
import { assertStoreVisible, storeIdentity } from './store-location';

/** Options of {@link RunWorker.start}. */
export interface RunWorkerOptions {
  /** `redis://host:port[/db]` (default: `REDIS_URL`, else `redis://127.0.0.1:6379`). */
  readonly redisUrl?: string;
  /** The BullMQ queue name (default `stowage`). */
  readonly queue?: string;
  /** The shared store: the same one the callers enqueue from (a shared directory, or S3). */
  readonly store: Store;
  /**
   * The manager (packagers, registry) runs use. A manager snapshots the packagers registered when
   * it is made, so the default (and a function given here) is called again after each newly
   * loaded handler module, whose imports may register packagers; a manager instance given here is
   * used as is. Default: `new PackagersManager({ store })`.
   */
  readonly manager?: PackagersManager | (() => PackagersManager);
  /** Runs in flight at once in this process (default 1). */
  readonly concurrency?: number;
  /** This worker's id in run records (default `host:pid:random`). */
  readonly workerId?: string;
  /**
   * How long a job's lock lasts without renewal (ms, default 30,000): a worker that dies holds its
   * job this long before another worker may take it again.
   */
  readonly lockDurationMs?: number;
  /** How often stalled jobs are looked for (ms, default 30,000). */
  readonly stalledIntervalMs?: number;
  /** How long the Redis check before the first job waits (ms, default 5,000). */
  readonly connectTimeoutMs?: number;
  /** Called when a job ends (ok or not); for logs. */
  readonly onJobEnd?: (event: RunWorkerEvent) => void;
  /**
   * `false` (default): a run's record is written once, when it ends. While it runs, the queue is
   * where it is seen (`stowage runs --queue`, `RunQueue.pending()`: state `running`, with its
   * worker), its liveness is the job's lock, and where and when it started is kept in the job's
   * Redis hash, from which the next attempt (or the caller, when the job fails for good) records
   * an attempt that died as `lost`. `true`: the record is also written when the run starts
   * (status `running`, so store readers such as `stowage ui` see it): two more store writes per
   * run (on S3, 7 requests per small run instead of 5).
   */
  readonly recordAtStart?: boolean;
}

/** What {@link RunWorkerOptions.onJobEnd} is told. */
export interface RunWorkerEvent {
  readonly runId: string;
  readonly attempt: number;
  readonly status: RunRecord['status'] | 'refused';
  readonly error?: unknown;
}

/**
 * A worker process's side of the queue: takes queued runs from BullMQ and runs them with `run()`
 * against the shared store, writing the run record (host, pid, worker id, job id, attempt).
 *
 * @remarks
 * Before it takes any job it checks the Redis URL and that Redis answers, and that it can see
 * the store (a local root must exist). Each job is checked too: a job from a caller whose store
 * is another one (`QUEUE_STORE_NOT_SHARED`) or malformed (`QUEUE_JOB_INVALID`) fails at once,
 * without retries. A run that ends in error fails its attempt with the recorded error; BullMQ
 * retries it up to the job's `attempts`. A retry first moves the earlier attempt aside (see
 * `retirePreviousAttempt`): no duplicate version under one run id, and no record left "running".
 * Errors in one job never stop the worker.
 */
export class RunWorker {
  readonly id: string;
  /** The manager of the next run; dropped when a handler module is loaded (see the option). */
  private manager: PackagersManager | undefined;
  private readonly handlers = new Map<string, LoadedHandler>();
  private storeId: string | undefined;

  private constructor(
    private readonly options: RunWorkerOptions,
    private readonly worker: Worker<RunJobData, RunJobResult>,
    id: string,
  ) {
    this.id = id;
  }

  /**
   * Checks the configuration, then starts taking jobs.
   *
   * @throws QueueError `QUEUE_REDIS_URL_INVALID`, `QUEUE_REDIS_UNREACHABLE`,
   * `QUEUE_STORE_NOT_SHARED` (no job is taken).
   */
  static async start(options: RunWorkerOptions): Promise<RunWorker> {
    const target = parseRedisUrl(options.redisUrl ?? process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL);
    assertStoreVisible(options.store);
    await checkRedis(target, options.connectTimeoutMs);
    const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const holder: { self?: RunWorker } = {};
    const worker = new Worker<RunJobData, RunJobResult>(
      options.queue ?? DEFAULT_QUEUE_NAME,
      (job) => (holder.self as RunWorker).process(job),
      {
        connection: connectionOptions(target),
        concurrency: options.concurrency ?? 1,
        autorun: false,
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: 1,
        // BullMQ records it as each job's `processedBy`: `pending()` shows who runs what.
        name: id,
      },
    );
    // Redis errors after start (a restart, a network blip) are retried by ioredis; keep the
    // process alive instead of crashing on an unhandled 'error' event.
    worker.on('error', () => undefined);
    const self = new RunWorker(options, worker, id);
    holder.self = self;
    void worker.run();
    await worker.waitUntilReady();
    return self;
  }

  /** Stops taking jobs, waits for the running ones to end, and disconnects. */
  async close(): Promise<void> {
    await this.worker.close();
  }

  /** One job: checks, moves an earlier attempt aside, runs, and returns or fails. */
  private async process(job: Job<RunJobData, RunJobResult>): Promise<RunJobResult> {
    const attempt = Math.max(1, job.attemptsStarted);
    let data: RunJobData;
    let inputs: Record<string, RunInput>;
    try {
      data = decodeRunJob(job.data, job.id);
      await this.checkSameStore(data);
      inputs = { ...data.inputs, ...(await this.stepInputs(data)) };
    } catch (error) {
      this.options.onJobEnd?.({ runId: String(job.id), attempt, status: 'refused', error });
      throw unrecoverable(error);
    }
    const { store } = this.options;
    // The first start of a job cannot find an earlier attempt: the store read is skipped.
    const first = await this.firstStart(job);
    const deadStart = first ? undefined : await this.lastStart(job);
    await this.recordStart(job, attempt);
    const previous = first
      ? ({ kind: 'none' } as const)
      : await retirePreviousAttempt(
          store,
          data.runId,
          `the job was taken again (attempt ${attempt}) by worker ${this.id}, so the worker of this attempt died or lost its lock`,
          new Date(),
          deadStart === undefined ? undefined : { start: deadStart, run: queuedRunInfo(data, job) },
        );
    if (previous.kind === 'done') return resultOf(previous.record, this.id);
    let record: RunRecord;
    try {
      const target = this.handler(data);
      record = await runLoaded(target, {
        id: data.runId,
        store,
        manager: this.currentManager(),
        params: decodeTaggedJson(data.params) as Record<string, unknown>,
        inputs: inputs as Record<string, string>,
        recordAtStart: this.options.recordAtStart ?? false,
        ...(data.returns === undefined ? {} : { returns: data.returns }),
        ...runName(target, data),
        labels: {
          ...(data.labels ?? {}),
          [QUEUE_LABELS.queue]: job.queueName,
          [QUEUE_LABELS.job]: String(job.id),
          [QUEUE_LABELS.worker]: this.id,
          [QUEUE_LABELS.attempt]: String(attempt),
        },
      });
    } catch (error) {
      // A handler that cannot be loaded or options run() refuses: no run exists; retrying the
      // same job cannot help.
      this.options.onJobEnd?.({ runId: data.runId, attempt, status: 'refused', error });
      throw unrecoverable(error);
    }
    this.options.onJobEnd?.({ runId: data.runId, attempt, status: record.status });
    if (record.status === 'completed' || record.status === 'warn') return resultOf(record, this.id);
    throw new QueueError(
      `Run ${data.runId} (attempt ${attempt}) ended with status "${record.status}": ${record.error?.code ?? ''} ${record.error?.message ?? ''}`.trim(),
      {
        code: 'QUEUE_RUN_FAILED',
        details: { run: data.runId, attempt, errorCode: record.error?.code },
        fix: `See the run record (stowage runs show ${data.runId}); the job is retried while attempts remain.`,
      },
    );
  }

  /**
   * Whether this is the first time any worker starts this job, so no attempt of its run can have
   * written to the store yet. Decided in Redis, before anything is written to the store: the
   * first start adds the field {@link STARTED_FIELD} to the job's own hash, which lives
   * as long as the job and survives retries, stalls and a hand-made `job.retry()` (even one that
   * resets BullMQ's attempt counters). A job BullMQ already counts as retried skips the check.
   */
  private async firstStart(job: Job<RunJobData, RunJobResult>): Promise<boolean> {
    if (job.attemptsStarted > 1 || job.attemptsMade > 0 || job.id === undefined) return false;
    const client = await this.worker.client;
    // HSET answers how many fields it added: 1 only for the first start (atomic in Redis).
    const added = await client.hset(jobHashKey(job), {
      [STARTED_FIELD]: this.id,
    });
    return added === 1;
  }

  /** The {@link AttemptStart} an earlier attempt of this job left in Redis, if any. */
  private async lastStart(job: Job<RunJobData, RunJobResult>): Promise<AttemptStart | undefined> {
    if (job.id === undefined) return undefined;
    const client = await this.worker.client;
    return parseAttemptStart(await client.hget(jobHashKey(job), ATTEMPT_FIELD));
  }

  /** Keeps where and when this attempt started in the job's Redis hash (see {@link AttemptStart}). */
  private async recordStart(job: Job<RunJobData, RunJobResult>, attempt: number): Promise<void> {
    if (job.id === undefined) return;
    const start: AttemptStart = {
      attempt,
      workerId: this.id,
      host: hostname(),
      pid: process.pid,
      startedAt: new Date().toISOString(),
    };
    const client = await this.worker.client;
    await client.hset(jobHashKey(job), { [ATTEMPT_FIELD]: JSON.stringify(start) });
  }

  /**
   * The URIs of the flow inputs (outputs of earlier steps): read from those runs' records, as an
   * in-process pipeline takes `record.artifacts[…].uri`.
   */
  private async stepInputs(data: RunJobData): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    const runs = new RunRepository({ store: this.options.store });
    for (const [input, { run: runId, output }] of Object.entries(data.from ?? {})) {
      let record: RunRecord | undefined;
      try {
        record = await runs.read(runId);
      } catch (error) {
        if (!NotFoundError.is(error)) throw error;
      }
      const uri = record?.artifacts.find((a) => a.key === output)?.uri;
      if (uri === undefined || (record?.status !== 'completed' && record?.status !== 'warn')) {
        throw new QueueError(
          `Input "${input}" of run ${data.runId} is output "${output}" of run ${runId}, which ${record === undefined ? 'has no run record' : `did not log it (status ${record.status}; logged: ${record.artifacts.map((a) => a.key).join(', ') || 'nothing'})`}.`,
          {
            code: 'QUEUE_FLOW_INPUT_MISSING',
            details: { run: data.runId, input, from: runId, output },
            fix: `Check the key in stepOutput(…, '${output}') against what that step logs (stowage runs show ${runId}).`,
          },
        );
      }
      out[input] = uri;
    }
    return out;
  }

  private handler(data: RunJobData): LoadedHandler {
    const key = `${data.module}#${data.exportName ?? ''}`;
    let target = this.handlers.get(key);
    if (target === undefined) {
      target = loadHandler(data);
      this.handlers.set(key, target);
      // Its imports may have registered packagers: the next run takes a new snapshot.
      this.manager = undefined;
    }
    return target;
  }

  private currentManager(): PackagersManager {
    const given = this.options.manager;
    if (given instanceof PackagersManager) return given;
    this.manager ??= given?.() ?? new PackagersManager({ store: this.options.store });
    return this.manager;
  }

  private async checkSameStore(data: RunJobData): Promise<void> {
    const { store } = this.options;
    if (this.storeId === undefined || this.storeId !== data.store.id)
      this.storeId = await storeIdentity(store, false);
    if (this.storeId === data.store.id) return;
    throw new QueueError(
      `Run ${data.runId} was enqueued against the store ${data.store.url}, which this worker (store ${store.url}) does not share.`,
      {
        code: 'QUEUE_STORE_NOT_SHARED',
        details: { run: data.runId, callerStore: data.store.url, workerStore: store.url },
        fix: 'Start the worker on the same store as the caller: a directory both machines mount at the same path, or the same s3:// bucket and prefix.',
      },
    );
  }
}

/**
 * The field of a BullMQ job's hash that a worker sets (to its id) when it starts the job: a start
 * that finds it there already reads what an earlier attempt left in the store.
 */
export const STARTED_FIELD = 'stowage.started';

/** The ioredis options BullMQ connections are made with. */
export function connectionOptions(target: RedisTarget): RedisTarget['options'] {
  return { ...target.options };
}

function resultOf(record: RunRecord, workerId: string): RunJobResult {
  return {
    runId: record.id,
    status: record.status === 'warn' ? 'warn' : 'completed',
    results: encodeTaggedJson(record.results, 'results') as Record<string, unknown>,
    artifacts: record.artifacts.map((a) => ({ key: a.key, uri: a.uri })),
    attempt: Number(record.labels[QUEUE_LABELS.attempt] ?? 1),
    workerId: record.labels[QUEUE_LABELS.worker] ?? workerId,
  };
}

/** BullMQ does not retry an `UnrecoverableError`; the Stowage error's text and code travel in it. */
function unrecoverable(error: unknown): UnrecoverableError {
  const code = StowageError.is(error) ? ` [${error.code}]` : '';
  const out = new UnrecoverableError(`${(error as Error).message ?? String(error)}${code}`);
  return Object.assign(out, { cause: error });
}

/**
 * The run name: the caller's, else the handler's own; an anonymous function handler (core calls
 * it `handler`) is named after its export, as `stowage run` names it.
 */
function runName(target: LoadedHandler, data: RunJobData): { name?: string } {
  if (data.name !== undefined) return { name: data.name };
  if (
    typeof target === 'function' &&
    data.exportName !== undefined &&
    resolveHandler(target).name === 'handler'
  )
    return { name: data.exportName };
  return {};
}

/** `run()` of a handler loaded by name (its types are known only at run time). */
function runLoaded(
  target: LoadedHandler,
  options: Parameters<typeof run>[1] & object,
): Promise<RunRecord> {
  return typeof target === 'function'
    ? run(target, options as never)
    : run(target, options as never);
}
