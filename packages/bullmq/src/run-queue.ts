import { FlowProducer, Queue, QueueEvents, type FlowJob } from 'bullmq';
import { newVersionId, RunRepository } from '@stowage/core';
import type { OutputHint, RunInput, RunRecord, RunErrorRecord, Store } from '@stowage/core';
import { decodeTaggedJson, encodeTaggedJson } from '@stowage/core/internal';
import {
  ATTEMPT_FIELD,
  jobHashKey,
  markAbandoned,
  parseAttemptStart,
  queuedRunInfo,
  type AttemptStart,
  type QueuedRunInfo,
} from './attempt-recovery';
import { parseHandlerRef, type HandlerRef } from './handler-ref';
import { QueueError } from './queue.error';
import { isStepOutput, planFlow, type FlowDefinition } from './run-flow';
import { checkRedis, DEFAULT_REDIS_URL, parseRedisUrl, type RedisTarget } from './redis-url';
import { RUN_JOB_NAME, RUN_JOB_VERSION, type RunJobData, type RunJobResult } from './run-job';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, DEFAULT_QUEUE_NAME } from './run-queue-options';
import { storeIdentity } from './store-location';
import { waitForJobEnd } from './job-finish';

/** Options of {@link RunQueue.open}. */
export interface RunQueueOptions {
  /** `redis://host:port[/db]` (default: `REDIS_URL`, else `redis://127.0.0.1:6379`). */
  readonly redisUrl?: string;
  /** The BullMQ queue name (default `stowage`); workers must use the same. */
  readonly queue?: string;
  /** The store the workers share with this caller (a shared directory, or S3). */
  readonly store: Store;
  /** Tries per run, the first included (default 3). */
  readonly attempts?: number;
  /** Delay before the first retry (ms, default 1,000; doubles each time). */
  readonly backoffMs?: number;
  /** How long the Redis check waits (ms, default 5,000). */
  readonly connectTimeoutMs?: number;
}

/** What {@link RunQueue.enqueue} takes besides the handler: what `run()` takes, as data. */
export interface EnqueueOptions {
  /** Params (JSON values; bigint and Date survive through the tagged encoding). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Input name → artifact URI (`store://key:tag`, `store://key@version`, `s3://…`), or lists/dicts of URIs. */
  readonly inputs?: Readonly<Record<string, RunInput>>;
  /** Log hints for the returned values (as `stowage run --returns`). */
  readonly returns?: readonly OutputHint[];
  readonly labels?: Readonly<Record<string, string>>;
  /** The run name (default: the handler's). */
  readonly name?: string;
  /** Tries for this run (default: the queue's). */
  readonly attempts?: number;
}

/** A run on the queue: its id is known at once; `result()` waits for the worker. */
export interface QueuedRun {
  readonly runId: string;
  /** Waits until a worker finished the run. @throws QueueError `QUEUE_RUN_FAILED`. */
  result(timeoutMs?: number): Promise<QueuedRunResult>;
}

/** What a finished queued run gives back. */
export interface QueuedRunResult {
  readonly runId: string;
  readonly status: 'completed' | 'warn';
  /** Results, decoded (bigint, Date restored). */
  readonly results: Readonly<Record<string, unknown>>;
  /** Logged artifacts: output key and `store://key@version`. */
  readonly artifacts: readonly { readonly key: string; readonly uri: string }[];
  readonly attempt: number;
  readonly workerId: string;
}

/** A run still on the queue: no worker took it yet, so it has no run record. */
export interface PendingRun {
  readonly runId: string;
  /** The run name it will get (the caller's `name`, else the handler's export). */
  readonly name: string;
  /**
   * `waiting` (for a worker), `delayed` (a retry's backoff), `waiting-children` (a flow step
   * waiting for the steps it reads) or `running` (a worker took it: see `workerId`).
   */
  readonly state: 'waiting' | 'delayed' | 'waiting-children' | 'running';
  readonly enqueuedAt: Date;
  /** For a `running` run: the id of the worker running it. */
  readonly workerId?: string;
  /** For a `running` run: when its current attempt started. */
  readonly startedAt?: Date;
  /** Tries made so far (a delayed retry has made at least one). */
  readonly attemptsMade: number;
  readonly labels: Readonly<Record<string, string>>;
}

