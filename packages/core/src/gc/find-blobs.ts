import { BlobLayout, blobSha256 } from '../artifacts/blob-layout';
import type { ObjectStat, Store } from '../stores/store';
import { scanBlobReferences, type BlobReferences } from './blob-references';
import { CLOCK_SKEW_MS } from './find-staged';
import type { GcSettings } from './gc-options';
import type { GarbageItem } from './gc-report';

/** A blob no committed record names. */
export interface BlobCandidate {
  readonly item: GarbageItem;
  readonly sha256: string;
  readonly stat: ObjectStat;
}

/** What {@link findUnreferencedBlobs} found. */
export interface BlobScan {
  readonly orphans: BlobCandidate[];
  /** Unreferenced blobs left alone because a live run may still commit a version naming them. */
  readonly protectedByLiveRuns: number;
  /** The references read (a second scan before removing reads only new records). */
  readonly refs: BlobReferences;
  /** Why no blob may be removed in this pass (a record could not be read), or `undefined`. */
  readonly blocked: string | undefined;
}

/**
 * Finds content-addressed blobs (`blobs/sha256/…`) that no committed artifact record names.
 *
 * @remarks
 * The records are read first, the blobs listed after, so a blob a writer moves in and commits
 * meanwhile is either named by a record read here or younger than the grace period. A blob is a
 * candidate only when no record names its sha256 (a shared blob stays while one user is left),
 * it is older than the grace period (writers replace the blob they reuse, which makes it young),
 * and no live run started before it was written. When any record cannot be read, no blob is a
 * candidate: what that record names is unknown.
 */
export async function findUnreferencedBlobs(
  store: Store,
  settings: GcSettings,
  liveStarts: readonly number[],
): Promise<BlobScan> {
  const refs = await scanBlobReferences(store);
  const blocked =
    refs.unreadable.length > 0
      ? `No blob was collected: ${refs.unreadable.length} record(s) could not be read (${refs.unreadable.slice(0, 3).join(', ')}).`
      : undefined;
  const oldestLive = liveStarts.reduce((n, s) => Math.min(n, s), Infinity);
  const orphans: BlobCandidate[] = [];
  let protectedByLiveRuns = 0;
  for await (const stat of store.list(BlobLayout.sha256Prefix)) {
    const sha256 = blobSha256(stat.path);
    if (sha256 === undefined || refs.users.has(sha256)) continue;
    const written = stat.modifiedAt.getTime();
    if (!(settings.now - written >= settings.graceMs)) continue;
    if (written >= oldestLive - CLOCK_SKEW_MS) {
      protectedByLiveRuns++;
      continue;
    }
    orphans.push({
      sha256,
      stat,
      item: {
        kind: 'unreferenced-blob',
        path: stat.path,
        bytes: stat.size,
        modifiedAt: stat.modifiedAt.toISOString(),
        reason: 'content-addressed bytes that no artifact record names any more',
        outcome: 'planned',
      },
    });
  }
  return { orphans: blocked === undefined ? orphans : [], protectedByLiveRuns, refs, blocked };
}

/**
 * Removes unreferenced blobs, checking each again just before: records written since the scan
 * are read (a blob one of them names is kept), and a blob whose modification time changed (a
 * writer replaced it to reuse it) is kept.
 */
export async function removeUnreferencedBlobs(
  store: Store,
  scan: BlobScan,
): Promise<GarbageItem[]> {
  if (scan.orphans.length === 0) return [];
  let refs: BlobReferences;
  try {
    refs = await scanBlobReferences(store, scan.refs);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return scan.orphans.map((c) => ({ ...c.item, outcome: 'failed', error: why }));
  }
  const out: GarbageItem[] = [];
  for (const c of scan.orphans) {
    if (refs.unreadable.length > 0) {
      out.push({ ...c.item, outcome: 'kept', error: 'a record written since could not be read' });
      continue;
    }
    if (refs.users.has(c.sha256)) {
      out.push({ ...c.item, outcome: 'kept', error: 'a version committed since names it' });
      continue;
    }
    try {
      const now = await store.stat(c.stat.path);
      if (now !== undefined && now.modifiedAt.getTime() !== c.stat.modifiedAt.getTime()) {
        out.push({ ...c.item, outcome: 'kept', error: 'a writer reused it since it was found' });
        continue;
      }
      await store.delete(c.stat.path);
      out.push({ ...c.item, outcome: 'removed' });
    } catch (error) {
      out.push({
        ...c.item,
        outcome: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return out;
}
