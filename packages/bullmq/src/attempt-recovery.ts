import { deleteVersion, NotFoundError, RunRepository } from '@stowage/core';
import type { RunRecord, Store } from '@stowage/core';
import type { RunJobData } from './run-job';
import {
  RUN_SCHEMA_VERSION,
  runIndex,
  runIndexEntry,
  runRecordPath,
  serializeRunRecord,
} from '@stowage/core/internal';

/** Run-record labels a queued run carries (besides the caller's own labels). */
export const QUEUE_LABELS = {
  /** The BullMQ queue name. */
  queue: 'queue.name',
  /** The BullMQ job id (the run id). */
  job: 'queue.job',
  /** The id of the worker that ran this attempt. */
  worker: 'queue.worker',
  /** Which attempt this record is (1 for the first). */
  attempt: 'queue.attempt',
} as const;

/** The run id under which an earlier attempt's record is kept: `<runId>.attempt-<n>`. */
export function attemptRunId(runId: string, attempt: string | number): string {
  return `${runId}.attempt-${String(attempt)}`;
}

/**
 * Where and when an attempt started, kept in Redis (the job's hash, field {@link ATTEMPT_FIELD})
 * by the worker that took it: when runs are not recorded at their start, this is how the next
 * attempt, or the caller when the job fails for good, records an attempt that died as `lost`.
 */
export interface AttemptStart {
  readonly attempt: number;
  readonly workerId: string;
  readonly host: string;
  readonly pid: number;
  /** ISO time the attempt started. */
  readonly startedAt: string;
}

/** The field of a BullMQ job's hash holding the {@link AttemptStart} of its latest attempt (JSON). */
export const ATTEMPT_FIELD = 'stowage.attempt';

/** What a queued run is, as far as a record of a dead attempt needs it (from its job). */
export interface QueuedRunInfo {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Params as the job carries them (tagged JSON, as run records keep them). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** The Redis key of a job's own hash (where BullMQ keeps its data and state). */
export function jobHashKey(job: {
  readonly queueQualifiedName: string;
  readonly id?: string;
}): string {
  return `${job.queueQualifiedName}:${String(job.id)}`;
}

/** What the record of a dead attempt of this job says the run is (see `recordLostAttempt`). */
export function queuedRunInfo(
  data: RunJobData,
  job: { readonly queueQualifiedName: string; readonly queueName: string; readonly id?: string },
): QueuedRunInfo {
  return {
    name: data.name ?? data.exportName ?? 'handler',
    labels: {
      ...(data.labels ?? {}),
      [QUEUE_LABELS.queue]: job.queueName,
      [QUEUE_LABELS.job]: String(job.id),
    },
    params: data.params,
    inputs: data.inputs,
  };
}

/** Reads an {@link AttemptStart} written by a worker; `undefined` for anything else. */
export function parseAttemptStart(text: string | null | undefined): AttemptStart | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    const v = JSON.parse(text) as Partial<AttemptStart>;
    if (
      typeof v.attempt === 'number' &&
      typeof v.workerId === 'string' &&
      typeof v.host === 'string' &&
      typeof v.pid === 'number' &&
      typeof v.startedAt === 'string'
    )
      return v as AttemptStart;
  } catch {
    // not ours: no known start
  }
  return undefined;
}

/** What an earlier attempt of a run left, as seen by the attempt about to start. */
export type PreviousAttempt =
  | { readonly kind: 'none' }
  | { readonly kind: 'done'; readonly record: RunRecord }
  | { readonly kind: 'retired'; readonly archivedAs: string; readonly deletedVersions: number };

/**
 * Makes a run safe to start again under the same id: what an earlier attempt left is moved aside.
 *
 * @remarks
 * - No record: nothing to do.
 * - A finished record (`completed`, `warn`): the run already succeeded (its worker died after the
 *   run but before BullMQ heard of it); the caller returns that record instead of running again.
 * - A `running`, `error` or `lost` record: every artifact version that attempt committed is
 *   deleted (so the new attempt's versions are the only ones produced under this run id), then
 *   the record is kept as run `<runId>.attempt-<n>`; a record still `running` becomes `lost` with
 *   the code `QUEUE_ATTEMPT_ABANDONED`. The new attempt then rewrites `runs/<runId>.json`.
 *
 * A version committed in the instant between its commit and the record write that lists it is
 * not known here; `stowage gc` does not remove it either (it is a complete version). See
 * docs/distributed.md.
 */