/** A flow on the queue: each step's run id is known at once; `result()` waits for them all. */
export interface QueuedFlow<S extends string> {
  /** Step name → its queued run. */
  readonly runs: { readonly [K in S]: QueuedRun };
  /**
   * Waits until every step finished.
   *
   * @throws QueueError `QUEUE_RUN_FAILED` of the first step (in flow order) that failed; the
   * steps after a failed one fail too (BullMQ fails a parent whose child failed).
   */
  result(timeoutMs?: number): Promise<{ readonly [K in S]: QueuedRunResult }>;
}

/**
 * The caller's side of the queue: enqueues handler runs by reference and awaits their results.
 *
 * @remarks
 * `enqueue()` returns as soon as the job is in Redis, with the run id a worker will record the
 * run under (the BullMQ job id is the run id, so enqueueing one id twice is refused by BullMQ's
 * deduplication). Inputs must be artifact URIs the workers can open: local paths are refused.
 *
 * @example
 * ```ts
 * const queue = await RunQueue.open({ redisUrl: 'redis://127.0.0.1:6379', store });
 * const queued = await queue.enqueue('dist/jobs.js#train', { inputs: { data: 'store://dataset:prod' } });
 * const { artifacts } = await queued.result();
 * await queue.close();
 * ```
 */
export class RunQueue {
  /**
   * The one QueueEvents connection, opened by the first `result()` call. The promise is kept (not
   * the value) so concurrent first calls share one connection instead of each opening their own.
   */
  private events: Promise<QueueEvents> | undefined;
  private flows: FlowProducer | undefined;

  private constructor(
    private readonly options: RunQueueOptions,
    private readonly target: RedisTarget,
    private readonly queue: Queue<RunJobData, RunJobResult>,
    private readonly storeId: string,
  ) {}

  /**
   * Checks Redis and the store, then opens the queue.
   *
   * @throws QueueError `QUEUE_REDIS_URL_INVALID`, `QUEUE_REDIS_UNREACHABLE`; StoreError when the
   * store cannot be written.
   */
  static async open(options: RunQueueOptions): Promise<RunQueue> {
    const target = parseRedisUrl(options.redisUrl ?? process.env['REDIS_URL'] ?? DEFAULT_REDIS_URL);
    await checkRedis(target, options.connectTimeoutMs);
    const storeId = (await storeIdentity(options.store, true)) as string;
    const queue = new Queue<RunJobData, RunJobResult>(options.queue ?? DEFAULT_QUEUE_NAME, {
      connection: { ...target.options },
    });
    queue.on('error', () => undefined);
    // Every awaited run listens on the queue until it ends: hundreds at once are normal here.
    queue.setMaxListeners(0);
    return new RunQueue(options, target, queue, storeId);
  }

  /** The store this queue's runs use (shared with the workers). */
  get store(): Store {
    return this.options.store;
  }

  /** The queue name. */
  get name(): string {
    return this.queue.name;
  }

  /**
   * Puts a run on the queue and returns its id at once.
   *
   * @param handler `path/to/module.js#export` (relative to the working directory) or a {@link HandlerRef}.
   * @throws QueueError `QUEUE_JOB_INVALID` for inputs that are not URIs or params that are not data.
   */
  async enqueue(handler: string | HandlerRef, options: EnqueueOptions = {}): Promise<QueuedRun> {
    const runId = newVersionId();
    await this.queue.add(RUN_JOB_NAME, this.jobData(runId, handler, options, undefined), {
      jobId: runId,
      ...this.jobOptions(options.attempts),
    });
    return this.queued(runId);
  }

