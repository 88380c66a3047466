import type { Artifact } from '../artifacts/artifact';
import { ArtifactKinds } from '../artifacts/artifact-kinds';
import { ArtifactLayout } from '../artifacts/artifact-layout';
import { parseArtifactRecord } from '../artifacts/artifact-record';
import { mapLimit } from '../artifacts/artifact-listing';
import type { Store } from '../stores/store';
import { recordMd5 } from './record-md5';
import { SegmentedIndex, type IndexEntry } from './segmented-index';

/** What the listing index keeps of one artifact version. */
export interface ArtifactIndexEntry extends IndexEntry {
  readonly key: string;
  readonly version: string;
  /** The kind, or `damaged` when the record could not be read while rebuilding. */
  readonly kind?: string;
  readonly size?: number;
  readonly createdAt?: string;
  readonly runId?: string;
  /** The producing run's name (what the artifacts list shows beside its id). */
  readonly producerName?: string;
  /** Bytes of the version's extra files (`fileRecords`), when it has any. */
  readonly filesSize?: number;
  /**
   * The MD5 hex of the record bytes this entry was made from (see `recordMd5`): a listing whose
   * ETag equals it shows the record is unchanged, so a list may show this entry without reading
   * the record. Absent in entries written before it, or made from a record that did not parse.
   */
  readonly md5?: string;
}

/** The id of a version in the index. */
export function versionId(key: string, version: string): string {
  return `${key}@${version}`;
}

/**
 * The index entry of a committed artifact; `md5`: of the exact record bytes stored for it (see
 * `recordMd5`), when the caller serialized them.
 */
export function artifactIndexEntry(
  artifact: Artifact,
  at = Date.now(),
  md5?: string,
): ArtifactIndexEntry {
  const key = artifact.key;
  const version = artifact.version ?? '';
  const files = artifact.fileRecords;
  return {
    id: versionId(key, version),
    at,
    key,
    version,
    kind: artifact.kind,
    ...(artifact.size !== undefined ? { size: artifact.size } : {}),
    ...(artifact.createdAt !== undefined ? { createdAt: artifact.createdAt } : {}),
    ...(artifact.producer?.runId !== undefined ? { runId: artifact.producer.runId } : {}),
    ...(artifact.producer?.name !== undefined ? { producerName: artifact.producer.name } : {}),
    ...(files !== undefined && files.length > 0
      ? { filesSize: files.reduce((sum, f) => sum + f.size, 0) }
      : {}),
    ...(md5 !== undefined ? { md5 } : {}),
  };
}

/** A tombstone for a deleted version. */
export function deletedVersionEntry(
  key: string,
  version: string,
  at = Date.now(),
): ArtifactIndexEntry {
  return { id: versionId(key, version), at, key, version, deleted: true };
}

function isArtifactEntry(value: unknown): value is ArtifactIndexEntry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.key === 'string' &&
    typeof e.version === 'string' &&
    e.id === versionId(e.key, e.version) &&
    (e.kind === undefined || typeof e.kind === 'string') &&
    (e.size === undefined || typeof e.size === 'number') &&
    (e.createdAt === undefined || typeof e.createdAt === 'string') &&
    (e.runId === undefined || typeof e.runId === 'string') &&
    (e.producerName === undefined || typeof e.producerName === 'string') &&
    (e.filesSize === undefined || typeof e.filesSize === 'number') &&
    (e.md5 === undefined || typeof e.md5 === 'string')
  );
}

/** Every committed version's entry, read from the records (the rebuild). */
export async function scanArtifactEntries(store: Store): Promise<ArtifactIndexEntry[]> {
  const found: { key: string; version: string; at: number }[] = [];
  // Stamped with this process's clock when the listing starts, like every other entry: a
  // record listed then existed then, and a deletion logged after it wins. (An object's
  // modification time is the server's clock, which S3 servers round up to the second.)
  const listedAt = Date.now();
  for await (const { path } of store.list(ArtifactLayout.root)) {
    const parts = path.split('/');
    if (parts.length === 4 && parts[2] === 'records' && parts[3]?.endsWith('.json'))
      found.push({
        key: parts[1] as string,
        version: parts[3].slice(0, -'.json'.length),
        at: listedAt,
      });
  }
  return mapLimit(found, 16, async ({ key, version, at }): Promise<ArtifactIndexEntry> => {
    const base = { id: versionId(key, version), at, key, version };
    try {
      const path = ArtifactLayout.record(key, version);
      const bytes = await store.get(path);
      // The entry of a record that parses (checksum and all) is the record's own, with the bytes'
      // MD5; one that does not is summarised leniently, without it (readers read the record).
      const parsed = parseRecord(bytes, { store: store.url, path, key, version });
      if (parsed?.key === key && parsed.version === version)
        return artifactIndexEntry(parsed, at, recordMd5(bytes));
      const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
      const producer = json.producer as { runId?: unknown } | undefined;
      return {
        ...base,
        kind: typeof json.kind === 'string' ? json.kind : 'damaged',
        ...(typeof json.size === 'number' ? { size: json.size } : {}),
        ...(typeof json.createdAt === 'string' ? { createdAt: json.createdAt } : {}),
        ...(typeof producer?.runId === 'string' ? { runId: producer.runId } : {}),
      };
    } catch {
      return { ...base, kind: 'damaged' };
    }
  });
}

/** The artifact record `bytes` hold (builtin kinds, like the UI), or `undefined` if none. */
function parseRecord(
  bytes: Buffer,
  where: { store: string; path: string; key: string; version: string },
): Artifact | undefined {
  try {
    return parseArtifactRecord(bytes, ArtifactKinds.builtin(), where);
  } catch {
    return undefined;
  }
}

/** The kinds of the newest version of each key among `live` (what the artifacts list filters on). */
export function newestKinds(live: readonly ArtifactIndexEntry[]): string[] {
  const newest = new Map<string, ArtifactIndexEntry>();
  for (const e of live) {
    const current = newest.get(e.key);
    if (current === undefined || e.version > current.version) newest.set(e.key, e);
  }
  return [...new Set([...newest.values()].map((e) => e.kind).filter((k) => k !== undefined))];
}

/** The kind of a key's newest version among its live entries (`''` when unknown): its group label. */
export function newestKind(versions: readonly ArtifactIndexEntry[]): string {
  let newest: ArtifactIndexEntry | undefined;
  for (const e of versions) if (newest === undefined || e.version > newest.version) newest = e;
  return newest?.kind ?? '';
}

/**
 * The listing index of a store's artifact versions (`index/artifacts/`), grouped by key (a
 * snapshot part never splits a key; facets: the newest version's kind of each key; each key's
 * newest kind is also its group label, kept in the manifest for filtered lists).
 * `compactAfter` and `partSize`: see `SegmentedIndexOptions`.
 */
export function artifactIndex(
  store: Store,
  compactAfter?: number,
  partSize?: number,
): SegmentedIndex<ArtifactIndexEntry> {
  return new SegmentedIndex<ArtifactIndexEntry>(store, {
    ...(compactAfter !== undefined ? { compactAfter } : {}),
    ...(partSize !== undefined ? { partSize } : {}),
    group: (e) => e.key,
    facets: newestKinds,
    groupLabel: newestKind,
    name: 'artifacts',
    fields: [
      'key',
      'version',
      'kind',
      'size',
      'createdAt',
      'runId',
      'producerName',
      'filesSize',
      'md5',
    ],
    isEntry: isArtifactEntry,
    rebuild: () => scanArtifactEntries(store),
  });
}
