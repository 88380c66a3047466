import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A handler is declared or called wrongly (missing input types, unknown inputs, bad returns). */
export class HandlerError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'HANDLER_INVALID';
}
