import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** An archive is unsafe or unsupported (an entry escaping its folder, over a size or entry limit). */
export class ArchiveError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'ARCHIVE_INVALID';
}
