import { StowageError } from '@stowage/core';
import type { ErrorCode } from '@stowage/core';
import type {} from './cli-error-codes';

/** The command line is wrong: an unknown command or flag, or a malformed or missing argument. */
export class UsageError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'CLI_USAGE_INVALID';
}
