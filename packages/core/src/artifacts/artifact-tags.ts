import { NotFoundError } from '../errors/not-found.error';
import { StoreError } from '../errors/store.error';
import type { Store } from '../stores/store';
import { ArtifactLayout, LATEST_TAG } from './artifact-layout';
import { listArtifactVersions } from './artifact-listing';
import { isVersionId } from './artifact-names';

/**
 * Moves `latest` (and `tag`, when given) to `version`, both at once.
 *
 * @remarks
 * Call it only after the record of `version` is durable and visible. The `latest` pointer is
 * written atomically but not fsynced (`durable: false`): it can always be derived from the
 * records (see {@link resolveTagVersion}), so it does not pay a disk flush. A named tag cannot
 * be derived and is fsynced.
 */
export async function moveTags(
  store: Store,
  key: string,
  version: string,
  tag: string | undefined,
): Promise<void> {
  const pointer = Buffer.from(JSON.stringify({ version, updatedAt: new Date().toISOString() }));
  const writes = [store.put(ArtifactLayout.tag(key, LATEST_TAG), pointer, { durable: false })];
  if (tag !== undefined && tag !== LATEST_TAG)
    writes.push(store.put(ArtifactLayout.tag(key, tag), pointer));
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
 * Finds the version `tag` points at, deriving `latest` from the records when its pointer is
 * unusable.
 *
 * @remarks
 * `latest` is not fsynced (see {@link moveTags}), so after a power loss it may be missing, empty,
 * or name a record that did not survive. A missing or damaged pointer is replaced here by the
 * newest committed record (versions are time-sortable); a pointer to a missing record is found by
 * the caller's read of that record, which then calls {@link deriveLatest}.
 *
 * @returns `undefined` when the tag does not exist (or, for `latest`, the key has no record).
 * @throws StoreError `RECORD_INVALID` for a damaged named-tag pointer.
 */
export async function resolveTagVersion(
  store: Store,
  key: string,
  tag: string,
): Promise<TagResolution | undefined> {
  const version = await readPointer(store, key, tag);
  if (version !== undefined) return { version, derived: false };
  if (tag !== LATEST_TAG) {
    if ((await store.stat(ArtifactLayout.tag(key, tag))) === undefined) return undefined;
    throw damagedTag(store, key, tag);
  }
  return deriveLatest(store, key);
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
