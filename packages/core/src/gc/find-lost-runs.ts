import { mapLimit } from '../artifacts/artifact-listing';
import { NotFoundError } from '../errors/not-found.error';
import { judgeRunLiveness } from '../runs/run-liveness';
import { currentRunner } from '../runs/run-runner';
import type { Store } from '../stores/store';
import type { GcSettings } from './gc-options';
import type { GarbageItem } from './gc-report';

/** A `running` run presumed dead, with the record bytes the verdict was made on. */
export interface LostRunCandidate {
  readonly item: GarbageItem;
  readonly seen: Buffer;
  /** Why it is presumed dead (without the run's name). */
  readonly why: string;
}

/** What {@link findLostRuns} found. */
export interface RunScan {
  readonly lost: LostRunCandidate[];
  /** Start times (ms) of the runs still running and alive: their staged bytes are protected. */
  readonly liveStarts: number[];
  readonly notes: string[];
}

/**
 * Reads every run record and judges each `running` one with `judgeRunLiveness`.
 *
 * @remarks
 * Records that cannot be parsed are left alone and named in `notes`. A running run with a
 * start time that cannot be read protects every staged version (its start is taken as 0).
 */
export async function findLostRuns(store: Store, settings: GcSettings): Promise<RunScan> {
  const stats = [];
  for await (const stat of store.list('runs/')) {
    const name = stat.path.slice('runs/'.length);
    if (!name.includes('/') && name.endsWith('.json')) stats.push(stat);
  }
  const here = settings.here ?? currentRunner();
  const scan: RunScan = { lost: [], liveStarts: [], notes: [] };
  await mapLimit(stats, 8, async (stat) => {
    let seen: Buffer;
    try {
      seen = await store.get(stat.path);
    } catch (error) {
      if (NotFoundError.is(error)) return;
      throw error;
    }
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(seen.toString('utf8')) as Record<string, unknown>;
      if (typeof record !== 'object' || record === null) throw new Error('not an object');
    } catch {
      scan.notes.push(`${stat.path} is not a readable run record: left alone.`);
      return;
    }
    if (record.status !== 'running') return;
    const verdict = judgeRunLiveness(
      { ...record, status: 'running' },
      {
        now: settings.now,
        staleMs: settings.staleMs,
        here,
        ...(settings.processExists !== undefined ? { processExists: settings.processExists } : {}),
      },
      stat.modifiedAt,
    );
    if (!verdict.dead) {
      const started = Date.parse(String(record.startedAt));
      scan.liveStarts.push(Number.isFinite(started) ? started : 0);
      return;
    }
    const runId = typeof record.id === 'string' ? record.id : stat.path.slice(5, -5);
    const name = typeof record.name === 'string' ? record.name : runId;
    scan.lost.push({
      seen,
      why: verdict.reason,
      item: {
        kind: 'lost-run',
        path: stat.path,
        bytes: 0,
        modifiedAt: verdict.lastSeen === 'never' ? stat.modifiedAt.toISOString() : verdict.lastSeen,
        reason: `run "${name}" is "running" but ${verdict.reason}`,
        outcome: 'planned',
        runId,
      },
    });
  });
  return scan;
}
