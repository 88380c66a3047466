import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A log hint (string, object or builder) is malformed. */
export class LogHintError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'LOG_HINT_INVALID';
}
