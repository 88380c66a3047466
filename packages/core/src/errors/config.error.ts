import type { ErrorCode } from './error-codes';
import { StowageError } from './stowage.error';

/** A project configuration (stowage.config.json or package.json "stowage") is invalid. */
export class ConfigError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'CONFIG_INVALID';
}
