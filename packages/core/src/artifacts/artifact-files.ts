import type { Body, PutResult, Store } from '../stores/store';
import { ArtifactLayout } from './artifact-layout';
import { mapLimit } from './artifact-listing';

/** Files of one version written (or deleted) at the same time. */
const FILE_WRITES_IN_FLIGHT = 4;

/**
 * Writes the files of a new version, a few at a time; on any failure deletes those written.
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
    store.put(ArtifactLayout.file(key, version, name), body).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
  );
  const failed = settled.find((s) => !s.ok);
  if (failed === undefined) return settled.map((s) => (s as { value: PutResult }).value);
  await deleteVersionFiles(store, key, version).catch(() => undefined);
  throw (failed as { error: unknown }).error;
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
