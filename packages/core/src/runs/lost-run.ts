import { recordMd5 } from '../listing/record-md5';
import { runIndex, runIndexEntry } from '../listing/run-index';
import type { Store } from '../stores/store';
import { serializeRunRecord, type RunRecord } from './run-record';

/** The `error.code` of a run marked `lost`. */
export const RUN_LOST_CODE = 'RUN_LOST';

/** How {@link markRunLost} ended. */
export type MarkRunLostOutcome = 'marked' | 'changed' | 'gone';

/**
 * Rewrites a stored `running` run record as `lost`, keeping every other field as stored.
 *
 * @remarks
 * Compare-and-swap as far as a store allows: the record is read again and rewritten only if its
 * bytes are still `seen` (the bytes the verdict was made on); a run that wrote since (a heartbeat,
 * a result) is left alone (`changed`). A run that was wrongly presumed dead rewrites its record on
 * its next heartbeat, which sets it back to `running`. Sets `status: 'lost'`, `endedAt` (now),
 * `error` (`RunLost`, code `RUN_LOST`, the reason) and `lostAt`.
 */
export async function markRunLost(
  store: Store,
  path: string,
  seen: Uint8Array,
  reason: string,
  now: Date,
): Promise<MarkRunLostOutcome> {
  let current: Buffer;
  try {
    current = await store.get(path);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'NOT_FOUND') return 'gone';
    throw error;
  }
  if (!current.equals(seen)) return 'changed';
  const record = JSON.parse(current.toString('utf8')) as Record<string, unknown>;
  const lost = {
    ...record,
    status: 'lost',
    endedAt: now.toISOString(),
    lostAt: now.toISOString(),
    error: {
      name: 'RunLost',
      message: `The run was still "running" but ${reason}; marked lost by garbage collection.`,
      code: RUN_LOST_CODE,
    },
  };
  const bytes = serializeRunRecord(lost as unknown as RunRecord);
  await runIndex(store).append([
    runIndexEntry(lost as unknown as RunRecord, Date.now(), recordMd5(bytes)),
  ]);
  await store.put(path, bytes);
  return 'marked';
}
