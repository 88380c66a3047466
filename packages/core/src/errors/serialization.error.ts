import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** The object fallback could not encode or safely decode a value. */
export class SerializationError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'SERIALIZATION_FAILED';
}
