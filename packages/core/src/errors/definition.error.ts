import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A decorator or packager class is used wrongly; thrown when the class is defined or the registry is built. */
export class DefinitionError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'DEFINITION_INVALID';
}