  /**
   * Puts a pipeline on the queue as one BullMQ flow and returns each step's run id at once.
   *
   * @remarks
   * A step's input may name an earlier step's output with {@link stepOutput}: the step is laid
   * out as a parent of the step it reads (BullMQ starts a parent only once all its children
   * completed), and the worker that runs it passes that output's `store://key@version` URI, as an
   * in-process pipeline does, so run records and lineage are the same. A step that fails after
   * its attempts fails the steps that wait for it. See `planFlow` for the shapes a flow can take.
   *
   * @example
   * ```ts
   * const flow = await queue.enqueueFlow({
   *   labels: { pipeline: 'p1' },
   *   steps: {
   *     prepare: { handler: 'dist/steps.js#prepare', params: { rows: 3000 } },
   *     train: { handler: 'dist/steps.js#train', inputs: { dataset: stepOutput('prepare', 'dataset') } },
   *   },
   * });
   * const { train } = await flow.result();
   * ```
   * @throws QueueError `QUEUE_FLOW_INVALID` for a flow that cannot be laid out;
   * `QUEUE_JOB_INVALID` for inputs that are neither URIs nor step outputs.
   */
  async enqueueFlow<const S extends string>(flow: FlowDefinition<S>): Promise<QueuedFlow<S>> {
    const plan = planFlow(flow);
    const ids = new Map(plan.order.map((step) => [step, newVersionId()] as const));
    const idOf = (step: S): string => ids.get(step) as string;
    const nodes = new Map<S, FlowJob>();
    for (const step of plan.order) {
      const def = flow.steps[step];
      const inputs: Record<string, RunInput> = {};
      const from: Record<string, { run: string; output: string }> = {};
      for (const [name, value] of Object.entries(def.inputs ?? {})) {
        if (isStepOutput(value)) from[name] = { run: idOf(value.step), output: value.output };
        else inputs[name] = value;
      }
      const options: EnqueueOptions = {
        ...def,
        inputs,
        labels: { ...(flow.labels ?? {}), ...(def.labels ?? {}) },
      };
      nodes.set(step, {
        name: RUN_JOB_NAME,
        queueName: this.queue.name,
        data: this.jobData(idOf(step), def.handler, options, from),
        opts: {
          jobId: idOf(step),
          ...this.jobOptions(def.attempts),
          // A step that fails for good fails the steps waiting for it (else they wait for ever).
          ...(plan.parent.has(step) ? { failParentOnFailure: true } : {}),
        },
        children: [],
      });
    }
    // Children are attached bottom-up: the final step is the root of the tree.
    for (const step of plan.order) {
      const parent = plan.parent.get(step);
      if (parent !== undefined) nodes.get(parent)?.children?.push(nodes.get(step) as FlowJob);
    }
    if (this.flows === undefined) {
      this.flows = new FlowProducer({ connection: { ...this.target.options } });
      this.flows.on('error', () => undefined);
    }
    await this.flows.add(nodes.get(plan.order[plan.order.length - 1] as S) as FlowJob);
    const runs = Object.fromEntries(plan.order.map((s) => [s, this.queued(idOf(s))])) as {
      [K in S]: QueuedRun;
    };
    return {
      runs,
      result: async (timeoutMs) => {
        const settled = await Promise.allSettled(plan.order.map((s) => runs[s].result(timeoutMs)));
        const failed = settled.find((r) => r.status === 'rejected');
        if (failed !== undefined) throw failed.reason;
        return Object.fromEntries(
          plan.order.map((s, i) => [
            s,
            (settled[i] as PromiseFulfilledResult<QueuedRunResult>).value,
          ]),
        ) as { [K in S]: QueuedRunResult };
      },
    };
  }

