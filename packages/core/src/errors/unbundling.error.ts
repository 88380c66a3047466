import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A collection output could not be split into one output per item. */
export class UnbundlingError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'UNBUNDLING_FAILED';
}
