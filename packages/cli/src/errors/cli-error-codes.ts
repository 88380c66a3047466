import { defineErrorCodes } from '@stowage/core';

/**
 * The error codes `@stowage/cli` throws (on `CliError` and `UsageError`), with what
 * each means. `docs/errors.md` lists them; a test keeps the two in step.
 */
export const CLI_ERROR_CODES = defineErrorCodes({
  CLI_USAGE_INVALID: 'The stowage command line is wrong: unknown command or flag, bad argument.',
  CLI_MODULE_FAILED: 'A module given to the stowage command threw while being loaded.',
  CLI_DESTINATION_EXISTS: 'stowage get would overwrite an existing file.',
  CLI_UNSAFE_FILE_NAME:
    'An artifact names a file that would land outside the stowage get destination (.., absolute).',
  CLI_RUN_FAILED: 'A run started by stowage run did not complete.',
  CLI_PARAM_INEXACT:
    'A --param number is a float that would lose digits beyond 2^53, or is too large for a number.',
  CLI_GC_INCOMPLETE: 'stowage gc --yes could not remove some of what it found.',
});

/** The codes of {@link CLI_ERROR_CODES}, added to core's `ErrorCodeRegistry` below. */
export type CliErrorCodes = typeof CLI_ERROR_CODES;

/** A code of {@link CLI_ERROR_CODES}. */
export type CliErrorCode = keyof CliErrorCodes;

declare module '@stowage/core' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- adds the CLI codes to ErrorCode
  interface ErrorCodeRegistry extends CliErrorCodes {}
}
