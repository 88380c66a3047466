import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import type { Store } from '../stores/store';
import { ArtifactLayout, LATEST_TAG } from './artifact-layout';
import { listArtifactVersions } from './artifact-listing';
import { isVersionId } from './artifact-names';
import { appendTagMove, readNamedTag } from './tag-history';

/** The bytes of a tag pointer to `version`. */
function pointerTo(version: string): Buffer {
  return Buffer.from(JSON.stringify({ version, updatedAt: new Date().toISOString() }));
}

/**
 * About one commit in this many moves the `latest` pointer (see {@link movesLatestPointer}).
 */
export const LATEST_POINTER_EVERY = 16;

/**
 * Whether the commit of `version` moves the `latest` pointer: for about one version id in
 * {@link LATEST_POINTER_EVERY}, chosen by a hash of the id (so the same version always decides
 * the same way, whichever process commits it).
 *
 * @remarks
 * The pointer is a checkpoint, not the answer: readers list the records after it and take the
 * newest (see {@link resolveTagVersion}), so it only bounds that listing. Moving it on every
 * commit cost each commit one more write (a file on a local store, a request on S3) to save
 * readers a few entries of one listing; moved one time in 16, readers list about 16 records more
 * on average (one LIST page on S3), and a key's first versions usually have no pointer at all.
 */
export function movesLatestPointer(version: string): boolean {
  // FNV-1a (32 bits) of the id: cheap and spread over the random part.
  let hash = 0x811c9dc5;
  for (let i = 0; i < version.length; i += 1) {
    hash ^= version.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % LATEST_POINTER_EVERY === 0;
}

/**
 * Moves `latest` to `version` when {@link movesLatestPointer} says so (else does nothing); may
 * run while the record of `version` is still being written.
 *
 * @remarks
 * The `latest` pointer is a cache: it is written atomically but not fsynced (`durable: false`),
 * moved by about one commit in {@link LATEST_POINTER_EVERY}, and concurrent committers may leave
 * it behind the newest record (last writer wins) or, while a commit is under way or after one
 * failed, ahead of the records. Readers never trust it alone: they list the records newer than it
 * and fall back to the records when it names a missing one (see {@link resolveTagVersion} and
 * {@link deriveLatest}), so `latest` as read is always the newest committed version.
 */
export async function moveLatest(store: Store, key: string, version: string): Promise<void> {
  if (!movesLatestPointer(version)) return;
  await store.put(ArtifactLayout.tag(key, LATEST_TAG), pointerTo(version), { durable: false });
}

/**
 * Moves the named `tag` to `version` by appending the move to the tag's history (durably: a named
 * tag cannot be derived). Call it only after the record of `version` is durable and visible.
 */
export async function moveTag(
  store: Store,
  key: string,
  version: string,
  tag: string,
): Promise<void> {
  await appendTagMove(store, key, tag, version);
}

/**
 * Moves `latest` (and `tag`, when given) to `version`, both at once.
 *
 * @remarks
 * Call it only after the record of `version` is durable and visible (the named tag needs it; see
 * {@link moveLatest} for what readers make of `latest`). A named tag's move is recorded in the
 * tag's history (see {@link appendTagMove}), fsynced.
 */
export async function moveTags(
  store: Store,
  key: string,
  version: string,
  tag: string | undefined,
): Promise<void> {
  const writes: Promise<unknown>[] = [moveLatest(store, key, version)];
  if (tag !== undefined && tag !== LATEST_TAG) writes.push(moveTag(store, key, version, tag));
  await Promise.all(writes);
}

/** The version a tag pointer names; `undefined` when the pointer is missing, empty or damaged. */
async function readPointer(store: Store, key: string, tag: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await store.get(ArtifactLayout.tag(key, tag));
  } catch (error) {
    if (NotFoundError.is(error)) return undefined;
    throw error;
  }
  try {
    const version = (JSON.parse(bytes.toString('utf8')) as { version?: unknown } | null)?.version;
    return typeof version === 'string' && isVersionId(version) ? version : undefined;
  } catch {
    return undefined;
  }
}

/** How {@link resolveTagVersion} found the version. */
export interface TagResolution {
  readonly version: string;
  /** `true` when `latest` was derived from the records because its pointer was unusable. */
  readonly derived: boolean;
}

/**
 * Finds the version `tag` points at; for `latest`, the newest committed version.
 *
 * @remarks
 * `latest` is the committed version with the greatest version id. Its pointer is only a
 * starting point: the records newer than the pointer are listed (one short listing, `startAfter`
 * the pointer) and the newest wins, so neither a committer that overwrote the pointer with an
 * older version nor a pointer lost or damaged in a power loss (it is not fsynced, see
 * {@link moveTags}) can make `latest` go back. A missing or damaged pointer means listing every
 * record; a pointer to a missing record is found by the caller's read of that record, which then
 * calls {@link deriveLatest}.
 *
 * @returns `undefined` when the tag does not exist (or, for `latest`, the key has no record).
 * @throws StoreError `RECORD_INVALID` for a damaged named-tag pointer.
 */
export async function resolveTagVersion(
  store: Store,
  key: string,
  tag: string,
): Promise<TagResolution | undefined> {
  if (tag !== LATEST_TAG) {
    const named = await readNamedTag(store, key, tag);
    if (named.version !== null) return { version: named.version, derived: false };
    if (!named.damaged) return undefined;
    throw damagedTag(store, key, tag);
  }
  const version = await readPointer(store, key, tag);
  const newer = await listArtifactVersions(store, key, version);
  const newest = newer[newer.length - 1];
  if (newest !== undefined) return { version: newest, derived: true };
  return version === undefined ? undefined : { version, derived: false };
}

/** `latest` from the records alone: the newest committed version, if any. */
export async function deriveLatest(store: Store, key: string): Promise<TagResolution | undefined> {
  const versions = await listArtifactVersions(store, key);
  const newest = versions[versions.length - 1];
  return newest === undefined ? undefined : { version: newest, derived: true };
}

function damagedTag(store: Store, key: string, tag: string): StoreError {
  const where = `${store.url} ${ArtifactLayout.tag(key, tag)}`;
  return new StoreError(`The tag "${tag}" of artifact "${key}" at ${where} is damaged.`, {
    code: 'RECORD_INVALID',
    details: { key, tag, where },
    fix: `Tag the intended version again, or delete ${ArtifactLayout.tag(key, tag)}.`,
  });
}
