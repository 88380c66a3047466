import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** An artifact key or store path is not allowed (traversal, absolute, NUL, backslash). */
export class InvalidKeyError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'KEY_INVALID';
}