  /**
   * The runs on the queue that have not ended, oldest first (at most `limit`, default 1,000):
   * those no worker has taken yet, and those running (state `running`, with the worker's id).
   * Workers write a run's record when it ends (unless started with `recordAtStart`), so the queue
   * is where a running run is seen.
   */
  async pending(limit = 1000): Promise<PendingRun[]> {
    const states = ['waiting', 'prioritized', 'delayed', 'waiting-children', 'active'] as const;
    const jobs = await this.queue.getJobs([...states], 0, limit - 1, true);
    const out: PendingRun[] = [];
    for (const job of jobs) {
      if (job.id === undefined) continue;
      const raw = (await job.getState()) as string;
      const state =
        raw === 'delayed' || raw === 'waiting-children'
          ? raw
          : raw === 'active'
            ? 'running'
            : 'waiting';
      const data = job.data as Partial<RunJobData>;
      out.push({
        runId: job.id,
        name: data.name ?? data.exportName?.split('.').pop() ?? job.name,
        state,
        enqueuedAt: new Date(job.timestamp),
        attemptsMade: job.attemptsMade,
        labels: { ...(data.labels ?? {}) },
        ...(state === 'running' && job.processedBy !== undefined
          ? { workerId: job.processedBy }
          : {}),
        ...(state === 'running' && job.processedOn !== undefined
          ? { startedAt: new Date(job.processedOn) }
          : {}),
      });
    }
    return out.sort((a, b) => a.enqueuedAt.getTime() - b.enqueuedAt.getTime()).slice(0, limit);
  }

  private queued(runId: string): QueuedRun {
    return { runId, result: (timeoutMs) => this.result(runId, timeoutMs) };
  }

  private jobData(
    runId: string,
    handler: string | HandlerRef,
    options: EnqueueOptions,
    from: RunJobData['from'],
  ): RunJobData {
    const ref = typeof handler === 'string' ? parseHandlerRef(handler) : handler;
    const inputs = { ...(options.inputs ?? {}) };
    for (const [name, value] of Object.entries(inputs)) checkUris(name, value);
    return {
      v: RUN_JOB_VERSION,
      runId,
      module: ref.module,
      ...(ref.exportName === undefined ? {} : { exportName: ref.exportName }),
      params: encodeTaggedJson({ ...(options.params ?? {}) }, 'params') as Record<string, unknown>,
      inputs,
      ...(from === undefined || Object.keys(from).length === 0 ? {} : { from }),
      ...(options.returns === undefined ? {} : { returns: [...options.returns] }),
      ...(options.labels === undefined ? {} : { labels: { ...options.labels } }),
      ...(options.name === undefined ? {} : { name: options.name }),
      store: { url: this.options.store.url, id: this.storeId },
    };
  }

