import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A data item could not be unpacked into the requested type. */
export class UnpackingError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'UNPACKING_FAILED';
}
