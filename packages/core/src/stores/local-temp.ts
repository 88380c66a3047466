import type { Dirent } from 'node:fs';
import { promises as fs } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { InvalidKeyError } from '../errors/invalid-key.error';
import type { TemporaryObject } from './store';
import { isMissing, storeFailure } from './store-errors';
import { TEMP_NAME_PREFIX, validateStorePath } from './store-path';

/** What scanning one folder found: whether nothing at all is in it, and its newest change. */
interface FolderScan {
  readonly empty: boolean;
  readonly newest: number;
}

/**
 * Lists the leftovers of interrupted writes under a `LocalStore` root: temporary files
 * (`.stowage-tmp-…`) and folders that hold no file at all (only the outermost such folder).
 *
 * @remarks
 * Symbolic links are never followed and count as content. The root itself is never reported.
 * A folder's `modifiedAt` is the newest modification time of it and the folders under it.
 */
export async function* listLocalTemporary(
  root: string,
  storeUrl: string,
): AsyncGenerator<TemporaryObject> {
  yield* scanFolder(root, '', storeUrl);
}

async function* scanFolder(
  root: string,
  rel: string,
  storeUrl: string,
): AsyncGenerator<TemporaryObject, FolderScan & { readonly item?: TemporaryObject }> {
  const full = rel === '' ? root : join(root, rel);
  let entries: Dirent[];
  let newest: number;
  try {
    entries = await fs.readdir(full, { withFileTypes: true });
    newest = (await fs.lstat(full)).mtimeMs;
  } catch (error) {
    // Removed while we looked (a concurrent delete): not a leftover of ours to report.
    if (isMissing(error)) return { empty: false, newest: 0 };
    throw storeFailure('list temporary files in', rel === '' ? '.' : rel, storeUrl, error);
  }
  let empty = true;
  const emptyChildren: TemporaryObject[] = [];
  for (const entry of entries) {
    const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      const child = yield* scanFolder(root, path, storeUrl);
      if (child.item !== undefined) emptyChildren.push(child.item);
      else empty = false;
      newest = Math.max(newest, child.newest);
      continue;
    }
    empty = false;
    if (entry.isFile() && entry.name.startsWith(TEMP_NAME_PREFIX)) {
      const stats = await fs.lstat(join(root, path)).catch(() => undefined);
      if (stats?.isFile() === true)
        yield { kind: 'temp-file', path, size: stats.size, modifiedAt: new Date(stats.mtimeMs) };
    }
  }
  if (empty && rel !== '') {
    const item: TemporaryObject = {
      kind: 'empty-folder',
      path: `${rel}/`,
      size: 0,
      modifiedAt: new Date(newest),
    };
    return { empty, newest, item };
  }
  yield* emptyChildren;
  return { empty, newest };
}

/**
 * Removes one leftover {@link listLocalTemporary} reported, then the folders it leaves empty.
 *
 * @remarks
 * A temporary file is removed only if it was not written since it was listed (same modification
 * time); a folder only with `rmdir`, bottom-up, so a file created in it meanwhile keeps it (and
 * its parents). Never follows symbolic links.
 * @returns `false` when the leftover was kept because it changed; `true` when it is gone.
 * @throws InvalidKeyError for a path that is not a leftover's; StoreError when removal fails.
 */
export async function deleteLocalTemporary(
  root: string,
  storeUrl: string,
  item: TemporaryObject,
): Promise<{ readonly removed: boolean; readonly dir: string }> {
  const full = join(root, checkedPath(item, storeUrl));
  if (item.kind === 'temp-file') {
    try {
      const stats = await fs.lstat(full);
      // Dates keep whole milliseconds; a later write moves the time by at least that much.
      if (!stats.isFile() || Math.abs(stats.mtimeMs - item.modifiedAt.getTime()) >= 1)
        return { removed: false, dir: dirname(full) };
      await fs.unlink(full);
    } catch (error) {
      if (!isMissing(error))
        throw storeFailure('delete temporary file', item.path, storeUrl, error);
    }
    await pruneEmptyParents(root, dirname(full));
    return { removed: true, dir: dirname(full) };
  }
  if (item.kind === 'empty-folder') {
    const removed = await removeEmptyTree(full).catch((error: unknown) => {
      throw storeFailure('delete empty folder', item.path, storeUrl, error);
    });
    if (removed) await pruneEmptyParents(root, dirname(full));
    return { removed, dir: full };
  }
  return { removed: false, dir: root };
}

/** The item's path, validated to stay inside the root and to name a leftover. */
function checkedPath(item: TemporaryObject, storeUrl: string): string {
  const path = item.kind === 'empty-folder' ? item.path.replace(/\/$/, '') : item.path;
  const cut = path.lastIndexOf('/');
  const name = path.slice(cut + 1);
  if (item.kind === 'temp-file') {
    if (!name.startsWith(TEMP_NAME_PREFIX) || /[\\\0]/.test(name))
      throw notALeftover(item.path, storeUrl);
    if (cut >= 0) validateStorePath(path.slice(0, cut), storeUrl);
  } else validateStorePath(path, storeUrl);
  return path;
}

function notALeftover(path: string, storeUrl: string): InvalidKeyError {
  return new InvalidKeyError(
    `"${path}" in store ${storeUrl} is not a temporary file: its name does not start with "${TEMP_NAME_PREFIX}".`,
    {
      details: { path, store: storeUrl },
      fix: 'Pass only what listTemporary() reported; delete objects with delete().',
    },
  );
}

/** Removes a folder holding only (empty) folders, bottom-up; `false` when something is in it. */
async function removeEmptyTree(dir: string): Promise<boolean> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (isMissing(error)) return true;
    throw error;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !(await removeEmptyTree(join(dir, entry.name)))) return false;
  }
  try {
    await fs.rmdir(dir);
    return true;
  } catch (error) {
    if (isMissing(error)) return true;
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') return false;
    throw error;
  }
}

/** `rmdir`s `dir` and its parents below `root` while they are empty. */
async function pruneEmptyParents(root: string, dir: string): Promise<void> {
  for (let d = dir; d.startsWith(root + sep); d = dirname(d)) {
    const gone = await fs.rmdir(d).then(
      () => true,
      () => false,
    );
    if (!gone) return;
  }
}
