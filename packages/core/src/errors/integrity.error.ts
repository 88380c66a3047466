import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** Stored bytes do not match their record (a hash or size mismatch): the artifact is corrupted or truncated. */
export class IntegrityError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'INTEGRITY_MISMATCH';
}
