import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** An artifact, version, tag, run or store object does not exist. */
export class NotFoundError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'NOT_FOUND';
}
