import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A packager could not be collected (a module specifier that does not import, an export that is not a packager). */
export class CollectionError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'COLLECTION_FAILED';
}
