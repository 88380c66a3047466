import { mkdir, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits';
import type { ArchiveFormat } from './archive-format';
import { walkDirectory } from './directory-walk';
import { tarEntries, untarStream } from './tar.archive';
import { unzipStream, zipEntries } from './zip.archive';

/** What {@link archiveDirectory} produces: the archive stream and facts about the folder. */
export interface DirectoryArchive {
  /** The archive bytes, produced while they are read (a streaming `Body`). */
  readonly body: AsyncIterable<Uint8Array>;
  readonly entryCount: number;
  /** Sum of the file sizes before compression. */
  readonly totalBytes: number;
}

/**
 * Archives a folder as a stream in `format` (zip, tar or tar.gz) without staging it on disk.
 *
 * @throws ArchiveError (`ARCHIVE_SYMLINK_ESCAPES`) for a symlink pointing outside the folder.
 */
export async function archiveDirectory(
  root: string,
  format: ArchiveFormat,
): Promise<DirectoryArchive> {
  const entries = await walkDirectory(root);
  const body =
    format === 'zip' ? zipEntries(entries) : tarEntries(root, entries, format === 'tar.gz');
  return { body, entryCount: entries.length, totalBytes: entries.reduce((s, e) => s + e.size, 0) };
}

/**
 * Extracts an archive stream into `target`, creating it; on any failure the partly extracted
 * folder is removed before the error is thrown.
 *
 * @throws ArchiveError for unsafe entries, archives over `limits`, or corrupt data.
 */
export async function extractArchive(
  source: Readable,
  target: string,
  format: ArchiveFormat,
  options: { readonly limits?: ArchiveLimits; readonly where?: string } = {},
): Promise<void> {
  const limits = options.limits ?? DEFAULT_ARCHIVE_LIMITS;
  const where = options.where ?? target;
  await mkdir(target, { recursive: true });
  try {
    if (format === 'zip') await unzipStream(source, target, limits, where);
    else await untarStream(source, target, limits, where);
  } catch (e) {
    await rm(target, { recursive: true, force: true, maxRetries: 3 });
    throw e;
  }
}
