import { StowageError } from './stowage.error';

/** Packing options are unknown, of the wrong type, or outside their allowed values. */
export class OptionsError extends StowageError {
  static override readonly defaultCode: string = 'OPTIONS_INVALID';
}
