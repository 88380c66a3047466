import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A collection of inputs could not be bundled into the hinted collection type. */
export class BundlingError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'BUNDLING_FAILED';
}
