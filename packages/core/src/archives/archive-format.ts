import { ArchiveError } from '../errors/archive.error';

/** The directory archive formats Stowage writes and reads. */
export const ARCHIVE_FORMATS = ['zip', 'tar', 'tar.gz'] as const;

/** One of {@link ARCHIVE_FORMATS}. */
export type ArchiveFormat = (typeof ARCHIVE_FORMATS)[number];

/**
 * The archive format named by `format`, or found from `fileName`'s extension (`.tgz` is tar.gz).
 *
 * @throws ArchiveError (`ARCHIVE_UNSUPPORTED_FORMAT`) when neither names a supported format.
 */
export function archiveFormatOf(format: unknown, fileName?: string): ArchiveFormat {
  if (typeof format === 'string' && (ARCHIVE_FORMATS as readonly string[]).includes(format))
    return format as ArchiveFormat;
  const name = (fileName ?? '').toLowerCase();
  if (format === undefined || format === null) {
    if (name.endsWith('.tar.gz') || name.endsWith('.tgz')) return 'tar.gz';
    if (name.endsWith('.tar')) return 'tar';
    if (name.endsWith('.zip')) return 'zip';
  }
  throw new ArchiveError(
    `The archive format of ${fileName ?? 'the input'} (${typeof format === 'string' ? format : 'none recorded'}) is not supported.`,
    {
      code: 'ARCHIVE_UNSUPPORTED_FORMAT',
      details: { format, fileName },
      fix: `Use one of: ${ARCHIVE_FORMATS.join(', ')}.`,
    },
  );
}
