import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A store operation failed (I/O, permissions, an unreachable endpoint). */
export class StoreError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'STORE_FAILED';
}
