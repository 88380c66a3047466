import { deleteVersion, NotFoundError, RunRepository } from '@stowage/core';
import type { RunRecord, Store } from '@stowage/core';
import { runIndex, runIndexEntry, runRecordPath, serializeRunRecord } from '@stowage/core/internal';

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
): Promise<PreviousAttempt> {
  const raw = await readRaw(store, runId);
  if (raw === undefined) return { kind: 'none' };
  const status = raw['status'];
  if (status === 'completed' || status === 'warn') {
    return { kind: 'done', record: await new RunRepository({ store }).read(runId) };
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
  // The listing index entry first (see docs/stores.md, "The listing index").
  await runIndex(store).append([runIndexEntry(archived as unknown as RunRecord)]);
  await store.put(runRecordPath(archivedAs), serializeRunRecord(archived as unknown as RunRecord));
  return { kind: 'retired', archivedAs, deletedVersions: deleted.length };
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
): Promise<boolean> {
  const raw = await readRaw(store, runId);
  if (raw?.['status'] !== 'running') return false;
  const record = { ...raw, ...abandoned(reason, now) };
  await runIndex(store).append([runIndexEntry(record as unknown as RunRecord)]);
  await store.put(runRecordPath(runId), serializeRunRecord(record as unknown as RunRecord));
  return true;
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
