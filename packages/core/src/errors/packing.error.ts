import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A value could not be packed into an artifact or result. */
export class PackingError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'PACKING_FAILED';
}
