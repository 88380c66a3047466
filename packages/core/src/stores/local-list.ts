import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { ObjectStat } from './store';
import { isMissing, storeFailure } from './store-errors';
import { TEMP_NAME_PREFIX } from './store-path';

/** True when a directory at `rel` may hold objects whose path starts with `prefix`. */
function mayMatch(rel: string, prefix: string): boolean {
  const asDir = `${rel}/`;
  return asDir.startsWith(prefix) || prefix.startsWith(asDir);
}

/**
 * Lists the files under `root` whose relative `/`-path starts with `prefix`.
 *
 * @remarks
 * Walks only the directories that can match, skips temporary files, and stats each match.
 * Symbolic links are neither listed nor followed (entries are typed without following them, and
 * files are stat'ed with `lstat`); `check` runs first, to vet the folder the walk starts in.
 * Files whose path sorts at or before `startAfter` are skipped before being stat'ed.
 */
export async function* listLocalObjects(
  root: string,
  prefix: string,
  storeUrl: string,
  check: () => Promise<void> = async () => undefined,
  startAfter?: string,
): AsyncGenerator<ObjectStat> {
  await check();
  const cut = prefix.lastIndexOf('/');
  const start = cut < 0 ? '' : prefix.slice(0, cut);
  const pending = [start];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    let entries;
    try {
      entries = await fs.readdir(rel === '' ? root : join(root, rel), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) continue;
      throw storeFailure('list', rel, storeUrl, error);
    }
    for (const entry of entries) {
      if (entry.name.startsWith(TEMP_NAME_PREFIX)) continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (mayMatch(path, prefix)) pending.push(path);
      } else if (
        entry.isFile() &&
        path.startsWith(prefix) &&
        (startAfter === undefined || path > startAfter)
      ) {
        try {
          const stats = await fs.lstat(join(root, path));
          if (!stats.isFile()) continue;
          yield { path, size: stats.size, modifiedAt: new Date(stats.mtimeMs) };
        } catch (error) {
          if (!isMissing(error)) throw storeFailure('list', path, storeUrl, error);
        }
      }
    }
  }
}

/**
 * Deletes temporary files left under `root` by writers that died, if older than `olderThanMs`.
 *
 * @returns the relative paths removed.
 */
export async function sweepLocalTempFiles(
  root: string,
  olderThanMs: number,
  now = Date.now(),
): Promise<string[]> {
  const removed: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    const entries = await fs.readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.name.startsWith(TEMP_NAME_PREFIX)) {
        const stats = await fs.lstat(join(root, path)).catch(() => undefined);
        if (stats !== undefined && now - stats.mtimeMs >= olderThanMs) {
          await fs.unlink(join(root, path)).catch(() => undefined);
          removed.push(path);
        }
      }
    }
  }
  return removed;
}
