import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { ArchiveError } from '../errors/archive.error';
import { isInside } from './safe-entry';

/** One entry of a directory to archive. */
export interface WalkEntry {
  /** `/`-separated path relative to the root; folders end without a slash. */
  readonly name: string;
  readonly kind: 'file' | 'dir';
  /** Absolute path to read the content from (a symlink's resolved target). */
  readonly source: string;
  readonly size: number;
  readonly mtime: Date;
  /** Device and inode of the listed file, checked again when it is read. */
  readonly dev: number;
  readonly ino: number;
  /** Permission bits (the execute bits are kept). */
  readonly mode: number;
}

/**
 * Opens a listed file for reading without following a link, checking it is still the file that
 * was listed (a file swapped for a link to somewhere else after the walk is refused).
 *
 * @throws ArchiveError (`ARCHIVE_SYMLINK_ESCAPES`) when the path changed since the walk.
 */
export async function openWalked(entry: WalkEntry): Promise<AsyncIterable<Buffer>> {
  const fh = await open(entry.source, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(
    (e: unknown) => {
      throw sourceChanged(entry, e);
    },
  );
  const info = await fh.stat();
  if (info.ino !== entry.ino || info.dev !== entry.dev || !info.isFile()) {
    await fh.close();
    throw sourceChanged(entry);
  }
  return fh.createReadStream({ highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>;
}

/**
 * Reads a small listed file whole, with the checks of {@link openWalked}.
 *
 * @throws ArchiveError (`ARCHIVE_SOURCE_CHANGED`) when it changed since the walk.
 */
export async function readWalked(entry: WalkEntry): Promise<Buffer> {
  const fh = await open(entry.source, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0)).catch(
    (e: unknown) => {
      throw sourceChanged(entry, e);
    },
  );
  try {
    const info = await fh.stat();
    if (info.ino !== entry.ino || info.dev !== entry.dev || !info.isFile())
      throw sourceChanged(entry);
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

/** A listed file that is no longer what was listed. @internal */
export function sourceChanged(entry: WalkEntry, cause?: unknown): ArchiveError {
  return new ArchiveError(
    `The file "${entry.name}" changed (into a link, another file, or another size) while it was packed.`,
    {
      code: 'ARCHIVE_SOURCE_CHANGED',
      cause,
      details: { entry: entry.name, source: entry.source },
      fix: 'Do not modify a folder while Stowage packs it; pack it again once it is stable.',
    },
  );
}

/**
 * Lists a directory recursively, sorted by name so archives are reproducible.
 *
 * @remarks
 * A symlink to a file inside the root is stored as that file's content; a symlink to a folder
 * inside the root is skipped (its content is already archived); special files are skipped.
 * @throws ArchiveError (`ARCHIVE_SYMLINK_ESCAPES`) for a symlink that points outside the root.
 */
export async function walkDirectory(root: string): Promise<WalkEntry[]> {
  const realRoot = await realpath(root);
  const out: WalkEntry[] = [];
  const visit = async (dir: string, prefix: string): Promise<void> => {
    const names = (await readdir(dir)).sort();
    const infos = await lstatAll(names.map((n) => join(dir, n)));
    for (const [i, n] of names.entries()) {
      const full = join(dir, n);
      const name = prefix === '' ? n : `${prefix}/${n}`;
      let info = infos[i] as Stats;
      let source = full;
      if (info.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(full);
        } catch {
          continue;
        }
        if (!isInside(realRoot, target)) {
          throw new ArchiveError(
            `The folder ${root} holds a symlink "${name}" that points outside it.`,
            {
              code: 'ARCHIVE_SYMLINK_ESCAPES',
              details: { root, entry: name, target },
              fix: 'Replace the symlink by a copy of its target, or archive the target folder instead.',
            },
          );
        }
        info = await lstat(target);
        if (info.isDirectory()) continue;
        source = target;
      }
      if (info.isDirectory()) {
        out.push({
          name,
          kind: 'dir',
          source,
          size: 0,
          mtime: info.mtime,
          dev: info.dev,
          ino: info.ino,
          mode: info.mode,
        });
        await visit(full, name);
      } else if (info.isFile()) {
        const { size, mtime, dev, ino, mode } = info;
        out.push({ name, kind: 'file', source, size, mtime, dev, ino, mode });
      }
    }
  };
  await visit(root, '');
  return out;
}

/** How many `lstat` calls a walk keeps in flight: one round trip per file is what bounds it. */
const LSTAT_AHEAD = 32;

/** `lstat` of each path, in order, {@link LSTAT_AHEAD} at a time. */
async function lstatAll(paths: readonly string[]): Promise<Stats[]> {
  const out: Stats[] = [];
  for (let i = 0; i < paths.length; i += LSTAT_AHEAD)
    out.push(...(await Promise.all(paths.slice(i, i + LSTAT_AHEAD).map((p) => lstat(p)))));
  return out;
}
