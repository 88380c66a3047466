import { createReadStream, closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { Unzip, UnzipInflate, Zip, ZipDeflate, ZipPassThrough, type UnzipFile } from 'fflate';
import { ArchiveError } from '../errors/archive.error';
import { LimitCounter, type ArchiveLimits } from './archive-limits';
import type { WalkEntry } from './directory-walk';
import { safeEntryPath } from './safe-entry';

/**
 * Streams a zip archive of the listed entries (deflated), reading one file chunk at a time.
 *
 * @remarks
 * The output is produced as the files are read, so memory stays bounded by a chunk and fflate's
 * window, whatever the folder's size.
 */
export async function* zipEntries(entries: readonly WalkEntry[]): AsyncGenerator<Uint8Array> {
  const pending: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((err, chunk) => {
    if (err !== null) failure = err;
    else pending.push(chunk);
  });
  const drain = function* (): Generator<Uint8Array> {
    if (failure !== undefined) throw failure;
    while (pending.length > 0) yield pending.shift() as Uint8Array;
  };
  for (const entry of entries) {
    if (entry.kind === 'dir') {
      const dir = new ZipPassThrough(`${entry.name}/`);
      dir.mtime = entry.mtime;
      zip.add(dir);
      dir.push(new Uint8Array(0), true);
      continue;
    }
    const file = new ZipDeflate(entry.name, { level: 6 });
    file.mtime = entry.mtime;
    zip.add(file);
    for await (const chunk of createReadStream(entry.source) as AsyncIterable<Buffer>) {
      file.push(chunk, false);
      yield* drain();
    }
    file.push(new Uint8Array(0), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}

/**
 * Extracts a zip stream into `target` (which must exist), refusing unsafe entries and archives
 * over the limits; file data is written as it is inflated.
 *
 * @throws ArchiveError (`ARCHIVE_ENTRY_ESCAPES`, `ARCHIVE_TOO_MANY_ENTRIES`, `ARCHIVE_TOO_LARGE`,
 * `ARCHIVE_CORRUPT`) — the caller removes the partly extracted target.
 */
export async function unzipStream(
  source: Readable,
  target: string,
  limits: ArchiveLimits,
  where: string,
): Promise<void> {
  const counter = new LimitCounter(limits, where);
  let failure: unknown;
  const open = new Set<number>();
  const unzip = new Unzip((file: UnzipFile) => {
    try {
      counter.entry();
      const path = safeEntryPath(target, file.name, where);
      if (file.name.endsWith('/')) {
        mkdirSync(path, { recursive: true });
        return;
      }
      mkdirSync(dirname(path), { recursive: true });
      const fd = openSync(path, 'wx');
      open.add(fd);
      file.ondata = (err, chunk, final) => {
        if (failure !== undefined) return;
        try {
          if (err !== null) throw err;
          counter.add(chunk.length);
          writeSync(fd, chunk);
          if (final) {
            open.delete(fd);
            closeSync(fd);
          }
        } catch (e) {
          failure ??= e;
        }
      };
      file.start();
    } catch (e) {
      failure ??= e;
    }
  });
  unzip.register(UnzipInflate);
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      unzip.push(chunk, false);
      if (failure !== undefined) break;
    }
    if (failure === undefined) unzip.push(new Uint8Array(0), true);
  } catch (e) {
    failure ??= e;
  } finally {
    source.destroy();
    for (const fd of open) closeSync(fd);
  }
  if (failure === undefined && open.size > 0) failure = new Error('the archive ends inside a file');
  if (failure === undefined) return;
  if (failure instanceof ArchiveError) throw failure;
  throw new ArchiveError(`The zip archive ${where} is corrupt or unreadable.`, {
    code: 'ARCHIVE_CORRUPT',
    cause: failure,
    details: { where },
    fix: 'The artifact is damaged or not a zip file; log the folder again.',
  });
}
