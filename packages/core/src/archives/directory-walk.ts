import { lstat, readdir, realpath, stat } from 'node:fs/promises';
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
    for (const n of names) {
      const full = join(dir, n);
      const name = prefix === '' ? n : `${prefix}/${n}`;
      let info = await lstat(full);
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
        info = await stat(target);
        if (info.isDirectory()) continue;
        source = target;
      }
      if (info.isDirectory()) {
        out.push({ name, kind: 'dir', source, size: 0, mtime: info.mtime });
        await visit(full, name);
      } else if (info.isFile()) {
        out.push({ name, kind: 'file', source, size: info.size, mtime: info.mtime });
      }
    }
  };
  await visit(root, '');
  return out;
}
