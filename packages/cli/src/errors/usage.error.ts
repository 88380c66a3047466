import { StowageError } from '@stowage/core';

/** The command line is wrong: an unknown command or flag, or a malformed or missing argument. */
export class UsageError extends StowageError {
  static override readonly defaultCode: string = 'CLI_USAGE_INVALID';
}
