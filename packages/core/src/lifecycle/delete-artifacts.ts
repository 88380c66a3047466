import { ArtifactLayout, LATEST_TAG } from '../artifacts/artifact-layout';
import { listArtifactVersions } from '../artifacts/artifact-listing';
import { validateArtifactKey, validateVersion } from '../artifacts/artifact-names';
import { appendTagMove, defaultActor, TagHistoryLayout } from '../artifacts/tag-history';
import { artifactIndex, deletedVersionEntry } from '../listing/artifact-index';
import { LifecycleError } from '../errors/lifecycle.error';
import { NotFoundError } from '../errors/not-found.error';
import type { Store } from '../stores/store';
import { listTags } from './tag-operations';
import { describeProtections, protectionsOf, readRunInputs } from './version-protection';
import type { Protection, RunReads } from './version-protection';

/** Options of {@link deleteVersion} and {@link deleteKey}. */
export interface DeleteOptions {
  /**
   * Delete even what a tag names or a kept run read (default `false`). Tags that named a deleted
   * version are removed (the removal is kept in their history).
   */
  readonly force?: boolean;
  /** Who deletes, kept in the history of the tags `force` removes (default `user@host`). */
  readonly by?: string;
  /** @internal The run inputs index, when the caller already built it (retention). */
  readonly runs?: RunReads;
}

/** What a delete removed. */
export interface DeleteResult {
  readonly key: string;
  /** The versions whose record was deleted. */
  readonly versions: readonly string[];
  /** Objects removed: records, bytes, tags. */
  readonly objects: number;
  /** Bytes of the removed objects. */
  readonly bytes: number;
  /** Tags that `force` removed because they named a deleted version. */
  readonly removedTags: readonly string[];
}

function protectedError(
  key: string,
  version: string,
  protections: readonly Protection[],
): LifecycleError {
  const tag = protections.find((p) => p.kind === 'tag');
  const move =
    tag === undefined ? '' : `move or remove the tag (\`stowage tag ${key} ${tag.tag} --rm\`), `;
  return new LifecycleError(
    `Version ${version} of "${key}" is protected by ${describeProtections(protections)}; nothing was deleted.`,
    {
      code: 'LIFECYCLE_VERSION_PROTECTED',
      details: { key, version, protections },
      fix: `To delete it anyway, ${move}or pass --force (force: true); a run that read it will no longer be reproducible.`,
    },
  );
}

async function removeTree(store: Store, prefix: string): Promise<{ n: number; bytes: number }> {
  let n = 0;
  let bytes = 0;
  for await (const { path, size } of store.list(prefix)) {
    await store.delete(path);
    n++;
    bytes += size;
  }
  return { n, bytes };
}

/**
 * Deletes one version of an artifact: its record first, then its bytes.
 *
 * @remarks
 * Once the record is gone no reader can find the version, so a reader never sees a record
 * without its bytes; a crash between the two steps leaves only bytes no record names, which
 * `stowage gc` collects after its grace period (or run the same delete again). Without `force`,
 * a version that a named tag points at or that a kept run read as `store://key@version` is
 * refused. If a tag is moved onto the version while it is being deleted, the record is put
 * back and `LIFECYCLE_DELETE_CONFLICT` is thrown.
 * @throws LifecycleError (`LIFECYCLE_VERSION_PROTECTED`, `LIFECYCLE_DELETE_CONFLICT`);
 * NotFoundError when the version has neither record nor bytes.
 */
