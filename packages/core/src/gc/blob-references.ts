import { ArtifactLayout } from '../artifacts/artifact-layout';
import { mapLimit } from '../artifacts/artifact-listing';
import { NotFoundError } from '../errors/not-found.error';
import type { Store } from '../stores/store';

/** Records read at once. */
const READS_IN_FLIGHT = 8;

const SHA256 = /^[0-9a-f]{64}$/;

/** Who uses which content: every sha256 a committed artifact record names. */
export interface BlobReferences {
  /** sha256 → the versions naming it (`key@version`), blob or not. */
  readonly users: Map<string, string[]>;
  /** Record paths read (a second scan reads only the others). */
  readonly recordsRead: Set<string>;
  /** Records that could not be read or parsed: what they name is unknown. */
  readonly unreadable: string[];
  /** Sum of the file sizes the records read give (each version counted whole). */
  logicalBytes: number;
}

/** The files one parsed record names (its primary file and its extra files). */
function namedFiles(record: unknown): { sha256?: string; size: number }[] {
  if (typeof record !== 'object' || record === null) return [];
  const { sha256, size, fileRecords } = record as Record<string, unknown>;
  const extras: unknown[] = Array.isArray(fileRecords) ? (fileRecords as unknown[]) : [];
  const entries: unknown[] = [{ sha256, size }, ...extras];
  return entries.map((entry) => {
    const f = (entry ?? {}) as { sha256?: unknown; size?: unknown };
    const bytes = typeof f.size === 'number' && Number.isSafeInteger(f.size) ? f.size : 0;
    return typeof f.sha256 === 'string' && SHA256.test(f.sha256)
      ? { sha256: f.sha256, size: bytes }
      : { size: bytes };
  });
}

/**
 * Reads every committed artifact record of a store and collects the sha256s they name.
 *
 * @remarks
 * Every sha256 counts, whether the record lists the file in `blobFiles` or not: a version that
 * `stowage migrate` is moving may have its bytes in the blob while its old record is still in
 * place, and readers find them there. Pass the result of an earlier scan as `previous` to read
 * only the records written since (the sets are extended in place).
 */
export async function scanBlobReferences(
  store: Store,
  previous?: BlobReferences,
): Promise<BlobReferences> {
  const refs: BlobReferences = previous ?? {
    users: new Map(),
    recordsRead: new Set(),
    unreadable: [],
    logicalBytes: 0,
  };
  const toRead: string[] = [];
  for await (const { path } of store.list(ArtifactLayout.root)) {
    const parts = path.split('/');
    if (parts.length === 4 && parts[2] === 'records' && parts[3]?.endsWith('.json'))
      if (!refs.recordsRead.has(path)) toRead.push(path);
  }
  await mapLimit(toRead, READS_IN_FLIGHT, async (path) => {
    const parts = path.split('/');
    const user = `${parts[1] ?? ''}@${(parts[3] ?? '').slice(0, -'.json'.length)}`;
    let record: unknown;
    try {
      record = JSON.parse((await store.get(path)).toString('utf8'));
    } catch (error) {
      // Deleted since it was listed: it names nothing any more.
      if (NotFoundError.is(error)) return;
      refs.unreadable.push(path);
      return;
    }
    refs.recordsRead.add(path);
    for (const { sha256: sha, size } of namedFiles(record)) {
      refs.logicalBytes += size;
      if (sha === undefined) continue;
      const users = refs.users.get(sha);
      if (users === undefined) refs.users.set(sha, [user]);
      else if (!users.includes(user)) users.push(user);
    }
  });
  return refs;
}
