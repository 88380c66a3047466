import { isBufferBody, isVectoredBody } from '../stores/body';
import type { Body, PutOptions, PutResult, Store } from '../stores/store';
import { ArtifactLayout } from './artifact-layout';
import { BlobLayout, DEDUP_MIN_BYTES } from './blob-layout';
import { mapLimit } from './artifact-listing';

/** Files of one version written (or deleted) at the same time. */
const FILE_WRITES_IN_FLIGHT = 4;

/**
 * In-memory bodies up to this size are flushed by the commit instead of by their own put: for
 * them the fsync round trip costs more than the bytes. Larger bodies are flushed while they are
 * hashed (see `writeBodyToHandle`), which hides most of the flush.
 */
export const DEFERRED_SYNC_MAX_BYTES = 1024 * 1024;

/** `durable: false` for a small in-memory body (the commit flushes it, see {@link versionSyncPaths}). */
function stageOptions(body: Body): PutOptions {
  const size = isBufferBody(body)
    ? body.byteLength
    : isVectoredBody(body)
      ? body.reduce((n, b) => n + b.byteLength, 0)
      : Infinity;
  return size <= DEFERRED_SYNC_MAX_BYTES ? { durable: false } : {};
}

/**
 * Writes the files of a new version, a few at a time; on any failure deletes those written.
 *
 * @remarks
 * Small in-memory bodies (up to {@link DEFERRED_SYNC_MAX_BYTES}) are written atomically but not
 * fsynced: nothing reads a version before its record, and the commit fsyncs them and their folders
 * together with the record's bytes, before the record appears (see {@link versionSyncPaths}).
 *
 * @returns each write's size and sha256, in the order of `writes`.
 * @throws the first write's error (a StoreError from the store) after the cleanup.
 */
export async function writeVersionFiles(
  store: Store,
  key: string,
  version: string,
  writes: readonly (readonly [string, Body])[],
): Promise<PutResult[]> {
  const settled = await mapLimit(writes, FILE_WRITES_IN_FLIGHT, ([name, body]) =>
    store.put(ArtifactLayout.file(key, version, name), body, stageOptions(body)).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
  );
  const failed = settled.find((s) => !s.ok);
  if (failed === undefined) return settled.map((s) => (s as { value: PutResult }).value);
  await deleteVersionFiles(store, key, version).catch(() => undefined);
  throw (failed as { error: unknown }).error;
}

/**
 * Moves the files of a staged version that are at least `minBytes` (default
 * {@link DEDUP_MIN_BYTES}) into their
 * content-addressed blobs (`blobs/sha256/…`), replacing a blob with the same bytes if there is one.
 *
 * @remarks
 * Replacing instead of skipping an existing blob makes its modification time fresh, so garbage
 * collection (which spares blobs younger than its grace period) cannot remove it between now and
 * the commit that names it. On failure, every file of the version still there is deleted (blobs
 * already moved are left for `stowage gc`: another version may share them).
 * @returns the names of the files moved, in the order of `names`.
 */
export async function moveToBlobs(
  store: Store & Required<Pick<Store, 'move'>>,
  key: string,
  version: string,
  names: readonly string[],
  results: readonly PutResult[],
  minBytes = DEDUP_MIN_BYTES,
): Promise<string[]> {
  const moving = names.flatMap((name, i) => {
    const result = results[i];
    return result !== undefined && result.size >= minBytes ? [[name, result] as const] : [];
  });
  try {
    await mapLimit(moving, FILE_WRITES_IN_FLIGHT, ([name, { sha256 }]) =>
      store.move(ArtifactLayout.file(key, version, name), BlobLayout.blob(sha256)),
    );
  } catch (error) {
    await deleteVersionFiles(store, key, version).catch(() => undefined);
    throw error;
  }
  return moving.map(([name]) => name);
}

/** Deletes every file stored under one version of a key. */
export async function deleteVersionFiles(
  store: Store,
  key: string,
  version: string,
): Promise<void> {
  const paths: string[] = [];
  for await (const { path } of store.list(ArtifactLayout.versionPrefix(key, version)))
    paths.push(path);
  await mapLimit(paths, FILE_WRITES_IN_FLIGHT, (path) => store.delete(path));
}

/**
 * What a commit must flush before its record appears: every file of the version and every folder
 * holding them (store paths: the version's folder, and subfolders of names that have a `/`).
 */
export function versionSyncPaths(key: string, version: string, names: readonly string[]): string[] {
  const paths = new Set<string>();
  for (const name of names) {
    const path = ArtifactLayout.file(key, version, name);
    paths.add(path);
    paths.add(path.slice(0, path.lastIndexOf('/')));
  }
  return [...paths];
}
