import { createHash } from 'node:crypto';
import { StoreError } from '../errors/store.error';
import { filledChunks, isLateChunks } from '../late-chunks';
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

/** Bytes of an in-memory body (a buffer or a list of buffers); `undefined` for streams and files. */
function inMemorySize(body: Body): number | undefined {
  if (isBufferBody(body)) return body.byteLength;
  if (isVectoredBody(body)) return body.reduce((n, b) => n + b.byteLength, 0);
  if (isLateChunks(body)) return body.chunks.reduce((n, b) => n + b.byteLength, 0);
  return undefined;
}

/**
 * The body to hand to `store`: a {@link LateChunks} body as is to a store whose `put` takes it
 * (`putLateChunks`: it writes the chunks known at once while the late ones are computed), else
 * filled first and given as a list of buffers, so every other store (and a direct blob put) gets
 * what it always got.
 */
async function bodyFor(store: Store, body: Body, direct: boolean): Promise<Body> {
  const asIs = !isLateChunks(body) || (!direct && store.putLateChunks === true);
  return asIs ? body : filledChunks(body);
}

/**
 * `durable: false` for a small in-memory body (the commit flushes it, see
 * {@link versionSyncPaths}); `flushFolder: false` for a bigger one that will be moved to its blob
 * (the move flushes the blob's folder).
 */
function stageOptions(body: Body, moveMinBytes: number): PutOptions {
  const size = inMemorySize(body) ?? Infinity;
  if (size <= DEFERRED_SYNC_MAX_BYTES) return { durable: false };
  return size !== Infinity && size >= moveMinBytes ? { flushFolder: false } : {};
}

/**
 * Puts an in-memory file straight at its blob path: hashed first, then written once (replacing a
 * blob with the same bytes, which makes its modification time fresh, as a move does).
 *
 * @remarks
 * For stores whose `move` copies (S3), where writing to the version folder then moving would send
 * the bytes twice. The store hashes them again while they pass; if the two hashes differ (the
 * buffers changed while they were written) the blob is deleted and the write fails.
 * @throws StoreError (`STORE_FAILED`) when the bytes changed while they were written.
 */
async function putBlobDirect(
  store: Store,
  key: string,
  name: string,
  body: Uint8Array | readonly Uint8Array[],
): Promise<PutResult> {
  const hash = createHash('sha256');
  for (const chunk of isBufferBody(body) ? [body] : body) hash.update(chunk);
  const sha256 = hash.digest('hex');
  const path = BlobLayout.blob(sha256);
  const result = await store.put(path, body);
  if (result.sha256 === sha256) return result;
  await store.delete(path).catch(() => undefined);
  throw new StoreError(
    `The bytes of file "${name}" of "${key}" changed while they were written to ${store.url}; nothing was kept.`,
    {
      details: { key, file: name, path, expected: sha256, written: result.sha256 },
      fix: 'Do not modify a buffer or typed array until the call that packs it has returned, then log it again.',
    },
  );
}

/** How {@link writeVersionFiles} treats files that will be stored as blobs. */
export interface BlobWrites {
  /** Files at least this large become blobs. */
  readonly minBytes: number;
  /** Put big in-memory files straight at their blob path (stores whose `move` copies). */
  readonly direct: boolean;
}

/** What {@link writeVersionFiles} wrote: each file's size and sha256, and which went to blobs. */
export interface WrittenFiles {
  /** Each write's size and sha256, in the order of the writes. */
  readonly results: PutResult[];
  /** Names of the files put straight at their blob path (see `direct` of {@link writeVersionFiles}). */
  readonly direct: string[];
}

/**
 * Writes the files of a new version, a few at a time; on any failure deletes those written.
 *
 * @remarks
 * Small in-memory bodies (up to {@link DEFERRED_SYNC_MAX_BYTES}) are written atomically but not
 * fsynced: nothing reads a version before its record, and the commit fsyncs them and their folders
 * together with the record's bytes, before the record appears (see {@link versionSyncPaths}).
 * With `blobs`, in-memory bodies of at least `blobs.minBytes` are either written without flushing
 * their folder (they are moved to their blob next, see {@link moveToBlobs}) or, with
 * `blobs.direct`, hashed first and put straight at their blob path (for stores whose `move`
 * copies the bytes, so they travel once).
 *
 * @throws the first write's error (a StoreError from the store) after the cleanup.
 */
export async function writeVersionFiles(
  store: Store,
  key: string,
  version: string,
  writes: readonly (readonly [string, Body])[],
  blobs?: BlobWrites,
): Promise<WrittenFiles> {
  const direct: string[] = [];
  const minBytes = blobs?.minBytes ?? Infinity;
  const settled = await mapLimit(writes, FILE_WRITES_IN_FLIGHT, ([name, body]) => {
    const toBlob = blobs?.direct === true && (inMemorySize(body) ?? -1) >= minBytes;
    if (toBlob) direct.push(name);
    const put = bodyFor(store, body, toBlob).then((ready) =>
      toBlob
        ? putBlobDirect(store, key, name, ready as Uint8Array | readonly Uint8Array[])
        : store.put(ArtifactLayout.file(key, version, name), ready, stageOptions(body, minBytes)),
    );
    return put.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  });
  const failed = settled.find((s) => !s.ok);
  if (failed === undefined)
    return { results: settled.map((s) => (s as { value: PutResult }).value), direct };
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
 * already moved are left for `stowage gc`: another version may share them). Files named in
 * `already` (put at their blob path by {@link writeVersionFiles}) are not moved but listed.
 * @returns the names of the files stored as blobs, in the order of `names`.
 */
export async function moveToBlobs(
  store: Store & Required<Pick<Store, 'move'>>,
  key: string,
  version: string,
  names: readonly string[],
  results: readonly PutResult[],
  minBytes = DEDUP_MIN_BYTES,
  already: readonly string[] = [],
): Promise<string[]> {
  const moving = names.flatMap((name, i) => {
    const result = results[i];
    return result !== undefined && result.size >= minBytes && !already.includes(name)
      ? [[name, result] as const]
      : [];
  });
  try {
    await mapLimit(moving, FILE_WRITES_IN_FLIGHT, ([name, { sha256 }]) =>
      store.move(ArtifactLayout.file(key, version, name), BlobLayout.blob(sha256)),
    );
  } catch (error) {
    await deleteVersionFiles(store, key, version).catch(() => undefined);
    throw error;
  }
  return names.filter((name) => already.includes(name) || moving.some(([n]) => n === name));
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
