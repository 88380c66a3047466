import { StowageError } from '@stowage/core';
import type { ErrorCode, StowageErrorInit } from '@stowage/core';
import type { CliErrorCode } from './cli-error-codes';

/** What a {@link CliError} is built with: its code is one of the `CLI_*` codes. */
export interface CliErrorInit extends StowageErrorInit {
  readonly code?: CliErrorCode;
}

/**
 * A `stowage` command could not do its work: a module that threw on import, a destination that
 * exists, an unsafe file name in a record, a failed run, an incomplete garbage collection.
 */
export class CliError extends StowageError {
  static override readonly defaultCode: ErrorCode = 'CLI_RUN_FAILED';
  declare readonly code: CliErrorCode;

  constructor(what: string, init: CliErrorInit = {}) {
    super(what, init);
  }
}