export async function retirePreviousAttempt(
  store: Store,
  runId: string,
  reason: string,
  now: Date = new Date(),
  dead?: { readonly start: AttemptStart; readonly run: QueuedRunInfo },
): Promise<PreviousAttempt> {
  const raw = await readRaw(store, runId);
  const status = raw?.['status'];
  if (status === 'completed' || status === 'warn') {
    return { kind: 'done', record: await new RunRepository({ store }).read(runId) };
  }
  // The last attempt started but left no record of its own (runs recorded only at their end):
  // it died. Its record is made from what Redis kept of its start.
  const lostAs =
    dead !== undefined && attemptOf(raw) !== dead.start.attempt
      ? await recordLostAttempt(store, attemptRunId(runId, dead.start.attempt), dead, reason, now)
      : undefined;
  if (raw === undefined) {
    return lostAs === undefined
      ? { kind: 'none' }
      : { kind: 'retired', archivedAs: lostAs, deletedVersions: 0 };
  }
  const labels = (raw['labels'] ?? {}) as Record<string, string>;
  const archivedAs = attemptRunId(runId, labels[QUEUE_LABELS.attempt] ?? 0);
  const artifacts = Array.isArray(raw['artifacts'])
    ? (raw['artifacts'] as { key?: unknown; uri?: unknown }[])
    : [];
  const deleted: string[] = [];
  for (const entry of artifacts) {
    const version = /@([^@/]+)$/.exec(String(entry.uri))?.[1];
    if (typeof entry.key !== 'string' || version === undefined) continue;
    try {
      await deleteVersion(store, entry.key, version, {
        force: true,
        by: `stowage-queue retry of ${runId}`,
      });
      deleted.push(`${entry.key}@${version}`);
    } catch (error) {
      if (!NotFoundError.is(error)) throw error;
    }
  }
  const warnings = [
    ...((raw['warnings'] as string[] | undefined) ?? []),
    ...(deleted.length > 0
      ? [
          `Retried as run ${runId}: the versions this attempt had committed were deleted (${deleted.join(', ')}).`,
        ]
      : []),
  ];
  const archived = {
    ...raw,
    id: archivedAs,
    artifacts: [],
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(status === 'running' ? abandoned(reason, now) : {}),
  };
  await writeRecord(store, archived);
  return { kind: 'retired', archivedAs: lostAs ?? archivedAs, deletedVersions: deleted.length };
}

/**
 * Marks a run record that is still `running` as `lost` (code `QUEUE_ATTEMPT_ABANDONED`): used when
 * BullMQ gives a job up (its worker died on the last allowed attempt), so no record is left
 * "running" for ever. Returns whether it changed the record.
 */
export async function markAbandoned(
  store: Store,
  runId: string,
  reason: string,
  now: Date = new Date(),
  dead?: { readonly start: AttemptStart; readonly run: QueuedRunInfo },
): Promise<boolean> {
  const raw = await readRaw(store, runId);
  const status = raw?.['status'];
  if (status === 'running') {
    await writeRecord(store, { ...raw, ...abandoned(reason, now) });
    return true;
  }
  // The last attempt left no record (runs recorded only at their end): record it lost now.
  if (
    dead === undefined ||
    status === 'completed' ||
    status === 'warn' ||
    attemptOf(raw) === dead.start.attempt
  )
    return false;
  await recordLostAttempt(store, runId, dead, reason, now);
  return true;
}

/** The attempt a record says it is (its `queue.attempt` label); `undefined` without one. */
function attemptOf(raw: Record<string, unknown> | undefined): number | undefined {
  const labels = raw?.['labels'] as Record<string, string> | undefined;
  const text = labels?.[QUEUE_LABELS.attempt];
  return text === undefined ? undefined : Number(text);
}

/** Writes the record of an attempt that died before writing one, as run `id`; returns `id`. */
async function recordLostAttempt(
  store: Store,
  id: string,
  dead: { readonly start: AttemptStart; readonly run: QueuedRunInfo },
  reason: string,
  now: Date,
): Promise<string> {
  const { start, run } = dead;
  await writeRecord(store, {
    schemaVersion: RUN_SCHEMA_VERSION,
    id,
    name: run.name,
    labels: {
      ...run.labels,
      [QUEUE_LABELS.worker]: start.workerId,
      [QUEUE_LABELS.attempt]: String(start.attempt),
    },
    params: run.params,
    inputs: run.inputs,
    results: {},
    artifacts: [],
    startedAt: start.startedAt,
    runner: { host: start.host, pid: start.pid },
    ...abandoned(reason, now),
  });
  return id;
}

/** Writes a run record: its listing index entry first (see docs/stores.md, "The listing index"). */
async function writeRecord(store: Store, record: Record<string, unknown>): Promise<void> {
  const typed = record as unknown as RunRecord;
  await runIndex(store).append([runIndexEntry(typed)]);
  await store.put(runRecordPath(String(record['id'])), serializeRunRecord(typed));
}

function abandoned(reason: string, now: Date): Record<string, unknown> {
  return {
    status: 'lost',
    endedAt: now.toISOString(),
    lostAt: now.toISOString(),
    error: {
      name: 'QueueError',
      message: `This attempt was abandoned: ${reason}.`,
      code: 'QUEUE_ATTEMPT_ABANDONED',
      fix: 'Nothing to repair: the artifacts it had committed were removed or kept whole; see the run record of the next attempt.',
    },
  };
}

async function readRaw(store: Store, runId: string): Promise<Record<string, unknown> | undefined> {
  try {
    const bytes = await store.get(runRecordPath(runId));
    return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    if (NotFoundError.is(error)) return undefined;
    throw error;
  }
}
