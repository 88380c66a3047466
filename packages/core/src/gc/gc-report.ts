/** What kind of garbage an item is. */
export type GarbageKind =
  'temp-file' | 'empty-folder' | 'upload' | 'staged-version' | 'unreferenced-blob' | 'lost-run';

/**
 * What became of an item: `planned` (dry run), `removed`, `marked` (a run marked lost), `kept`
 * (it changed since it was found: a writer is using it) or `failed` (see `error`).
 */
export type GarbageOutcome = 'planned' | 'removed' | 'marked' | 'kept' | 'failed';

/** One piece of garbage found (and maybe removed) by `collectGarbage`. */
export interface GarbageItem {
  readonly kind: GarbageKind;
  /** Store path (folders and staged versions end with `/`; runs: their record). */
  readonly path: string;
  /** Bytes it holds (0 for folders and runs; 0 when a store cannot tell, as for S3 uploads). */
  readonly bytes: number;
  /** Its last change, ISO-8601 (runs: the last heartbeat). */
  readonly modifiedAt: string;
  /** Why it is garbage, in words. */
  readonly reason: string;
  readonly outcome: GarbageOutcome;
  /** Why removing it failed (outcome `failed`) or why it was kept. */
  readonly error?: string;
  /** Staged versions: the artifact key and version; runs: the run id. */
  readonly key?: string;
  readonly version?: string;
  readonly runId?: string;
}

/** The result of one `collectGarbage` pass. */
export interface GarbageReport {
  /** The store's URL. */
  readonly store: string;
  readonly dryRun: boolean;
  readonly graceMs: number;
  readonly staleMs: number;
  /** The time ages were judged against, ISO-8601. */
  readonly now: string;
  readonly items: readonly GarbageItem[];
  readonly totals: GarbageTotals;
  /** Things worth knowing that are not items (e.g. a store that cannot list temporary files). */
  readonly notes: readonly string[];
}

/** Sums over a report's items. */
export interface GarbageTotals {
  /** Items found. */
  readonly found: number;
  /** Bytes the items found hold. */
  readonly bytes: number;
  /** Items removed (or runs marked lost). */
  readonly removed: number;
  /** Bytes freed by the items removed. */
  readonly reclaimed: number;
  /** Items kept because they changed, or whose removal failed. */
  readonly kept: number;
  readonly failed: number;
}

/** Sums the items of a report. */
export function totalsOf(items: readonly GarbageItem[]): GarbageTotals {
  let bytes = 0;
  let removed = 0;
  let reclaimed = 0;
  let kept = 0;
  let failed = 0;
  for (const item of items) {
    bytes += item.bytes;
    if (item.outcome === 'removed' || item.outcome === 'marked') {
      removed++;
      reclaimed += item.bytes;
    } else if (item.outcome === 'kept') kept++;
    else if (item.outcome === 'failed') failed++;
  }
  return { found: items.length, bytes, removed, reclaimed, kept, failed };
}
