import { StowageError } from './stowage.error';

/** A collection of inputs could not be bundled into the hinted collection type. */
export class BundlingError extends StowageError {
  static override readonly defaultCode: string = 'BUNDLING_FAILED';
}
