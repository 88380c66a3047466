import { ArtifactLayout } from '../artifacts/artifact-layout';
import { isVersionId } from '../artifacts/artifact-names';
import type { ObjectStat, Store } from '../stores/store';
import type { GcSettings } from './gc-options';
import type { GarbageItem } from './gc-report';

/** Clocks of different machines may differ this much (ms) when a live run protects staged bytes. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Bytes staged under a version that has no record. */
export interface StagedCandidate {
  readonly item: GarbageItem;
  readonly key: string;
  readonly version: string;
  readonly files: readonly ObjectStat[];
}

/** What {@link findStagedOrphans} found. */
export interface StagedScan {
  readonly orphans: StagedCandidate[];
  /** Orphans left alone because a live run may still commit them. */
  readonly protectedByLiveRuns: number;
}

/** The creation time (ms) encoded in a version id (`20261127T101530123Z-…`). */
export function versionTime(version: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-/.exec(version);
  if (m === null) return Number.NaN;
  const [y = 0, mo = 1, d, h, mi, s, ms] = m.slice(1).map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/**
 * Finds versions whose bytes were staged but never committed (no record), old enough to collect.
 *
 * @remarks
 * A version is collected only when it has no record, its newest file and its id's creation
 * time are older than the grace period, and no live run started before it was staged (a run
 * stages all its outputs before committing any, so its first outputs may wait for long). Folders
 * that do not look like versions are never touched.
 */
export async function findStagedOrphans(
  store: Store,
  settings: GcSettings,
  liveStarts: readonly number[],
): Promise<StagedScan> {
  const versions = new Map<string, { key: string; version: string; files: ObjectStat[] }>();
  const records = new Set<string>();
  for await (const stat of store.list(ArtifactLayout.root)) {
    const parts = stat.path.split('/');
    const key = parts[1] ?? '';
    if (parts.length === 4 && parts[2] === 'records' && parts[3]?.endsWith('.json')) {
      records.add(`${key}/${parts[3].slice(0, -'.json'.length)}`);
    } else if (parts.length >= 5 && parts[2] === 'versions' && isVersionId(parts[3] ?? '')) {
      const version = parts[3] as string;
      const id = `${key}/${version}`;
      const entry = versions.get(id) ?? { key, version, files: [] };
      entry.files.push(stat);
      versions.set(id, entry);
    }
  }
  const oldestLive = liveStarts.reduce((n, s) => Math.min(n, s), Infinity);
  const orphans: StagedCandidate[] = [];
  let protectedByLiveRuns = 0;
  for (const [id, { key, version, files }] of versions) {
    if (records.has(id)) continue;
    const staged = versionTime(version);
    const newest = files.reduce((n, f) => Math.max(n, f.modifiedAt.getTime()), staged);
    if (!(settings.now - newest >= settings.graceMs)) continue;
    if (staged >= oldestLive - CLOCK_SKEW_MS) {
      protectedByLiveRuns++;
      continue;
    }
    orphans.push({
      key,
      version,
      files,
      item: {
        kind: 'staged-version',
        path: ArtifactLayout.versionPrefix(key, version),
        bytes: files.reduce((n, f) => n + f.size, 0),
        modifiedAt: new Date(newest).toISOString(),
        reason: `${files.length} file(s) staged for "${key}" but never committed (no record)`,
        outcome: 'planned',
        key,
        version,
      },
    });
  }
  return { orphans, protectedByLiveRuns };
}
