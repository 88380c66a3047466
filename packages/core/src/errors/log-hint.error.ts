import { StowageError } from './stowage.error';

/** A log hint (string, object or builder) is malformed. */
export class LogHintError extends StowageError {
  static override readonly defaultCode: string = 'LOG_HINT_INVALID';
}
