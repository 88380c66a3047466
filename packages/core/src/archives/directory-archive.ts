import type { Readable } from 'node:stream';
import { archiveLimits, LimitCounter, type ArchiveLimits } from './archive-limits';
import type { ArchiveFormat } from './archive-format';
import { extractionFailure } from './archive-refusals';
import { walkDirectory } from './directory-walk';
import { intoFreshFolder } from './extract-target';
import { tarEntries } from './tar.archive';
import { untarInto } from './tar-extract';
import { checkZipFits, zipEntries } from './zip.archive';
import { unzipInto } from './zip-extract';

/** What {@link archiveDirectory} produces: the archive stream and facts about the folder. */
export interface DirectoryArchive {
  /** The archive bytes, produced while they are read (a streaming `Body`). */
  readonly body: AsyncIterable<Uint8Array>;
  readonly entryCount: number;
  /** Sum of the file sizes before compression. */
  readonly totalBytes: number;
}

/** Options of {@link archiveDirectory} and {@link extractArchive}. */
export interface ArchiveOptions {
  /** Limits to apply (default: the `STOWAGE_ARCHIVE_*` variables, else the defaults). */
  readonly limits?: Partial<ArchiveLimits>;
  /** How the archive is named in errors (default: the folder or target path). */
  readonly where?: string;
}

/**
 * Archives a folder as a stream in `format` (zip, tar or tar.gz) without staging it on disk.
 *
 * @remarks
 * The folder must unpack under the same limits: one over `maxEntries` or `maxBytes` is refused
 * here, and the stream fails if the archive compresses more than the ratio limit allows.
 * Symlinks are stored as the files they point to (see `walkDirectory`).
 * @throws ArchiveError (`ARCHIVE_SYMLINK_ESCAPES`) for a symlink pointing outside the folder;
 * (`ARCHIVE_TOO_MANY_ENTRIES`, `ARCHIVE_TOO_LARGE`, `ARCHIVE_ZIP_TOO_LARGE`) for a folder over
 * the limits; the body fails with `ARCHIVE_RATIO_TOO_HIGH` or `ARCHIVE_SYMLINK_ESCAPES` (a file
 * swapped for a link while packing).
 */
export async function archiveDirectory(
  root: string,
  format: ArchiveFormat,
  options: ArchiveOptions = {},
): Promise<DirectoryArchive> {
  const counter = new LimitCounter(archiveLimits(options.limits), options.where ?? root);
  const entries = await walkDirectory(root);
  const totalBytes = entries.reduce((s, e) => s + e.size, 0);
  for (const _ of entries) counter.entry();
  counter.checkBytes(totalBytes);
  if (format === 'zip') checkZipFits(root, entries, totalBytes);
  const body =
    format === 'zip'
      ? zipEntries(entries, counter)
      : tarEntries(entries, format === 'tar.gz', counter);
  return { body, entryCount: entries.length, totalBytes };
}

/**
 * Extracts an archive stream into `target`, which must not exist (or be an empty folder).
 *
 * @remarks
 * The archive is extracted into a private folder beside `target` and renamed to it only once
 * complete: a refused or corrupt archive leaves nothing behind. Only files and folders are
 * created (links and special entries are refused), never through an existing path, and the
 * limits are enforced while extracting.
 * @throws ArchiveError (`ARCHIVE_ENTRY_ESCAPES`, `ARCHIVE_LINK_ENTRY`, `ARCHIVE_DUPLICATE_ENTRY`,
 * `ARCHIVE_TOO_MANY_ENTRIES`, `ARCHIVE_TOO_LARGE`, `ARCHIVE_RATIO_TOO_HIGH`, `ARCHIVE_CORRUPT`,
 * `ARCHIVE_WRITE_FAILED`, `ARCHIVE_TARGET_EXISTS`).
 */
export async function extractArchive(
  source: Readable,
  target: string,
  format: ArchiveFormat,
  options: ArchiveOptions = {},
): Promise<void> {
  const where = options.where ?? target;
  const counter = new LimitCounter(archiveLimits(options.limits), where);
  try {
    await intoFreshFolder(target, (root, scratch) =>
      format === 'zip'
        ? unzipInto(source, root, scratch, counter, where)
        : untarInto(source, root, format === 'tar.gz', counter, where),
    );
  } catch (e) {
    throw extractionFailure(e, format, where);
  } finally {
    source.destroy();
  }
}
