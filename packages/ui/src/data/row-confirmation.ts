import { listTags } from '@stowage/core';
import type { Store } from '@stowage/core';
import {
  ArtifactLayout,
  etagConfirms,
  LATEST_TAG,
  mapLimit,
  runRecordPath,
  versionId,
} from '@stowage/core/internal';
import type { ArtifactIndexEntry } from '@stowage/core/internal';
import { listKeyFolders } from './key-listing';
import { countBetween, listSpan, pageFor, planSpans } from './range-listing';
import type { KeyEntry, RunEntry, VersionSummary } from './store-view';

/** Objects a key's folder lists before its files, guessed when the index window did not say. */
const UNKNOWN_KEY_OBJECTS = 11;

/**
 * The ids of `rows` whose record, listed with range LISTs, still holds the bytes their index
 * entry was made from (its ETag is the entry's MD5). Runs sort by id, so a page's rows are close
 * together in `runs/`: nearby rows share one LIST (parallel LISTs for scattered ones); a lone
 * row is left to be read. `known`: the run ids the index listed, ascending (what lies between).
 *
 * @returns the confirmed ids, and `etags: false` when the store listed no ETags.
 */
export async function confirmRuns(
  store: Store,
  rows: readonly RunEntry[],
  known: readonly string[],
): Promise<{ confirmed: Set<string>; etags: boolean }> {
  const confirmed = new Set<string>();
  const md5 = new Map<string, string>();
  for (const row of rows)
    if (row.indexed === true && row.recordMd5 !== undefined)
      md5.set(runRecordPath(row.id), row.recordMd5);
  if (md5.size < 2) return { confirmed, etags: true };
  const paths = known.map(runRecordPath);
  const spans = planSpans([...md5.keys()].sort(), (a, b) => countBetween(paths, a, b)).filter(
    (span) => span.paths.length > 1,
  );
  const listings = await Promise.all(spans.map((span) => listSpan(store, 'runs/', span)));
  for (const { found } of listings)
    for (const [path, stat] of found)
      if (etagConfirms(stat.etag, md5.get(path)))
        confirmed.add(path.slice('runs/'.length, -'.json'.length));
  return { confirmed, etags: listings.every((l) => l.etags) };
}

/** What {@link confirmKeys} knows from the listing index. */
export interface KeyIndexView {
  /** The index entries of the keys' versions, by version id (read while the keys are listed). */
  readonly entries: Promise<Map<string, ArtifactIndexEntry>>;
  /** The last window's entries (how many versions a key has: how much its folder lists). */
  readonly window: ReadonlyMap<string, ArtifactIndexEntry>;
  /** Keys the index listed (what lies between two keys of the page). */
  readonly known: readonly string[];
}

/**
 * The rows of `keys` whose versions and tags a range LIST showed and whose newest record's ETag
 * is the MD5 of the index entry of that version, finished from that entry. A key with named
 * tags has them read; a key the listing did not show, or whose newest record is not confirmed,
 * is left out (the caller reads it).
 *
 * @returns the confirmed rows by key, and `usable: false` when the store listed no ETags or
 * listed out of order (nothing confirmed).
 */
export async function confirmKeys(
  store: Store,
  keys: readonly string[],
  index: KeyIndexView,
): Promise<{ confirmed: Map<string, KeyEntry>; usable: boolean }> {
  const confirmed = new Map<string, KeyEntry>();
  index.entries.catch(() => undefined);
  // Objects of a key's folder before its files: its records and its `latest` pointer (keys
  // the last window does not hold: as many as the average key of the window).
  const versions = new Map<string, number>();
  for (const e of index.window.values()) versions.set(e.key, (versions.get(e.key) ?? 0) + 1);
  const average =
    versions.size === 0
      ? UNKNOWN_KEY_OBJECTS
      : [...versions.values()].reduce((a, b) => a + b + 1, 0) / versions.size;
  const weight = (folder: string): number => {
    const n = versions.get(keyOfFolder(folder));
    return n === undefined ? average : n + 1;
  };
  const known = index.known.map((k) => ArtifactLayout.key(k)).sort();
  const spans = planSpans(
    keys.map((k) => ArtifactLayout.key(k)).sort(),
    (a, b) => countBetween(known, a, b) * average,
    { maxObjects: 300, maxGap: 32 },
    weight,
  );
  const listings = await Promise.all(
    spans.map((span) => listKeyFolders(store, span.paths.map(keyOfFolder), pageFor(span.objects))),
  );
  const entries = await index.entries;
  if (listings.some((l) => !l.usable)) return { confirmed, usable: false };
  await mapLimit(
    listings.flatMap((l) => [...l.keys]),
    8,
    async ([key, listed]) => {
      const newest = listed.versions[listed.versions.length - 1];
      if (newest === undefined) return;
      const entry = entries.get(versionId(key, newest));
      if (entry?.kind === undefined || !etagConfirms(listed.recordTags.get(newest), entry.md5))
        return;
      const named = [...listed.tagNames].some((t) => t !== LATEST_TAG);
      const tags = named ? await listTags(store, key).catch(() => []) : [];
      confirmed.set(key, {
        key,
        versions: [...listed.versions].reverse(),
        tags,
        kind: entry.kind,
        summary: entrySummary(entry, entry.kind),
        confirmed: true,
      });
    },
  );
  return { confirmed, usable: true };
}

/** The key whose folder (`artifacts/<key>/`) is `folder`. */
function keyOfFolder(folder: string): string {
  return folder.slice(ArtifactLayout.root.length, -1);
}

/** The list's view of a version from its index entry (made from its record; see confirmKeys). */
function entrySummary(e: ArtifactIndexEntry, kind: string): VersionSummary {
  return {
    version: e.version,
    kind,
    bytes: (e.size ?? 0) + (e.filesSize ?? 0),
    ...(e.createdAt !== undefined ? { createdAt: e.createdAt } : {}),
    ...(e.runId !== undefined
      ? {
          producer: {
            runId: e.runId,
            ...(e.producerName !== undefined ? { name: e.producerName } : {}),
          },
        }
      : {}),
  };
}
