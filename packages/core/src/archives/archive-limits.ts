import { ArchiveError } from '../errors/archive.error';

/** Limits that protect extraction from archive bombs. */
export interface ArchiveLimits {
  /** Most entries (files, folders, links) an archive may hold. Default 100,000. */
  readonly maxEntries: number;
  /** Most bytes the extracted files may take in total. Default 16 GiB. */
  readonly maxBytes: number;
}

/** The default {@link ArchiveLimits}. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = Object.freeze({
  maxEntries: 100_000,
  maxBytes: 16 * 1024 ** 3,
});

/** Counts entries and bytes against the limits while extracting. @internal */
export class LimitCounter {
  private entries = 0;
  private bytes = 0;

  constructor(
    private readonly limits: ArchiveLimits,
    private readonly where: string,
  ) {}

  /** Counts one more entry. @throws ArchiveError (`ARCHIVE_TOO_MANY_ENTRIES`). */
  entry(): void {
    if (++this.entries > this.limits.maxEntries) {
      throw new ArchiveError(
        `The archive ${this.where} has more than ${this.limits.maxEntries} entries.`,
        {
          code: 'ARCHIVE_TOO_MANY_ENTRIES',
          details: { where: this.where, maxEntries: this.limits.maxEntries },
          fix: 'Raise archiveLimits.maxEntries if the archive is trusted, or split the directory.',
        },
      );
    }
  }

  /** Counts extracted bytes. @throws ArchiveError (`ARCHIVE_TOO_LARGE`). */
  add(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.limits.maxBytes) {
      throw new ArchiveError(
        `The archive ${this.where} expands to more than ${this.limits.maxBytes} bytes.`,
        {
          code: 'ARCHIVE_TOO_LARGE',
          details: { where: this.where, maxBytes: this.limits.maxBytes },
          fix: 'Raise archiveLimits.maxBytes if the archive is trusted.',
        },
      );
    }
  }
}
