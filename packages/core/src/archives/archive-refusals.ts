import { ArchiveError } from '../errors/archive.error';

/** A link entry (symbolic or hard), refused whatever it points to. @internal */
export function linkRefused(where: string, entry: string, linkTarget: string): ArchiveError {
  return new ArchiveError(
    `The archive ${where} has a link entry "${entry}" -> "${linkTarget}"; links are never extracted.`,
    {
      code: 'ARCHIVE_LINK_ENTRY',
      details: { where, entry, linkTarget },
      fix: 'Re-create the archive with links replaced by the files they point to (Stowage packs folders that way).',
    },
  );
}

/** A device, FIFO or other special entry. @internal */
export function specialRefused(where: string, entry: string, type: string): ArchiveError {
  return new ArchiveError(`The archive ${where} has a special entry "${entry}" (type ${type}).`, {
    code: 'ARCHIVE_ENTRY_ESCAPES',
    details: { where, entry, type },
    fix: 'Archives may hold only files and folders; re-create it from a plain folder.',
  });
}

/** Wraps what went wrong while reading or writing into an ArchiveError (kept as is if one). @internal */
export function extractionFailure(error: unknown, format: string, where: string): ArchiveError {
  if (error instanceof ArchiveError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
    return new ArchiveError(
      `Writing the files of the ${format} archive ${where} failed (${code}).`,
      {
        code: 'ARCHIVE_WRITE_FAILED',
        cause: error,
        details: { where, format, systemCode: code },
        fix: 'Check the free space and permissions of the temporary folder, then unpack again.',
      },
    );
  }
  return new ArchiveError(`The ${format} archive ${where} is corrupt or unreadable.`, {
    code: 'ARCHIVE_CORRUPT',
    cause: error,
    details: { where, format },
    fix: `The artifact is damaged or not a ${format} file; log the folder again.`,
  });
}