export async function deleteVersion(
  store: Store,
  key: string,
  version: string,
  options: DeleteOptions = {},
): Promise<DeleteResult> {
  validateArtifactKey(key);
  validateVersion(version);
  const recordPath = ArtifactLayout.record(key, version);
  let record: Buffer;
  try {
    record = await store.get(recordPath);
  } catch (error) {
    if (!NotFoundError.is(error)) throw error;
    throw new NotFoundError(`Artifact "${key}" has no version ${version} in ${store.url}.`, {
      details: { key, version, store: store.url },
      fix: `List the versions with \`stowage artifacts list --key ${key}\`. Bytes an interrupted delete left behind are collected by \`stowage gc --yes\`.`,
      cause: error,
    });
  }
  const runs = options.runs ?? (await readRunInputs(store));
  const protections = (await protectionsOf(store, key, runs)).get(version) ?? [];
  if (protections.length > 0 && options.force !== true)
    throw protectedError(key, version, protections);
  await store.delete(recordPath);
  const tagged = (await listTags(store, key)).filter((t) => t.version === version);
  if (tagged.length > 0 && options.force !== true) {
    await store.put(recordPath, record);
    throw new LifecycleError(
      `Tag ${tagged.map((t) => `"${t.tag}"`).join(', ')} was moved onto version ${version} of "${key}" while it was being deleted; the version was kept.`,
      {
        code: 'LIFECYCLE_DELETE_CONFLICT',
        details: { key, version, tags: tagged.map((t) => t.tag) },
        fix: 'Decide which should win: remove the tag and delete again, or keep the version.',
      },
    );
  }
  const removedTags: string[] = [];
  for (const { tag } of tagged) {
    await appendTagMove(store, key, tag, null, options.by ?? defaultActor());
    removedTags.push(tag);
  }
  await artifactIndex(store).append([deletedVersionEntry(key, version)]);
  const removed = await removeTree(store, ArtifactLayout.versionPrefix(key, version));
  return {
    key,
    versions: [version],
    objects: removed.n + 1,
    bytes: removed.bytes + record.length,
    removedTags,
  };
}

/**
 * Deletes every version of an artifact key, then its tags and their history.
 *
 * @remarks
 * All versions are checked first: without `force`, one protected version refuses the whole
 * delete and nothing is removed. Records go first (the key disappears from listings), then the
 * tags, then the bytes of those versions. Bytes of a version staged while the key is deleted
 * are left alone (its writer may still commit it); bytes an interrupted delete leaves are
 * collected by `stowage gc`.
 * @throws LifecycleError (`LIFECYCLE_VERSION_PROTECTED`); NotFoundError when nothing of the key
 * is stored.
 */
export async function deleteKey(
  store: Store,
  key: string,
  options: DeleteOptions = {},
): Promise<DeleteResult> {
  validateArtifactKey(key);
  const versions = await listArtifactVersions(store, key);
  const runs = options.runs ?? (await readRunInputs(store));
  if (options.force !== true) {
    const protections = await protectionsOf(store, key, runs);
    for (const version of versions) {
      const found = protections.get(version);
      if (found !== undefined) throw protectedError(key, version, found);
    }
  }
  let objects = 0;
  let bytes = 0;
  const tags = (await listTags(store, key)).map((t) => t.tag);
  for (const version of versions) {
    const stat = await store.stat(ArtifactLayout.record(key, version));
    await store.delete(ArtifactLayout.record(key, version));
    objects++;
    bytes += stat?.size ?? 0;
  }
  await artifactIndex(store).append(versions.map((v) => deletedVersionEntry(key, v)));
  // Only the bytes of the versions found: a version staged meanwhile may still be committed.
  for (const prefix of [
    ArtifactLayout.tagPrefix(key),
    TagHistoryLayout.keyPrefix(key),
    ...versions.map((v) => ArtifactLayout.versionPrefix(key, v)),
  ]) {
    const removed = await removeTree(store, prefix);
    objects += removed.n;
    bytes += removed.bytes;
  }
  if (objects === 0) {
    throw new NotFoundError(`Artifact "${key}" is not in ${store.url}.`, {
      details: { key, store: store.url },
      fix: 'List the keys with `stowage artifacts list`; nothing was deleted.',
    });
  }
  return { key, versions, objects, bytes, removedTags: tags.filter((t) => t !== LATEST_TAG) };
}
