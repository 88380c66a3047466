import { ArtifactLayout } from '../artifacts/artifact-layout';
import { mapLimit } from '../artifacts/artifact-listing';
import { markRunLost } from '../runs/lost-run';
import type { Store, TemporaryObject } from '../stores/store';
import { storeFormat } from '../artifacts/store-format';
import { findUnreferencedBlobs, removeUnreferencedBlobs } from './find-blobs';
import { findLostRuns, type LostRunCandidate } from './find-lost-runs';
import { findStagedOrphans, type StagedCandidate } from './find-staged';
import { gcSettings, type CollectGarbageOptions, type GcSettings } from './gc-options';
import { totalsOf, type GarbageItem, type GarbageReport } from './gc-report';

/** The order items are reported in. */
const KIND_ORDER: readonly GarbageItem['kind'][] = [
  'temp-file',
  'upload',
  'staged-version',
  'unreferenced-blob',
  'empty-folder',
  'lost-run',
];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deletions in flight at once. */
const DELETES_IN_FLIGHT = 8;

const TEMP_REASONS: Record<TemporaryObject['kind'], string> = {
  'temp-file': 'temporary file of a write that never finished',
  'empty-folder': 'folder with no files in it',
  upload: 'multipart upload that was never completed',
};

/** Leftovers of interrupted writes the store reports, older than the grace period. */
async function findTemporary(
  store: Store,
  settings: GcSettings,
  notes: string[],
): Promise<[TemporaryObject, GarbageItem][]> {
  if (store.listTemporary === undefined) {
    notes.push(`${store.url} cannot list temporary files or uploads: none were looked for.`);
    return [];
  }
  const found: [TemporaryObject, GarbageItem][] = [];
  for await (const t of store.listTemporary()) {
    if (!(settings.now - t.modifiedAt.getTime() >= settings.graceMs)) continue;
    found.push([
      t,
      {
        kind: t.kind,
        path: t.path,
        bytes: t.size ?? 0,
        modifiedAt: t.modifiedAt.toISOString(),
        reason: TEMP_REASONS[t.kind],
        outcome: 'planned',
      },
    ]);
  }
  return found;
}

function failed(item: GarbageItem, error: unknown): GarbageItem {
  return {
    ...item,
    outcome: 'failed',
    error: error instanceof Error ? error.message : String(error),
  };
}

async function removeTemporary(store: Store, t: TemporaryObject, item: GarbageItem) {
  try {
    const removed = (await store.deleteTemporary?.(t)) ?? false;
    return removed
      ? { ...item, outcome: 'removed' as const }
      : { ...item, outcome: 'kept' as const, error: 'it changed since it was found' };
  } catch (error) {
    return failed(item, error);
  }
}

async function removeStaged(store: Store, c: StagedCandidate): Promise<GarbageItem> {
  const record = ArtifactLayout.record(c.key, c.version);
  try {
    if ((await store.stat(record)) !== undefined)
      return { ...c.item, outcome: 'kept', error: 'it was committed since it was found' };
    await mapLimit(c.files, DELETES_IN_FLIGHT, (f) => store.delete(f.path));
    if ((await store.stat(record)) !== undefined)
      return failed(c.item, 'a record was committed while its bytes were being removed');
    return { ...c.item, outcome: 'removed' };
  } catch (error) {
    return failed(c.item, error);
  }
}

async function markLost(store: Store, c: LostRunCandidate, now: Date): Promise<GarbageItem> {
  try {
    const outcome = await markRunLost(store, c.item.path, c.seen, c.why, now);
    if (outcome === 'marked') return { ...c.item, outcome: 'marked' };
    return { ...c.item, outcome: 'kept', error: `its record ${outcome} since it was read` };
  } catch (error) {
    return failed(c.item, error);
  }
}

/**
 * Finds — and unless `dryRun` (the default) removes — what interrupted writers left in a store.
 *
 * @remarks
 * Five kinds of garbage, each only when older than `graceMs` (default 1 h):
 * - temporary files and empty folders (`LocalStore`) and incomplete multipart uploads (S3), as
 *   reported by the store's optional `listTemporary`;
 * - staged versions: bytes under `artifacts/<key>/versions/<version>/` with no record, unless a
 *   live run started before they were staged (it may still commit them);
 * - unreferenced blobs: content-addressed bytes under `blobs/sha256/` that no committed record
 *   names (a blob shared by several versions goes only when the last of them is deleted), unless
 *   a live run started before they were written;
 * - runs still `running` whose process is gone (same machine, pid no longer exists) or whose
 *   heartbeat is older than `staleMs` (default 10 min): they are marked `lost`, not deleted.
 *
 * Safe while other writers run: nothing younger than the grace period is touched, a version
 * with a record is never removed (checked again just before), a temporary file written since it
 * was found is kept, and a run record that changed since it was judged is left alone. Every
 * item is reported with its outcome; a failure to remove one does not stop the others.
 *
 * @example
 * ```ts
 * const plan = await collectGarbage(store);                    // dry run: what would go
 * const done = await collectGarbage(store, { dryRun: false }); // remove it
 * done.totals.reclaimed; // bytes freed
 * ```
 * @throws ConfigError (`GC_OPTIONS_INVALID`) for bad options; StoreError when the store cannot
 * be listed or read.
 */
export async function collectGarbage(
  store: Store,
  options: CollectGarbageOptions = {},
): Promise<GarbageReport> {
  const settings = gcSettings(options);
  // A store a newer Stowage wrote is refused: its layout may keep bytes this code does not know.
  await storeFormat(store);
  const runs = await findLostRuns(store, settings);
  const staged = await findStagedOrphans(store, settings, runs.liveStarts);
  const blobs = await findUnreferencedBlobs(store, settings, runs.liveStarts);
  const notes = [...runs.notes];
  if (blobs.blocked !== undefined) notes.push(blobs.blocked);
  if (blobs.protectedByLiveRuns > 0)
    notes.push(
      `${blobs.protectedByLiveRuns} unreferenced blob(s) kept: a run still running may commit a version naming them.`,
    );
  const temporary = await findTemporary(store, settings, notes);
  if (staged.protectedByLiveRuns > 0)
    notes.push(
      `${staged.protectedByLiveRuns} uncommitted version(s) kept: a run still running may commit them.`,
    );
  let items: GarbageItem[];
  if (settings.dryRun) {
    items = [...temporary.map(([, i]) => i), ...staged.orphans.map((c) => c.item)];
    items.push(...blobs.orphans.map((c) => c.item));
    items.push(...runs.lost.map((c) => c.item));
  } else {
    const now = new Date(settings.now);
    const files = temporary.filter(([t]) => t.kind !== 'empty-folder');
    const folders = temporary.filter(([t]) => t.kind === 'empty-folder');
    items = [
      ...(await mapLimit(files, DELETES_IN_FLIGHT, ([t, i]) => removeTemporary(store, t, i))),
      ...(await mapLimit(staged.orphans, 2, (c) => removeStaged(store, c))),
      ...(await removeUnreferencedBlobs(store, blobs)),
      ...(await mapLimit(folders, DELETES_IN_FLIGHT, ([t, i]) => removeTemporary(store, t, i))),
      ...(await mapLimit(runs.lost, DELETES_IN_FLIGHT, (c) => markLost(store, c, now))),
    ];
  }
  items.sort(
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || cmp(a.path, b.path),
  );
  return {
    store: store.url,
    dryRun: settings.dryRun,
    graceMs: settings.graceMs,
    staleMs: settings.staleMs,
    now: new Date(settings.now).toISOString(),
    items,
    totals: totalsOf(items),
    notes,
  };
}
