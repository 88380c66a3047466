import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A tag, delete or retention operation on a store failed or was refused (see `docs/store-lifecycle.md`). */
export class LifecycleError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'LIFECYCLE_FAILED';
}
