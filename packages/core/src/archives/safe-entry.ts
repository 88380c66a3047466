import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { ArchiveError } from '../errors/archive.error';

function escapes(where: string, entry: string, why: string): ArchiveError {
  return new ArchiveError(`The archive ${where} has an entry "${entry}" that ${why}.`, {
    code: 'ARCHIVE_ENTRY_ESCAPES',
    details: { where, entry },
    fix: 'The archive is unsafe (or corrupt); it was not extracted. Re-create it from a plain directory.',
  });
}

/** Whether `child` is `root` or inside it (both absolute). @internal */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The absolute path an archive entry extracts to, checked to stay inside `target`.
 *
 * @throws ArchiveError (`ARCHIVE_ENTRY_ESCAPES`) for absolute names, drive letters, backslashes,
 * NUL, or `..` segments that leave the target.
 */
export function safeEntryPath(target: string, entry: string, where: string): string {
  if (entry.includes('\0') || entry.includes('\\'))
    throw escapes(where, entry, 'has a NUL or backslash');
  if (entry.startsWith('/') || /^[A-Za-z]:/.test(entry))
    throw escapes(where, entry, 'is an absolute path');
  const normal = posix.normalize(entry);
  if (normal === '..' || normal.startsWith('../'))
    throw escapes(where, entry, 'points outside the target folder');
  const full = resolve(target, normal);
  if (!isInside(target, full)) throw escapes(where, entry, 'points outside the target folder');
  return full;
}
