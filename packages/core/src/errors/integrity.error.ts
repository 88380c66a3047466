import { StowageError } from './stowage.error';

/** Stored bytes do not match their record (a hash or size mismatch): the artifact is corrupted or truncated. */
export class IntegrityError extends StowageError {
  static override readonly defaultCode: string = 'INTEGRITY_MISMATCH';
}
