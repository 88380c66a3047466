import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** An optional package needed for this operation is not installed. */
export class MissingDependencyError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'DEPENDENCY_MISSING';
}