  private jobOptions(attempts: number | undefined): {
    attempts: number;
    backoff: { type: 'exponential'; delay: number };
    removeOnComplete: { age: number; count: number };
    removeOnFail: { age: number };
  } {
    return {
      attempts: attempts ?? this.options.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? DEFAULT_BACKOFF_MS },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  /**
   * Waits for a queued run (by id) to finish.
   *
   * @throws QueueError `QUEUE_RUN_FAILED` when its job failed (after its attempts), with the
   * run record's error as cause and its code in `details.errorCode`; or when it did not finish
   * within `timeoutMs`.
   */
  async result(runId: string, timeoutMs?: number): Promise<QueuedRunResult> {
    const job = await this.queue.getJob(runId);
    if (job === undefined) return this.fromRecord(runId);
    // A failed open is not kept: the next call tries again.
    this.events ??= this.openEvents().catch((error: unknown) => {
      this.events = undefined;
      throw error;
    });
    const events = await this.events;
    const end = await waitForJobEnd(this.queue, events, runId, timeoutMs);
    if (end.kind === 'completed') return decodeResult(end.value as RunJobResult);
    if (end.kind === 'gone') return this.fromRecord(runId);
    throw await this.failure(
      runId,
      new Error(
        end.kind === 'failed'
          ? end.reason
          : `no result within ${end.ms} ms (the run may still be queued or running)`,
      ),
    );
  }

  /** Closes the Redis connections (queued runs stay queued). */
  async close(): Promise<void> {
    const events = await this.events?.catch(() => undefined);
    await events?.close();
    await this.flows?.close();
    await this.queue.close();
  }

  private async openEvents(): Promise<QueueEvents> {
    const events = new QueueEvents(this.queue.name, { connection: { ...this.target.options } });
    events.on('error', () => undefined);
    events.setMaxListeners(0);
    await events.waitUntilReady();
    return events;
  }

  /** A run whose job Redis no longer holds (removed after completion): read its record. */
  private async fromRecord(runId: string): Promise<QueuedRunResult> {
    const record = await new RunRepository({ store: this.options.store }).read(runId);
    if (record.status === 'completed' || record.status === 'warn') {
      return {
        runId,
        status: record.status,
        results: record.results,
        artifacts: record.artifacts.map((a) => ({ key: a.key, uri: a.uri })),
        attempt: Number(record.labels['queue.attempt'] ?? 1),
        workerId: record.labels['queue.worker'] ?? '',
      };
    }
    throw runFailed(runId, record, undefined);
  }

  /** The last attempt's start (kept in Redis by its worker) and the run it was, if Redis has them. */
  private async lastAttempt(
    runId: string,
  ): Promise<{ start: AttemptStart; run: QueuedRunInfo } | undefined> {
    const job = await this.queue.getJob(runId);
    if (job === undefined) return undefined;
    const client = await this.queue.client;
    const start = parseAttemptStart(await client.hget(jobHashKey(job), ATTEMPT_FIELD));
    if (start === undefined) return undefined;
    return { start, run: queuedRunInfo(job.data, job) };
  }

  private async failure(runId: string, error: unknown): Promise<QueueError> {
    const { store } = this.options;
    let record: RunRecord | undefined;
    try {
      // The job failed for good: a record still "running" belongs to a worker that died on the
      // last attempt, and nobody will end it.
      if ((await this.queue.getJobState(runId)) === 'failed')
        await markAbandoned(
          store,
          runId,
          `its worker died and the job failed for good (${(error as Error).message})`,
          new Date(),
          await this.lastAttempt(runId),
        );
      record = await new RunRepository({ store }).read(runId);
    } catch {
      record = undefined;
    }
    return runFailed(runId, record, error);
  }
}

function runFailed(runId: string, record: RunRecord | undefined, error: unknown): QueueError {
  const recorded = record?.error;
  const why =
    recorded !== undefined
      ? `${recorded.code ?? recorded.name}: ${recorded.message}`
      : ((error as Error | undefined)?.message ?? 'unknown');
  return new QueueError(
    `Queued run ${runId} did not complete (${record?.status ?? 'no run record'}): ${why}`,
    {
      code: 'QUEUE_RUN_FAILED',
      details: {
        run: runId,
        ...(record === undefined ? {} : { status: record.status }),
        ...(recorded?.code === undefined ? {} : { errorCode: recorded.code }),
      },
      fix: `See the run record (stowage runs show ${runId}) and the worker's log; fix the cause and enqueue again.`,
      cause: recorded !== undefined ? errorOf(recorded) : error,
    },
  );
}

/** An Error rebuilt from a recorded one (name, code, message, cause chain). */
function errorOf(recorded: RunErrorRecord): Error {
  const error = new Error(
    recorded.message,
    recorded.cause === undefined ? {} : { cause: errorOf(recorded.cause) },
  );
  error.name = recorded.name;
  return Object.assign(error, recorded.code === undefined ? {} : { code: recorded.code });
}

function decodeResult(value: RunJobResult): QueuedRunResult {
  return { ...value, results: decodeTaggedJson(value.results) as Record<string, unknown> };
}

function checkUris(name: string, value: unknown): void {
  if (typeof value === 'string') {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return;
  } else if (Array.isArray(value)) {
    for (const v of value) checkUris(name, v);
    return;
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) checkUris(name, v);
    return;
  }
  throw new QueueError(
    `Input "${name}" of a queued run is ${JSON.stringify(value)}, not an artifact URI.`,
    {
      code: 'QUEUE_JOB_INVALID',
      details: { input: name },
      fix: 'Give queued inputs as URIs every worker can open (store://key:tag, store://key@version, s3://…); log a local file as an artifact first.',
    },
  );
}
