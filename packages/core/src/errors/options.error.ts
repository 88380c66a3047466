import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** Packing options are unknown, of the wrong type, or outside their allowed values. */
export class OptionsError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'OPTIONS_INVALID';
}
