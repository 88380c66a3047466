import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Stats } from 'node:fs';
import { create, extract, type ReadEntry } from 'tar';
import { ArchiveError } from '../errors/archive.error';
import { LimitCounter, type ArchiveLimits } from './archive-limits';
import type { WalkEntry } from './directory-walk';
import { checkLinkTarget, safeEntryPath } from './safe-entry';

/** Streams a tar (or tar.gz) archive of the listed entries of `root`. */
export function tarEntries(
  root: string,
  entries: readonly WalkEntry[],
  gzip: boolean,
): AsyncIterable<Uint8Array> {
  const names = entries.map((e) => e.name);
  return create({ cwd: root, gzip, portable: true, follow: true, noDirRecurse: true }, names);
}

const ALLOWED = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link']);

/**
 * Extracts a tar or tar.gz stream into `target` (which must exist), refusing entries that escape
 * it (`..`, absolute paths, links pointing out), special files, and archives over the limits.
 *
 * @remarks
 * Once an entry is refused, every later entry is skipped without being written, and the error is
 * thrown when the stream ends (so no write is still in flight when the caller cleans up).
 *
 * @throws ArchiveError (`ARCHIVE_ENTRY_ESCAPES`, `ARCHIVE_TOO_MANY_ENTRIES`, `ARCHIVE_TOO_LARGE`,
 * `ARCHIVE_CORRUPT`) — the caller removes the partly extracted target.
 */
export async function untarStream(
  source: Readable,
  target: string,
  limits: ArchiveLimits,
  where: string,
): Promise<void> {
  const counter = new LimitCounter(limits, where);
  let failure: unknown;
  const check = (path: string, item: ReadEntry | Stats): boolean => {
    if (failure !== undefined) return false;
    const entry = item as ReadEntry;
    try {
      counter.entry();
      if (!ALLOWED.has(entry.type)) {
        throw new ArchiveError(
          `The archive ${where} has a special entry "${path}" (${entry.type}).`,
          {
            code: 'ARCHIVE_ENTRY_ESCAPES',
            details: { where, entry: path, type: entry.type },
            fix: 'Archives may hold only files, folders and links inside the folder.',
          },
        );
      }
      safeEntryPath(target, path, where);
      if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
        checkLinkTarget(target, path, entry.linkpath ?? '', where, entry.type === 'Link');
      }
      counter.add(entry.size ?? 0);
      return true;
    } catch (e) {
      failure = e;
      return false;
    }
  };
  const unpacker = extract({
    cwd: target,
    strict: true,
    filter: check,
    preservePaths: false,
    noMtime: true,
  });
  const closed = new Promise<void>((done) => unpacker.once('close', () => done()));
  try {
    await pipeline(source, unpacker);
  } catch (e) {
    failure ??= e;
    // Let writes already in flight finish before the caller removes the target.
    await Promise.race([closed, new Promise((done) => setTimeout(done, 1000).unref())]);
  }
  if (failure === undefined) return;
  if (failure instanceof ArchiveError) throw failure;
  throw new ArchiveError(`The tar archive ${where} is corrupt or unreadable.`, {
    code: 'ARCHIVE_CORRUPT',
    cause: failure,
    details: { where },
    fix: 'The artifact is damaged or not a tar file; log the folder again.',
  });
}
